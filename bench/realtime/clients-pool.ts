/** The forked client processes as one: splits connections over them and merges what they measured. */
import type { ConnectItem, ConnectResult, FanoutStats } from './clients-worker';
import { Histogram, HistogramData } from './histogram';
import { Rpc } from './rpc';

export interface StormProgress {
  clients: number;
  reconnected: number;
  caughtUp: number;
  live: number;
  catchUp: HistogramData;
  reconnect: HistogramData;
  liveAgain: HistogramData;
}

export interface StormStats extends StormProgress {
  missing: number;
  clientsBehind: number;
  consumerGaps: number;
  resyncs: number;
  errors: number;
  delivered: number;
  rawArrivals: number;
  rawHoles: number;
  reconnects: number;
  latency: HistogramData;
  loopDelay: { p99: number; max: number };
  /** reconnection attempts after the drop, and connect_error messages */
  attempts: number;
  connectErrors: Record<string, number>;
}

const sum = <T>(parts: T[], key: keyof T) => parts.reduce((a, p) => a + (p[key] as number), 0);

function mergeConnect(parts: ConnectResult[]): ConnectResult {
  return {
    connected: sum(parts, 'connected'),
    subscribed: sum(parts, 'subscribed'),
    failed: sum(parts, 'failed'),
    errors: parts.flatMap((p) => p.errors).slice(0, 5),
    ms: Math.max(...parts.map((p) => p.ms)),
  };
}

function mergeTimeline(lists: number[][]): number[] {
  const out: number[] = [];
  for (const l of lists) l.forEach((v, i) => (out[i] = (out[i] ?? 0) + v));
  return Array.from(out, (v) => v ?? 0);
}

export class ClientsPool {
  constructor(readonly procs: Rpc[]) {}

  private split<T>(items: T[]): T[][] {
    const parts: T[][] = this.procs.map(() => []);
    items.forEach((item, i) => parts[i % parts.length].push(item));
    return parts;
  }

  async connect(
    group: string,
    url: string,
    items: ConnectItem[],
    concurrency: number,
  ): Promise<ConnectResult> {
    const parts = this.split(items);
    const per = Math.max(1, Math.ceil(concurrency / this.procs.length));
    return mergeConnect(
      await Promise.all(
        this.procs.map((p, i) =>
          p.call<ConnectResult>('connect', { group, url, items: parts[i], concurrency: per }, 600_000),
        ),
      ),
    );
  }

  async subscribeLater(group: string, concurrency: number): Promise<ConnectResult> {
    const per = Math.max(1, Math.ceil(concurrency / this.procs.length));
    return mergeConnect(
      await Promise.all(
        this.procs.map((p) => p.call<ConnectResult>('subscribeLater', { group, concurrency: per }, 600_000)),
      ),
    );
  }

  async window(phaseStart: number, start: number, end: number): Promise<void> {
    await Promise.all(this.procs.map((p) => p.call('window', { phaseStart, start, end })));
  }

  async stats(heads?: Record<string, number>): Promise<FanoutStats> {
    const parts = await Promise.all(this.procs.map((p) => p.call<FanoutStats>('stats', { heads })));
    const keys: Array<keyof FanoutStats> = [
      'clients',
      'received',
      'duplicates',
      'outOfOrder',
      'jumps',
      'beforeHead',
      'expected',
      'distinct',
      'missing',
      'clientsMissing',
      'deliveredInWindow',
    ];
    const merged = { ...parts[0] };
    for (const k of keys) (merged[k] as number) = sum(parts, k);
    merged.latency = Histogram.from(...parts.map((p) => p.latency)).toData();
    merged.fromEvent = Histogram.from(...parts.map((p) => p.fromEvent)).toData();
    merged.timeline = mergeTimeline(parts.map((p) => p.timeline));
    merged.loopDelay = {
      p50: Math.max(...parts.map((p) => p.loopDelay.p50)),
      p99: Math.max(...parts.map((p) => p.loopDelay.p99)),
      max: Math.max(...parts.map((p) => p.loopDelay.max)),
    };
    return merged;
  }

  async close(group: string): Promise<void> {
    await Promise.all(this.procs.map((p) => p.call('close', { group }, 120_000)));
  }

  async stormConnect(
    url: string,
    items: Array<{ token: string; stream: string; url?: string }>,
    concurrency: number,
  ): Promise<ConnectResult> {
    const parts = this.split(items);
    const per = Math.max(1, Math.ceil(concurrency / this.procs.length));
    return mergeConnect(
      await Promise.all(
        this.procs.map((p, i) =>
          p.call<ConnectResult>('stormConnect', { url, items: parts[i], concurrency: per }, 600_000),
        ),
      ),
    );
  }

  async stormDrop(): Promise<number> {
    const drops = await Promise.all(this.procs.map((p) => p.call<{ dropAt: number }>('stormDrop')));
    return Math.min(...drops.map((d) => d.dropAt));
  }

  private mergeProgress<T extends StormProgress>(parts: T[]): StormProgress {
    return {
      clients: sum(parts, 'clients'),
      reconnected: sum(parts, 'reconnected'),
      caughtUp: sum(parts, 'caughtUp'),
      live: sum(parts, 'live'),
      catchUp: Histogram.from(...parts.map((p) => p.catchUp)).toData(),
      reconnect: Histogram.from(...parts.map((p) => p.reconnect)).toData(),
      liveAgain: Histogram.from(...parts.map((p) => p.liveAgain)).toData(),
    };
  }

  async stormProgress(): Promise<StormProgress> {
    return this.mergeProgress(
      await Promise.all(this.procs.map((p) => p.call<StormProgress>('stormProgress'))),
    );
  }

  async stormStats(heads: Record<string, number>): Promise<StormStats> {
    const parts = await Promise.all(this.procs.map((p) => p.call<StormStats>('stormStats', { heads })));
    const keys: Array<keyof StormStats> = [
      'missing',
      'clientsBehind',
      'consumerGaps',
      'resyncs',
      'errors',
      'delivered',
      'rawArrivals',
      'rawHoles',
      'reconnects',
    ];
    const merged = { ...parts[0], ...this.mergeProgress(parts) } as StormStats;
    for (const k of keys) (merged[k] as number) = sum(parts, k);
    merged.attempts = sum(parts, 'attempts');
    merged.connectErrors = {};
    for (const p of parts)
      for (const [m, n] of Object.entries(p.connectErrors))
        merged.connectErrors[m] = (merged.connectErrors[m] ?? 0) + n;
    merged.latency = Histogram.from(...parts.map((p) => p.latency)).toData();
    merged.loopDelay = {
      p99: Math.max(...parts.map((p) => p.loopDelay.p99)),
      max: Math.max(...parts.map((p) => p.loopDelay.max)),
    };
    return merged;
  }

  async stormClose(): Promise<void> {
    await Promise.all(this.procs.map((p) => p.call('stormClose', {}, 120_000)));
  }
}
