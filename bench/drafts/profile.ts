/**
 * CPU profiles: of a child over IPC (with bench/realtime/cpu-profile-preload.js), of this process, and their
 * summaries.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { sleep } from './support';

export interface ProfileSummary {
  file: string;
  seconds: number;
  idlePercent: number;
  gcPercent: number;
  byPackage: Array<{ name: string; percent: number }>;
  byFunction: Array<{ name: string; where: string; percent: number }>;
  /** self time of native code and node internals charged to the nearest package that called them (e.g. a
   *  socket write to the PostgreSQL client that sent the query) — where the process spends its time, by subsystem */
  bySubsystem: Array<{ name: string; percent: number }>;
  /** inclusive time of runde's own functions (dist/libs, dist/apps) */
  rundeInclusive: Array<{ name: string; where: string; percent: number }>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** The drafts bench samples its profiles every 500 µs (the preload's default is 1000). */
const PROFILE_INTERVAL_US = 500;

/** Asks a child started with the CPU-profile preload to profile until `stop` is called. */
export class ChildProfiler {
  constructor(private readonly child: ChildProcess) {}

  async start(): Promise<void> {
    const started = new Promise<void>((resolve) => {
      const on = (m: { profile?: string }) => {
        if (m?.profile === 'started') {
          this.child.off('message', on);
          resolve();
        }
      };
      this.child.on('message', on);
    });
    this.child.send?.({ profile: 'start', intervalUs: PROFILE_INTERVAL_US });
    await Promise.race([started, sleep(5000)]);
  }

  async stop(file: string): Promise<boolean> {
    const written = new Promise<boolean>((resolve) => {
      const on = (m: { profile?: string; file?: string }) => {
        if (m?.profile === 'written' && m.file === file) {
          this.child.off('message', on);
          resolve(true);
        }
      };
      this.child.on('message', on);
    });
    this.child.send?.({ profile: 'stop', file });
    return Promise.race([written, sleep(30_000).then(() => false)]);
  }
}

/** Profiles `work` in this process and writes the profile to `file`. */
export async function profileHere<T>(file: string, work: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const result = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(file, JSON.stringify(result.profile));
    session.disconnect();
  }
}

function packageOf(url: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = /\/dist\/(libs|apps|bench)\/([^/]+)/.exec(url);
  if (dist) return `runde ${dist[1]}/${dist[2]}`;
  return url.replace(/^file:\/\//, '');
}

const SUBSYSTEMS: Array<[RegExp, string]> = [
  [/^(pg|pg-protocol|pg-pool|pg-types|postgres-bytea|typeorm)$/, 'PostgreSQL client (pg, typeorm)'],
  [
    /^(ws|engine\.io|engine\.io-parser|socket\.io|socket\.io-parser|socket\.io-adapter|@socket\.io\/redis-adapter)$/,
    'socket.io / websockets (incl. the Redis adapter)',
  ],
  [/^(ioredis|bullmq|@socket\.io\/redis-emitter)$/, 'Redis client (ioredis, bullmq)'],
  [/^(yjs|lib0)$/, 'Yjs'],
  [/^(zod)$/, 'zod'],
];

function subsystemOf(pkg: string): string {
  for (const [re, name] of SUBSYSTEMS) if (re.test(pkg)) return name;
  return pkg;
}

const where = (url: string, line: number) =>
  url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/').replace(/^dist\//, '')}:${line + 1}` : '';

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const dt = deltas[i + 1] ?? deltas[i] ?? 0;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + Math.max(0, dt));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const pct = (us: number) => Math.round((us / total) * 1000) / 10;
  const fn = new Map<string, { name: string; where: string; us: number }>();
  const pkg = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') idle += us;
    if (functionName === '(garbage collector)') gc += us;
    const w = where(url, lineNumber);
    const key = `${functionName}@${w}`;
    const e = fn.get(key) ?? { name: functionName || '(anonymous)', where: w, us: 0 };
    e.us += us;
    fn.set(key, e);
    const p = functionName.startsWith('(') ? functionName : packageOf(url);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
  }
  const subsystem = new Map<string, number>();
  for (const [id, us] of self) {
    let name = '';
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const { functionName, url } = byId.get(cur)!.callFrame;
      if (cur === id && functionName.startsWith('(')) {
        name = functionName;
        break;
      }
      if (!url || url.startsWith('node:')) continue;
      name = subsystemOf(packageOf(url));
      break;
    }
    name ||= '(native / node, no JS caller)';
    subsystem.set(name, (subsystem.get(name) ?? 0) + us);
  }
  const inclusive = new Map<string, { name: string; where: string; us: number }>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const { functionName, url, lineNumber } = byId.get(cur)!.callFrame;
      if (!/\/dist\/(libs|apps)\//.test(url)) continue;
      const w = where(url, lineNumber);
      const key = `${functionName}@${w}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const e = inclusive.get(key) ?? { name: functionName || '(anonymous)', where: w, us: 0 };
      e.us += us;
      inclusive.set(key, e);
    }
  }
  const sorted = <T extends { us: number }>(m: Map<string, T>) => [...m.values()].sort((a, b) => b.us - a.us);
  return {
    file,
    seconds: Math.round((profile.endTime - profile.startTime) / 1e4) / 100,
    idlePercent: pct(idle),
    gcPercent: pct(gc),
    byPackage: [...pkg.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, percent: pct(us) })),
    bySubsystem: [...subsystem.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, percent: pct(us) })),
    byFunction: sorted(fn)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, percent: pct(e.us) })),
    rundeInclusive: sorted(inclusive)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, percent: pct(e.us) })),
  };
}
