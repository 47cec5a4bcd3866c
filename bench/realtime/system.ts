/**
 * The system under test as child processes: its own database and Redis prefix, the real api and worker
 * (compiled entry points), the bare socket.io baseline, and the forked load generators. Everything started
 * here is stopped and removed again by `teardown`.
 */
import { ChildProcess, fork, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { Rpc, sleep } from './rpc';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const JWT_SECRET = 'runde-bench-jwt-secret-not-for-production-0123456789';

export function log(message: string): void {
  const t = new Date().toISOString().slice(11, 19);
  process.stdout.write(`[bench ${t}] ${message}\n`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Resolves when `cmd` exits 0; rejects with its output otherwise. */
export function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${out.slice(-2000)}`));
    });
  });
}

export function httpGet(
  port: number,
  urlPath: string,
  timeoutMs = 2000,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: urlPath, method: 'GET', timeout: timeoutMs },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export async function waitForHealth(port: number, child: ChildProcess, name: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting`);
    try {
      const res = await httpGet(port, '/health');
      if (res.status === 200) return;
    } catch {
      // not yet
    }
    await sleep(250);
  }
  throw new Error(`${name} did not answer /health within ${timeoutMs / 1000} s`);
}

/** Stops a child: SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess | undefined, graceMs = 10_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export interface Services {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
}

export function serviceEnv(s: Services, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: s.databaseUrl,
    REDIS_URL: s.redisUrl,
    REDIS_PREFIX: s.redisPrefix,
    JWT_SECRET,
    REGISTRATION_MODE: 'open',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    WRITE_RATE_LIMIT_PER_MINUTE: '100000000',
    REGISTER_RATE_LIMIT_PER_HOUR: '100000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000000',
    MAIL_TRANSPORT: 'log',
    ...extra,
  };
}

/** Starts a compiled entry point of the product with its output in a log file. */
export function startService(
  entry: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  options: { preload?: string[]; ipc?: boolean } = {},
): ChildProcess {
  // BENCH_API_NODE_ARGS / BENCH_WORKER_NODE_ARGS: extra node flags for experiments (e.g. --cpu-prof, -r ./hook.js)
  const extra =
    (entry.includes('/api/') ? process.env.BENCH_API_NODE_ARGS : process.env.BENCH_WORKER_NODE_ARGS) ?? '';
  const args = [
    ...extra.split(' ').filter(Boolean),
    ...(options.preload ?? []).flatMap((file) => ['-r', file]),
    path.join(DIST, entry),
  ];
  const out = createWriteStream(logFile);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}

/** Forks one of the bench's own processes (load generators, bare server). */
export function forkBench(file: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  const full = path.join(__dirname, file);
  if (!existsSync(full)) throw new Error(`${full} is missing: run npm run build`);
  return fork(full, [], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    execArgv: ['--max-old-space-size=4096'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

export async function startBare(): Promise<{ child: ChildProcess; port: number }> {
  const child = forkBench('bare-server.js');
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  return { child, port };
}

export function forkRpc(file: string, name: string): Rpc {
  return new Rpc(forkBench(file), name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({
    connectionString: withDatabase(adminUrl, 'postgres'),
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function deleteRedisPrefix(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
