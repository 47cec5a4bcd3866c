/**
 * Plumbing shared by the consultations and needs benchmarks (issues 25 and 26): a database and Redis prefix of the
 * run's own, the compiled api (with the server-timing preload) and worker as child processes, HTTP requests that
 * read the api's own time back, users and towns written with SQL, access tokens, socket clients, percentiles and
 * the report files. What bench/realtime already does (ports, databases, Redis prefixes, stopping children) comes
 * from there.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import type { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { DIST, ROOT, run, startService, withDatabase } from '../realtime/system';

export { deleteRedisPrefix, dropDatabase, freePort, stop, withDatabase } from '../realtime/system';
export { ROOT, DIST };

export const JWT_SECRET = 'runde-bench-rounds-jwt-secret-not-for-production-0123456789';
export const API = 'apps/api/src/main.js';
export const WORKER = 'apps/worker/src/main.js';
export const RESULTS = path.join(ROOT, 'bench', 'results');
const TIMING_PRELOAD = path.join(__dirname, 'server-timing-preload.js');

/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one machine. */
export const now = (): number => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export function logger(name: string): (message: string) => void {
  return (message) => {
    const t = new Date().toISOString().slice(11, 19);
    process.stdout.write(`[bench:${name} ${t}] ${message}\n`);
  };
}

/** Only loopback services: the benchmark never talks to anything else. */
export function assertLoopback(url: string, what: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`${what} must be on 127.0.0.1 (got ${host})`);
  }
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

export function machine() {
  return {
    nproc: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    gitCommit: sh('git', ['rev-parse', '--short', 'HEAD']),
    gitDirtyFiles: sh('git', ['status', '--porcelain']).split('\n').filter(Boolean).length,
    date: sh('date', ['-u', '+%Y-%m-%d %H:%M:%S UTC']),
  };
}

// ———————————————————————————————————————————————————————————————————————————————————— HTTP

export interface Timed {
  status: number;
  body: Buffer;
  /** Request sent → last byte received, in this process (same machine as the api). */
  ms: number;
  /** The api's own time, request event → response head (the server-timing preload's `Server-Timing: app`). */
  serverMs: number | null;
  contentType: string;
}

/** One HTTP request to the api on 127.0.0.1 (JSON body, bearer token), timed here and by the api. */
export function http(
  port: number,
  method: string,
  urlPath: string,
  options: { token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<Timed> {
  const started = now();
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method,
        timeout: options.timeoutMs ?? 30_000,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const timing = /app;dur=([0-9.]+)/.exec(String(res.headers['server-timing'] ?? ''));
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            ms: now() - started,
            serverMs: timing ? Number(timing[1]) : null,
            contentType: String(res.headers['content-type'] ?? ''),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath}: timeout`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Like http(), but a status other than `expect` is an error naming the route. */
export async function expectStatus(expect: number, p: Promise<Timed>, what: string): Promise<Timed> {
  const res = await p;
  if (res.status !== expect) {
    throw new Error(`${what}: ${res.status} ${res.body.toString().slice(0, 400)}`);
  }
  return res;
}

export const json = <T>(res: Timed): T => JSON.parse(res.body.toString()) as T;

// ———————————————————————————————————————————————————————————————————————————————————— system

export interface System {
  databaseUrl: string;
  dbName: string;
  redisPrefix: string;
  runDir: string;
  stamp: string;
}

export function systemFor(kind: string, adminDbUrl: string): System {
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const dbName = `runde_bench_${kind}_${stamp}`;
  const runDir = path.join(RESULTS, `${kind}-${stamp}`);
  mkdirSync(runDir, { recursive: true });
  return { databaseUrl: withDatabase(adminDbUrl, dbName), dbName, redisPrefix: dbName, runDir, stamp };
}

/** Creates the run's database by running the product's migrations on it (the CLI creates it when missing). */
export async function migrate(databaseUrl: string): Promise<void> {
  await run(process.execPath, [path.join(DIST, 'libs/database/src/cli/migrate.js')], {
    PATH: process.env.PATH,
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    JWT_SECRET: 'x'.repeat(32),
  });
}

export function env(sys: System, redisUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: sys.databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: sys.redisPrefix,
    JWT_SECRET,
    ACCESS_TOKEN_TTL_SECONDS: '7200',
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

/** The api with the server-timing preload (it only adds the `Server-Timing` header), on a free port. */
export function startApi(sys: System, redisUrl: string, port: number): ChildProcess {
  return startService(
    API,
    env(sys, redisUrl, {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      BENCH_SERVER_TIMING: '1',
    }),
    path.join(sys.runDir, 'api.log'),
    { preload: [TIMING_PRELOAD] },
  );
}

export function startWorker(sys: System, redisUrl: string): ChildProcess {
  return startService(WORKER, env(sys, redisUrl), path.join(sys.runDir, 'worker.log'));
}

/** Waits until the outbox is empty (the relay published everything) and the worker's jobs had time to run. */
export async function waitForOutbox(db: Client, timeoutMs = 120_000): Promise<void> {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM event_outbox`)).rows;
    if (n === 0) return;
    await sleep(250);
  }
  throw new Error('the outbox did not drain');
}

// ———————————————————————————————————————————————————————————————————————————————————— seed

export interface BenchUser {
  id: string;
  token: string;
}

