/**
 * Plumbing of the drafts benchmark (same approach as bench/realtime): a database and Redis prefix of its own, the
 * compiled api/worker as child processes, HTTP and IPC helpers, and /proc readings (CPU seconds, RSS) for the
 * report. What the two benches do alike (ports, databases, Redis prefixes, stopping children, reading /proc) comes
 * from bench/realtime; what differs (the service environment, how the api is started, the log prefix) is here.
 * Everything started here is stopped by its owner.
 */
import { ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { clockTicks, mainThreadSched, processStat } from '../realtime/proc';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const DIST = path.join(ROOT, 'dist');
/** Where the api and worker are started from: this tree's dist/, or (experiments) BENCH_PRODUCT_DIST. */
export const PRODUCT_DIST = process.env.BENCH_PRODUCT_DIST
  ? path.resolve(process.env.BENCH_PRODUCT_DIST)
  : DIST;
export const BENCH_DIR = path.join(ROOT, 'bench', 'drafts');
export const JWT_SECRET = 'runde-bench-drafts-jwt-secret-not-for-production-0123456789';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one machine. */
export const now = (): number => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export function log(message: string): void {
  const t = new Date().toISOString().slice(11, 19);
  process.stdout.write(`[bench:drafts ${t}] ${message}\n`);
}

/** Only loopback services: the benchmark never talks to anything else. */
export function assertLoopback(url: string, what: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`${what} must be on 127.0.0.1 (got ${host})`);
  }
}

export interface HttpResult {
  status: number;
  body: string;
  ms: number;
}

/** One HTTP request to the api on 127.0.0.1 (JSON body, bearer token). */
export function http(
  port: number,
  method: string,
  urlPath: string,
  options: { token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<HttpResult> {
  const started = now();
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method,
        timeout: options.timeoutMs ?? 10_000,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            ms: now() - started,
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath}: timeout`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export async function waitForHealth(port: number, child: ChildProcess, name: string, timeoutMs = 90_000) {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting`);
    try {
      if ((await http(port, 'GET', '/health', { timeoutMs: 2000 })).status === 200) return;
    } catch {
      // not yet
    }
    await sleep(200);
  }
  throw new Error(`${name} did not answer /health within ${timeoutMs / 1000} s`);
}

export interface Services {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
}

/** The api/worker environment: production mode, the bench's JWT secret, rate limits out of the way, quiet logs. */
export function serviceEnv(s: Services, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: s.databaseUrl,
    REDIS_URL: s.redisUrl,
    REDIS_PREFIX: s.redisPrefix,
    JWT_SECRET,
    ACCESS_TOKEN_TTL_SECONDS: '3600',
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

/** Starts a compiled entry point of the product (`node dist/<entry>`), its output in a log file. */
export function startService(
  entry: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  options: { preload?: string; ipc?: boolean; nodeArgs?: string[] } = {},
): ChildProcess {
  const args = [
    ...(options.nodeArgs ?? []),
    ...(options.preload ? ['-r', options.preload] : []),
    path.join(PRODUCT_DIST, entry),
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

/** Forks one of this bench's own compiled files (the editor processes). */
export function forkBench(file: string, execArgv: string[] = []): ChildProcess {
  const full = path.join(__dirname, file);
  if (!existsSync(full)) throw new Error(`${full} is missing: run npm run build`);
  return fork(full, [], { cwd: ROOT, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

// ---------------------------------------------------------------------------------------------- IPC (fork)

// The realtime bench's fork RPC and bounded pool, shared rather than copied.
export { pool, Rpc, serve } from '../realtime/rpc';
// Its service plumbing as well, where the two benches do the same.
export { deleteRedisPrefix, dropDatabase, freePort, run, stop, withDatabase } from '../realtime/system';

// ---------------------------------------------------------------------------------------------- /proc

export function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** CPU seconds so far of named processes (pids) and of all processes with these command names. */
export interface CpuSnapshot {
  at: number;
  byName: Record<string, number>;
  /** per named group: its processes' main threads (event loops), seconds run and seconds waited for a CPU */
  loops: Record<string, { running: number; waiting: number }>;
  machineBusy: number;
}

export function cpuSnapshot(
  groups: Record<string, Array<number | undefined>>,
  commNames: string[],
): CpuSnapshot {
  const byName: Record<string, number> = {};
  const loops: CpuSnapshot['loops'] = {};
  for (const [name, pids] of Object.entries(groups)) {
    byName[name] = pids.reduce<number>((a, pid) => a + ((pid && processStat(pid)?.cpuSeconds) || 0), 0);
    loops[name] = { running: 0, waiting: 0 };
    for (const pid of pids) {
      const sched = mainThreadSched(pid);
      loops[name].running += sched?.running ?? 0;
      loops[name].waiting += sched?.waiting ?? 0;
    }
  }
  for (const n of commNames) byName[`${n} (all on the machine)`] = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = processStat(entry);
    if (s && commNames.includes(s.comm)) byName[`${s.comm} (all on the machine)`] += s.cpuSeconds;
  }
  const v = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const busy = (v.reduce((a, b) => a + b, 0) - v[3] - (v[4] ?? 0)) / clockTicks;
  return { at: now(), byName, loops, machineBusy: busy };
}

/**
 * Per group, between two snapshots: its event loops' threads, seconds per second run and waited for a CPU (summed
 * over the group's processes). Running + waiting near the number of processes: the loops never idled.
 */
export function loopsBetween(a: CpuSnapshot, b: CpuSnapshot, names: string[]): Record<string, string> {
  const seconds = (b.at - a.at) / 1000;
  const out: Record<string, string> = {};
  for (const name of names) {
    const x = a.loops[name];
    const y = b.loops[name];
    if (!x || !y) continue;
    const per = (v: number) => (Math.round((v / seconds) * 100) / 100).toFixed(2);
    out[name] = `${per(y.running - x.running)} / ${per(y.waiting - x.waiting)}`;
  }
  return out;
}

/** Average cores used between two snapshots, per process (group), and by everything else on the machine. */
export function coresBetween(a: CpuSnapshot, b: CpuSnapshot, ours: string[]): Record<string, number> {
  const seconds = (b.at - a.at) / 1000;
  const out: Record<string, number> = {};
  let mine = 0;
  for (const k of Object.keys(b.byName)) {
    const cores = (b.byName[k] - (a.byName[k] ?? 0)) / seconds;
    out[k] = Math.round(cores * 100) / 100;
    if (ours.includes(k)) mine += cores;
  }
  const busy = (b.machineBusy - a.machineBusy) / seconds;
  out['machine busy'] = Math.round(busy * 100) / 100;
  out['everything else (incl. other users of the machine)'] =
    Math.round(Math.max(0, busy - mine) * 100) / 100;
  return out;
}

export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

export function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}
