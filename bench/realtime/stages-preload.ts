/**
 * Preloaded into the api (`node -r …/stages-preload.js`) only when the benchmark runs with --stages: where a
 * post's time goes inside the api. The parent sends `{stages: 'start'}` at the start of the measured window and
 * `{stages: 'stop'}` at its end, and gets `{stages: 'summary', summary}` back. Recorded in between:
 * - `http POST` (and other methods): from the server's `request` event to the response's `finish`;
 * - for every group commit of the product (`GroupCommit`, named by its `what`: caller lookups, thread lookups,
 *   posts, …): `wait` from `submit` to the item's result (queueing + write), `write` the write itself, and
 *   `items per write`;
 * - `event-loop delay`: how late a 5 ms interval timer fires.
 * It wraps the compiled product's GroupCommit (dist/libs/platform) in this process only; nothing is changed
 * when the benchmark runs without --stages.
 */
import { Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Histogram, LatencySummary } from './histogram';

export type StageSummary = Record<string, LatencySummary>;

interface GroupCommitLike {
  options: { what: string; write: (items: unknown[]) => Promise<unknown[]> };
  submit(item: unknown): Promise<unknown>;
}

if (process.env.BENCH_STAGES === '1' && process.send) {
  const stages = new Map<string, Histogram>();
  let on = false;
  const record = (name: string, value: number) => {
    if (!on) return;
    let h = stages.get(name);
    if (!h) stages.set(name, (h = new Histogram()));
    h.record(value);
  };

  // dist/bench/realtime → dist/libs/platform/src/database/group-commit.js (the module the api loads).
  const modulePath = path.join(
    __dirname,
    '..',
    '..',
    'libs',
    'platform',
    'src',
    'database',
    'group-commit.js',
  );
  const { GroupCommit } = createRequire(__filename)(modulePath) as {
    GroupCommit: { prototype: GroupCommitLike };
  };
  const wrapped = new WeakSet<object>();
  const submit = GroupCommit.prototype.submit;
  GroupCommit.prototype.submit = function (this: GroupCommitLike, item: unknown) {
    const what = this.options.what;
    if (!wrapped.has(this.options)) {
      wrapped.add(this.options);
      const write = this.options.write;
      this.options.write = async (items) => {
        const start = performance.now();
        record(`${what}: items per write`, items.length);
        try {
          return await write(items);
        } finally {
          record(`${what}: write ms`, performance.now() - start);
        }
      };
    }
    const start = performance.now();
    const result = submit.call(this, item);
    result.then(
      () => record(`${what}: wait ms (submit → result)`, performance.now() - start),
      () => undefined,
    );
    return result;
  };

  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request' && on) {
      const [req, res] = args as [{ method?: string }, { once(e: string, f: () => void): void }];
      const start = performance.now();
      res.once('finish', () => record(`http ${req.method} ms`, performance.now() - start));
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof Server.prototype.emit;

  const TICK_MS = 5;
  let loop: ReturnType<typeof setInterval> | null = null;
  process.on('message', (message: { stages?: 'start' | 'stop' }) => {
    if (message?.stages === 'start') {
      stages.clear();
      on = true;
      let last = performance.now();
      loop = setInterval(() => {
        const t = performance.now();
        record('event-loop delay ms (5 ms timer)', Math.max(0, t - last - TICK_MS));
        last = t;
      }, TICK_MS);
    } else if (message?.stages === 'stop') {
      on = false;
      if (loop) clearInterval(loop);
      const summary: StageSummary = {};
      for (const [name, h] of [...stages].sort(([a], [b]) => a.localeCompare(b))) summary[name] = h.summary();
      process.send?.({ stages: 'summary', summary });
    }
  });
  (process.channel as { unref?: () => void } | undefined)?.unref?.();
}
