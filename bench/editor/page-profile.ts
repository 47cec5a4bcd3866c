/**
 * A CPU profile of the page's main thread (DevTools protocol `Profiler`), summarised by original source through the
 * browser client's source maps (apps/web/dist/assets/*.js.map, read with source-map-js when it is installed —
 * it comes with Vite; without it the summary names the bundle's files): self time by package or source file,
 * inclusive time by source file (each file once per sample), and the heaviest functions.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface PageProfileSummary {
  file: string;
  seconds: number;
  idlePercent: number;
  /** self time: packages (node_modules/<name>) and the client's own files */
  bySource: Array<{ name: string; percent: number }>;
  /** inclusive time of the client's own files and of the editor packages */
  inclusive: Array<{ name: string; percent: number }>;
  byFunction: Array<{ name: string; where: string; percent: number }>;
}

type Consumer = {
  originalPositionFor(p: { line: number; column: number }): {
    source: string | null;
    line: number | null;
    name: string | null;
  };
};

export async function profilePage<T>(page: Page, file: string, work: () => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    writeFileSync(file, JSON.stringify(profile));
    await cdp.detach().catch(() => undefined);
  }
}

function sourceMapLib(): { SourceMapConsumer: new (raw: unknown) => Consumer } | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('source-map-js') as { SourceMapConsumer: new (raw: unknown) => Consumer };
  } catch {
    return null;
  }
}

function consumers(assets: string): (url: string) => Consumer | null {
  const lib = sourceMapLib();
  const cache = new Map<string, Consumer | null>();
  return (url: string) => {
    if (!lib || !url) return null;
    const name = url.split('/').pop()!.split('?')[0];
    if (!cache.has(name)) {
      const map = path.join(assets, `${name}.map`);
      cache.set(
        name,
        existsSync(map) ? new lib.SourceMapConsumer(JSON.parse(readFileSync(map, 'utf8'))) : null,
      );
    }
    return cache.get(name)!;
  };
}

/** node_modules/<pkg>/… → the package; apps/web/src/… and libs/… → the file. */
function sourceName(source: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (nm) return nm[1];
  const own = /((?:apps|libs)\/.*)$/.exec(source);
  return own ? own[1] : source;
}

export function summarizePageProfile(file: string, assetsDir: string, top = 15): PageProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const mapFor = consumers(assetsDir);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
  const resolved = new Map<number, { source: string; name: string; where: string }>();
  const resolve = (id: number) => {
    let r = resolved.get(id);
    if (r) return r;
    const f = byId.get(id)!.callFrame;
    const c = mapFor(f.url);
    const pos = c?.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
    if (pos?.source) {
      const src = pos.source.replace(/^(\.\.\/)+/, '');
      r = {
        source: sourceName(src),
        name: pos.name || f.functionName || '(anonymous)',
        where: `${src.replace(/^.*node_modules\//, '')}:${pos.line}`,
      };
    } else {
      r = {
        source: f.functionName.startsWith('(')
          ? f.functionName
          : f.url
            ? f.url.split('/').pop()!
            : '(native)',
        name: f.functionName || '(anonymous)',
        where: f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '',
      };
    }
    resolved.set(id, r);
    return r;
  };
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const dt = deltas[i + 1] ?? deltas[i] ?? 0;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + Math.max(0, dt));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const pct = (us: number) => Math.round((us / total) * 1000) / 10;
  const bySource = new Map<string, number>();
  const byFn = new Map<string, { name: string; where: string; us: number }>();
  const inclusive = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of self) {
    const r = resolve(id);
    if (r.source === '(idle)') idle += us;
    bySource.set(r.source, (bySource.get(r.source) ?? 0) + us);
    const key = `${r.name}@${r.where}`;
    const e = byFn.get(key) ?? { name: r.name, where: r.where, us: 0 };
    e.us += us;
    byFn.set(key, e);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const s = resolve(cur).source;
      if (s.startsWith('(') || seen.has(s)) continue;
      seen.add(s);
      inclusive.set(s, (inclusive.get(s) ?? 0) + us);
    }
  }
  const topOf = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, percent: pct(us) }));
  return {
    file,
    seconds: Math.round((profile.endTime - profile.startTime) / 1e4) / 100,
    idlePercent: pct(idle),
    bySource: topOf(bySource),
    inclusive: topOf(inclusive),
    byFunction: [...byFn.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, percent: pct(e.us) })),
  };
}