/** Users written with SQL (no password sign-in), with access tokens signed as TokenService signs them. */
export async function insertUsers(db: Client, count: number, label: string): Promise<BenchUser[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.query(
    `INSERT INTO users (id, email, email_normalized, password_hash, display_name)
     SELECT id, $2 || '-' || ord || '@bench.invalid', $2 || '-' || ord || '@bench.invalid',
            '!bench-account-no-password', 'Bench ' || $2 || ' ' || ord
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`,
    [ids, label],
  );
  return ids.map((id) => ({
    id,
    token: jwt.sign({ sub: id, typ: 'access' }, JWT_SECRET, { algorithm: 'HS256', expiresIn: 7200 }),
  }));
}

/**
 * Towns (kind town, in a district, with an AGS: the district's Kreisschlüssel and three digits) until the
 * register's 44 districts and the towns make `total` organisations; returns the districts first, then the towns.
 */
export async function districtsAndTowns(db: Client, total: number): Promise<string[]> {
  const districts: Array<{ id: string }> = (
    await db.query(
      `SELECT id FROM organisations WHERE kind IN ('Landkreis', 'Stadtkreis') ORDER BY kreisschluessel`,
    )
  ).rows;
  const towns = Math.max(0, total - districts.length);
  await db.query(
    `INSERT INTO organisations (name, kind, parent_id, ags)
     SELECT 'Gemeinde ' || d.kreisschluessel || '-' || lpad(n::text, 3, '0'), 'town', d.id,
            d.kreisschluessel || lpad(n::text, 3, '0')
       FROM (SELECT id, kreisschluessel, row_number() OVER (ORDER BY kreisschluessel) - 1 AS k
               FROM organisations WHERE kind IN ('Landkreis', 'Stadtkreis')) d
       CROSS JOIN generate_series(1, 999) AS n
      WHERE (n - 1) * (SELECT count(*) FROM organisations WHERE kind IN ('Landkreis', 'Stadtkreis')) + d.k < $1`,
    [towns],
  );
  const townIds: Array<{ id: string }> = (
    await db.query(`SELECT id FROM organisations WHERE kind = 'town' ORDER BY ags`)
  ).rows;
  return [...districts.map((d) => d.id), ...townIds.map((t) => t.id)];
}

/** One confirmed person per organisation, with the role given; returns them in the organisations' order. */
export async function confirmedPeople(
  db: Client,
  orgIds: string[],
  role: 'admin' | 'deputy' | 'member',
  label: string,
): Promise<BenchUser[]> {
  const users = await insertUsers(db, orgIds.length, label);
  await db.query(
    `INSERT INTO organisation_members (organisation_id, user_id, role, status, decided_at)
     SELECT o, u, $3, 'confirmed', now() FROM unnest($1::uuid[], $2::uuid[]) AS t(o, u)`,
    [orgIds, users.map((u) => u.id), role],
  );
  return users;
}

// ———————————————————————————————————————————————————————————————————————————————————— sockets

export interface Watcher {
  socket: Socket;
  /** event type → arrival times (now()) per key the caller extracts */
  arrivals: Map<string, number>;
}

/**
 * A browser's live connection: socket.io over websocket with the access token, subscribed to `stream`; records
 * when each event of `type` arrives, keyed by `keyOf(data)`.
 */
export async function watcher(
  url: string,
  token: string,
  stream: string,
  type: string,
  keyOf: (data: Record<string, unknown>) => string,
): Promise<Watcher> {
  const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  const arrivals = new Map<string, number>();
  socket.on('event', (e: { type: string; data: Record<string, unknown> }) => {
    if (e.type === type) arrivals.set(keyOf(e.data), now());
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = (await socket.timeout(10_000).emitWithAck('subscribe', { stream })) as { ok?: boolean };
  if (!ack || ack.ok === false) throw new Error(`subscribing to ${stream}: ${JSON.stringify(ack)}`);
  return { socket, arrivals };
}

// ———————————————————————————————————————————————————————————————————————————————————— numbers

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles, rounded to 0.1 ms. */
export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (p: number) => (n ? sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] : NaN);
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    n,
    p50: r(at(50)),
    p95: r(at(95)),
    p99: r(at(99)),
    max: r(n ? sorted[n - 1] : NaN),
    mean: r(n ? sorted.reduce((a, b) => a + b, 0) / n : NaN),
  };
}

export const fmt = (s: Summary) => `p50 ${s.p50} / p95 ${s.p95} / p99 ${s.p99} / max ${s.max} ms (n ${s.n})`;

/** CPU seconds (user + system) of a process so far, from /proc. */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export interface Target {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

/** Writes report.{md,json} into the run's directory and `<kind>-latest.{md,json}` next to it. */
export function writeReport(sys: System, kind: string, markdown: string, data: unknown): void {
  writeFileSync(path.join(sys.runDir, 'report.md'), `${markdown}\n`);
  writeFileSync(path.join(sys.runDir, 'report.json'), `${JSON.stringify(data, null, 2)}\n`);
  writeFileSync(path.join(RESULTS, `${kind}-latest.md`), `${markdown}\n`);
  writeFileSync(path.join(RESULTS, `${kind}-latest.json`), `${JSON.stringify(data, null, 2)}\n`);
}

export function targetsTable(targets: Target[]): string {
  return [
    '| target | measured | |',
    '| --- | --- | --- |',
    ...targets.map((t) => `| ${t.name}: ${t.target} | ${t.measured} | ${t.met ? '✅ met' : '❌ missed'} |`),
  ].join('\n');
}
