/**
 * A forked load-generator process that sends posts over HTTP (keep-alive agent, bounded concurrency), either at a
 * fixed rate (open loop) or as fast as `concurrency` requests in flight allow (closed loop).
 */
import { Agent, request } from 'node:http';
import { makeBody } from './body';
import { Histogram, HistogramData } from './histogram';
import { now, serve, sleep } from './rpc';
import { duePosts } from './schedule';

export interface PostTarget {
  threadId: string;
  userId: string;
  token?: string;
  /** this target's server, when not the phase's port (several api processes) */
  port?: number;
}

export interface PostRunArgs {
  kind: 'runde' | 'bare';
  port: number;
  targets: PostTarget[];
  mode: 'rate' | 'max';
  rate: number;
  startAt: number;
  /** rate mode: the rate climbs linearly from 0 to `rate` over the first rampMs (0 = full rate at once) */
  rampMs?: number;
  durationMs: number;
  window: { start: number; end: number };
  concurrency: number;
  bodyChars: number;
}

export interface PosterStats {
  sent: number;
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  errorSamples: string[];
  /** HTTP response time of posts sent inside the window */
  http: HistogramData;
  okInWindow: number;
  windowMs: number;
  /** largest number of posts the schedule was ahead of what could be sent (concurrency cap reached) */
  maxBacklog: number;
  /** 2xx responses per second since start */
  timeline: number[];
  ms: number;
}

let counter = 0;
let stopRequested = false;

async function run(args: PostRunArgs): Promise<PosterStats> {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: args.concurrency,
    maxFreeSockets: args.concurrency,
  });
  const http = new Histogram();
  const stats: PosterStats = {
    sent: 0,
    ok: 0,
    failed: 0,
    statuses: {},
    errorSamples: [],
    http: http.toData(),
    okInWindow: 0,
    windowMs: args.window.end - args.window.start,
    maxBacklog: 0,
    timeline: [],
    ms: 0,
  };
  const endAt = args.startAt + args.durationMs;
  stopRequested = false;
  let inflight = 0;

  const sendOne = (): Promise<void> => {
    const n = counter++;
    const target = args.targets[n % args.targets.length];
    const sentAt = now();
    const text = makeBody(sentAt, n, args.bodyChars);
    const payload =
      args.kind === 'runde'
        ? JSON.stringify({ body: text })
        : JSON.stringify({ stream: `thread:${target.threadId}`, actorId: target.userId, body: text });
    const path = args.kind === 'runde' ? `/api/v1/threads/${target.threadId}/posts` : '/publish';
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
    };
    if (target.token) headers.authorization = `Bearer ${target.token}`;
    stats.sent += 1;
    inflight += 1;
    return new Promise<void>((resolve) => {
      const done = (status: number, detail?: string) => {
        inflight -= 1;
        const at = now();
        const key = String(status);
        stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
        if (status >= 200 && status < 300) {
          stats.ok += 1;
          if (at >= args.window.start && at < args.window.end) stats.okInWindow += 1;
          const second = Math.floor((at - args.startAt) / 1000);
          if (second >= 0 && second < 600) stats.timeline[second] = (stats.timeline[second] ?? 0) + 1;
        } else {
          stats.failed += 1;
          if (stats.errorSamples.length < 5)
            stats.errorSamples.push(`${status} ${detail ?? ''}`.slice(0, 300));
        }
        if (sentAt >= args.window.start && sentAt < args.window.end) http.record(at - sentAt);
        resolve();
      };
      const req = request(
        { host: '127.0.0.1', port: target.port ?? args.port, method: 'POST', path, agent, headers },
        (res) => {
          const status = res.statusCode ?? 0;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => {
            if (status >= 300) chunks.push(c);
          });
          res.on('end', () => done(status, Buffer.concat(chunks).toString('utf8')));
          res.on('error', (e) => done(-1, e.message));
        },
      );
      req.on('error', (e) => done(-1, e.message));
      req.end(payload);
    });
  };

  const pending = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    pending.add(p);
    void p.then(() => pending.delete(p));
  };

  await sleep(Math.max(0, args.startAt - now()));
  if (args.mode === 'rate') {
    await new Promise<void>((resolve) => {
      const tick = () => {
        const t = now();
        if (t >= endAt || stopRequested) {
          clearInterval(timer);
          resolve();
          return;
        }
        const due = Math.floor(duePosts(t - args.startAt, args.rate, args.rampMs ?? 0));
        while (stats.sent < due && inflight < args.concurrency) track(sendOne().then(tick));
        stats.maxBacklog = Math.max(stats.maxBacklog, due - stats.sent);
      };
      const timer = setInterval(tick, 1);
      tick();
    });
  } else {
    const lanes = Array.from({ length: args.concurrency }, async () => {
      while (now() < endAt && !stopRequested) await sendOne();
    });
    await Promise.all(lanes);
  }
  const drainBy = now() + 60_000;
  while (pending.size && now() < drainBy) await Promise.race([...pending, sleep(100)]);
  agent.destroy();
  stats.http = http.toData();
  stats.timeline = Array.from(stats.timeline, (v) => v ?? 0);
  stats.ms = now() - args.startAt;
  return stats;
}

serve({
  run,
  stop: () => {
    stopRequested = true;
    return true;
  },
});
