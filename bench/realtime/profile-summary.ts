/** Summarises a V8 .cpuprofile: self time by function and by package / library, and inclusive time of roots. */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  file: string;
  seconds: number;
  samples: number;
  idlePercent: number;
  gcPercent: number;
  byFunction: Array<{ name: string; where: string; percent: number }>;
  byPackage: Array<{ name: string; percent: number }>;
  /** inclusive time of frames from runde's own code (dist/libs, dist/apps), by function */
  rundeInclusive: Array<{ name: string; where: string; percent: number }>;
}

export function packageOf(url: string): string {
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

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // self time per node from samples and time deltas (µs)
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const dt = deltas[i + 1] ?? deltas[i] ?? 0;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + Math.max(0, dt));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const pct = (us: number) => Math.round((us / total) * 1000) / 10;
  const fnSelf = new Map<string, { name: string; where: string; us: number }>();
  const pkgSelf = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') idle += us;
    if (functionName === '(garbage collector)') gc += us;
    const where = url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = fnSelf.get(key) ?? { name: functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    fnSelf.set(key, entry);
    const pkg = functionName.startsWith('(') ? functionName : packageOf(url);
    pkgSelf.set(pkg, (pkgSelf.get(pkg) ?? 0) + us);
  }
  // inclusive time of runde frames: add each sample's time once to every distinct runde frame on its stack
  const inclusive = new Map<string, { name: string; where: string; us: number }>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const { functionName, url, lineNumber } = byId.get(cur)!.callFrame;
      if (!/\/dist\/(libs|apps)\//.test(url)) continue;
      const where = `${url.replace(/^.*\/dist\//, '')}:${lineNumber + 1}`;
      const key = `${functionName}@${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = inclusive.get(key) ?? { name: functionName || '(anonymous)', where, us: 0 };
      entry.us += us;
      inclusive.set(key, entry);
    }
  }
  return {
    file,
    seconds: (profile.endTime - profile.startTime) / 1e6,
    samples: samples.length,
    idlePercent: pct(idle),
    gcPercent: pct(gc),
    byFunction: [...fnSelf.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, percent: pct(e.us) })),
    byPackage: [...pkgSelf.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, percent: pct(us) })),
    rundeInclusive: [...inclusive.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, percent: pct(e.us) })),
  };
}
