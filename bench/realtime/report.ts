/** The benchmark's verdict against the issue's targets, and its report as markdown. */
import type { LatencySummary } from './histogram';
import type { BenchReport, FanoutResult, RunResult } from './realtime-bench';

export interface TargetResult {
  target: string;
  measured: string;
  met: boolean | null;
}

const f0 = (v: number | null | undefined) => (v == null || Number.isNaN(v) ? 'n/a' : v.toFixed(0));
const f1 = (v: number | null | undefined) => (v == null || Number.isNaN(v) ? 'n/a' : v.toFixed(1));
const f2 = (v: number | null | undefined) => (v == null || Number.isNaN(v) ? 'n/a' : v.toFixed(2));
const mark = (met: boolean | null) => (met === null ? '–' : met ? '✅ met' : '❌ missed');

export function arrivalGaps(r: RunResult): number {
  return r.delivery.jumps + r.delivery.outOfOrder;
}

export function evaluateTargets(report: BenchReport): TargetResult[] {
  const out: TargetResult[] = [];
  const o = report.options;
  const runde = report.fanout.find((f) => f.system === 'runde');
  const bare = report.fanout.find((f) => f.system === 'bare');
  const fanout = o.clients / o.rooms;
  const stretch = o.rate >= 2000;
  const scale = `${o.rate} posts/s, ${o.clients} clients / ${o.rooms} rooms (fan-out ${f1(fanout)})`;
  if (runde) {
    const r = runde.rate;
    out.push({
      target: `${scale}: sustained, every post persisted`,
      measured: `${f0(r.posts.achievedPerSecond)} posts/s ok in the window, ${r.posts.failed} failed, ${r.server?.persistedPosts ?? 'n/a'} persisted / ${r.posts.ok} ok`,
      met:
        r.posts.achievedPerSecond >= 0.98 * o.rate &&
        r.posts.failed === 0 &&
        (r.server?.persistedPosts ?? r.posts.ok) === r.posts.ok,
    });
    out.push({
      target: 'post→delivery p50 ≤ 15 ms',
      measured: `${f1(r.delivery.latency.p50)} ms`,
      met: r.delivery.latency.p50 <= 15,
    });
    const p99Limit = stretch ? 150 : 100;
    out.push({
      target: `post→delivery p99 ≤ ${p99Limit} ms${stretch ? ' (stretch)' : ''}`,
      measured: `${f1(r.delivery.latency.p99)} ms`,
      met: r.delivery.latency.p99 <= p99Limit,
    });
    out.push({
      target: '0 gaps, 0 lost (every client, every event once, seq +1 each)',
      measured: `lost ${r.delivery.lost} of ${r.delivery.expected}, duplicates ${r.delivery.duplicates}, arrival gaps ${arrivalGaps(r)} (holes ${r.delivery.jumps}, late ${r.delivery.outOfOrder})`,
      met: r.delivery.lost === 0 && r.delivery.duplicates === 0 && arrivalGaps(r) === 0,
    });
  }
  if (runde?.sustainable) {
    const r = runde.sustainable;
    out.push({
      target: `(for reference) runde at ${r.targetRate} posts/s, half its measured maximum: p50 / p99, 0 gaps, 0 lost`,
      measured: `${f0(r.posts.achievedPerSecond)} posts/s ok; ${f1(r.delivery.latency.p50)} / ${f1(r.delivery.latency.p99)} ms; lost ${r.delivery.lost}, duplicates ${r.delivery.duplicates}, arrival gaps ${arrivalGaps(r)}`,
      met: null,
    });
  }
  if (runde && bare) {
    const ratio = runde.rate.delivery.deliveredPerSecond / bare.rate.delivery.deliveredPerSecond;
    out.push({
      target: 'delivered/s ≥ 0.4 × bare socket.io, same offered load',
      measured: `${f0(runde.rate.delivery.deliveredPerSecond)} / ${f0(bare.rate.delivery.deliveredPerSecond)} = ${f2(ratio)}`,
      met: ratio >= 0.4,
    });
    if (runde.max && bare.max) {
      const maxRatio = runde.max.delivery.deliveredPerSecond / bare.max.delivery.deliveredPerSecond;
      out.push({
        target: 'delivered/s ≥ 0.4 × bare socket.io, each at its maximum (closed loop)',
        measured: `${f0(runde.max.delivery.deliveredPerSecond)} / ${f0(bare.max.delivery.deliveredPerSecond)} = ${f2(maxRatio)}`,
        met: maxRatio >= 0.4,
      });
    }
  }
  const idle = report.idle.find((i) => i.system === 'runde');
  if (idle) {
    out.push({
      target: `${idle.connections} idle authenticated connections in ≤ 300 MB api RSS`,
      measured: `${f0(idle.rssConnectedMb)} MB (${idle.connect.connected} connected)`,
      met: idle.connect.failed === 0 && idle.rssConnectedMb !== null && idle.rssConnectedMb <= 300,
    });
  }
  if (report.storm) {
    const s = report.storm;
    out.push({
      target: `${s.clients} clients dropped at once, posting on (${s.rate} posts/s): all caught up, 0 gaps, ≤ 10 s`,
      measured:
        s.allCaughtUpMs === null
          ? `${s.caughtUpInTime}/${s.clients} caught up within ${report.options.stormTimeout} s; gaps ${s.stats.consumerGaps}, resyncs ${s.stats.resyncs}, behind at end ${s.stats.clientsBehind}`
          : `${f1(s.allCaughtUpMs / 1000)} s; gaps ${s.stats.consumerGaps}, resyncs ${s.stats.resyncs}, behind at end ${s.stats.clientsBehind}`,
      met:
        s.allCaughtUpMs !== null &&
        s.allCaughtUpMs <= 10_000 &&
        s.stats.consumerGaps === 0 &&
        s.stats.resyncs === 0 &&
        s.stats.missing === 0,
    });
  }
  return out;
}

function lat(l: LatencySummary): string {
  return `${f1(l.p50)} / ${f1(l.p95)} / ${f1(l.p99)} / ${f1(l.max)}`;
}

function cpuLine(r: RunResult | { cpu: RunResult['cpu'] }): string {
  const c = r.cpu;
  if (!c) return 'n/a';
  const order = ['api', 'worker', 'bare', 'postgres', 'redis', 'loadgen-clients', 'loadgen-poster', 'bench'];
  const names = [
    ...order.filter((n) => n in c.cores),
    ...Object.keys(c.cores).filter((n) => !order.includes(n)),
  ];
  return (
    names
      .filter((n) => c.cores[n] >= 0.005)
      .map((n) => `${n} ${f2(c.cores[n])}`)
      .join(', ') +
    `; other ${f2(c.otherCores)}; machine busy ${f2(c.machineBusyCores)} of ${c.cpus}` +
    ` (of it interrupts ${f2(c.interruptCores)}, steal ${f2(c.stealCores)})`
  );
}

/** Each event loop's thread: running / waiting for a CPU, in seconds per second of the window. */
function loopLine(r: RunResult | { cpu: RunResult['cpu'] }): string {
  const loops = r.cpu?.loops;
  if (!loops || !Object.keys(loops).length) return 'n/a';
  const order = ['api', 'worker', 'bare', 'loadgen-clients', 'loadgen-poster', 'bench'];
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return Object.keys(loops)
    .sort((a, b) => rank(a) - rank(b))
    .filter((n) => loops[n].running + loops[n].waiting >= 0.005)
    .map((n) => `${n} ${f2(loops[n].running)} / ${f2(loops[n].waiting)}`)
    .join(', ');
}

function cpuPerPost(r: RunResult): string {
  const c = r.cpu;
  if (!c || !r.posts.achievedPerSecond) return 'n/a';
  const per = (n: string) => (n in c.cores ? f2((c.cores[n] * 1000) / r.posts.achievedPerSecond) : '–');
  return ['api', 'worker', 'postgres', 'redis', 'bare'].map(per).join(' / ');
}

function runRows(results: FanoutResult[], pick: (f: FanoutResult) => RunResult | undefined): string[] {
  const runs: Array<[string, RunResult]> = [];
  for (const f of results) {
    const r = pick(f);
    if (r) runs.push([f.system, r]);
  }
  if (!runs.length) return [];
  const head = `| | ${runs.map(([s]) => s).join(' | ')} |`;
  const sep = `| --- | ${runs.map(() => '---').join(' | ')} |`;
  const row = (label: string, fn: (r: RunResult) => string) =>
    `| ${label} | ${runs.map(([, r]) => fn(r)).join(' | ')} |`;
  return [
    head,
    sep,
    row('offered', (r) =>
      r.mode === 'rate' ? `${r.targetRate} posts/s` : `closed loop, ${r.concurrency} in flight`,
    ),
    row('posts ok/s (window)', (r) => f0(r.posts.achievedPerSecond)),
    row('posts ok / failed', (r) => `${r.posts.ok} / ${r.posts.failed}`),
    row('delivered/s (window)', (r) => f0(r.delivery.deliveredPerSecond)),
    row(
      'delivered / expected (cumulative since subscribing)',
      (r) => `${r.delivery.delivered} / ${r.delivery.expected}`,
    ),
    row('lost / duplicates', (r) => `${r.delivery.lost} / ${r.delivery.duplicates}`),
    row(
      'arrival gaps (holes / late)',
      (r) => `${arrivalGaps(r)} (${r.delivery.jumps} / ${r.delivery.outOfOrder})`,
    ),
    row('post→delivery ms p50 / p95 / p99 / max', (r) => lat(r.delivery.latency)),
    row('event occurredAt→delivery ms p50 / p95 / p99 / max', (r) => lat(r.delivery.fromEvent)),
    row('HTTP POST ms p50 / p95 / p99 / max', (r) => lat(r.posts.http)),
    row('loop probe RTT ms p50 / p95 / p99 / max', (r) => lat(r.loopProbe)),
    row('server RSS max MB', (r) => f0(r.rssMb.apiMax ?? r.rssMb.bareMax)),
    row('worker RSS max MB', (r) => f0(r.rssMb.workerMax)),
    row('outbox unpublished / queue backlog at end', (r) =>
      r.server ? `${r.server.unpublishedEvents} / ${r.server.queueBacklog}` : '–',
    ),
    row(
      'load-generator event-loop delay p99 / max ms',
      (r) => `${f1(r.loadgenLoopDelay.p99)} / ${f1(r.loadgenLoopDelay.max)}`,
    ),
    row('drain after last post ms', (r) => f0(r.delivery.drainMs)),
    row('CPU cores used (window)', (r) => cpuLine(r)),
    row('event-loop threads: running / waiting for a CPU (s per s)', (r) => loopLine(r)),
    row('CPU ms per post (api / worker / postgres / redis / bare)', (r) => cpuPerPost(r)),
  ];
}

export function renderMarkdown(report: BenchReport): string {
  const o = report.options;
  const m = report.machine;
  const lines: string[] = [];
  lines.push(`# Realtime benchmark — ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`, '');
  lines.push(`Command: \`${report.command}\` (${report.seconds} s)`, '');
  lines.push(
    `Machine: ${m.nproc} cores (${m.cpuModel}), ${m.memTotalGb} GB RAM, Node ${m.node}, ${m.os}; ` +
      `load average before ${m.loadBefore.split(' ').slice(0, 3).join(' ')}, after ${m.loadAfter.split(' ').slice(0, 3).join(' ')}; ` +
      `git ${m.gitCommit}${m.gitDirtyFiles ? ` (+${m.gitDirtyFiles} uncommitted files in the tree)` : ''}.`,
    '',
  );
  lines.push(
    `Options: ${o.clients} clients over ${o.rooms} rooms (fan-out ${f1(o.clients / o.rooms)}), ${o.rate} posts/s for ` +
      `${o.duration} s after ${o.warmup} s warm-up${o.warmupShape === 'ramp' ? ' (rate ramped up from 0)' : ' (full rate from the start)'} (≤ ${o.postConcurrency} in flight), max phase ${o.maxDuration} s ` +
      `(${o.maxConcurrency} in flight), ${o.idle} idle connections, storm of ${o.storm} at ${o.stormRate || 'auto'} posts/s, ` +
      `body ${o.bodyChars} chars${o.apiProcs > 1 ? `, ${o.apiProcs} api processes${o.splitRoles ? ' (posts to the first, sockets to the others)' : ''}` : ''}` +
      `${o.quick ? ', --quick' : ''}${o.profile ? ', --profile' : ''}${o.stages ? ', --stages' : ''}.`,
    '',
  );
  lines.push('## Targets', '', '| target | measured | |', '| --- | --- | --- |');
  for (const t of evaluateTargets(report)) lines.push(`| ${t.target} | ${t.measured} | ${mark(t.met)} |`);
  lines.push('');
  if (report.fanout.length) {
    lines.push('## Fan-out at a fixed rate', '', ...runRows(report.fanout, (f) => f.rate), '');
    if (report.fanout.some((f) => f.max))
      lines.push('## Fan-out at maximum (closed loop)', '', ...runRows(report.fanout, (f) => f.max), '');
    if (report.fanout.some((f) => f.sustainable))
      lines.push(
        '## runde at a rate it sustains (half its measured maximum)',
        '',
        ...runRows(report.fanout, (f) => f.sustainable),
        '',
      );
    lines.push(
      'Connect: ' +
        report.fanout
          .map(
            (f) =>
              `${f.system} ${f.connect.subscribed}/${f.connect.connected + f.connect.failed} subscribed in ${f0(f.connect.ms)} ms`,
          )
          .join('; '),
      '',
    );
  }
  if (report.idle.length) {
    lines.push(
      '## Idle connections',
      '',
      '| | connections | connect time | RSS before | RSS connected | RSS + subscribed to own user stream | accept-queue overflows |',
    );
    lines.push('| --- | --- | --- | --- | --- | --- | --- |');
    for (const i of report.idle) {
      lines.push(
        `| ${i.system} | ${i.connect.connected} (${i.connect.failed} failed) | ${f1(i.connect.ms / 1000)} s | ${f0(i.rssBeforeMb)} MB | ` +
          `${f0(i.rssConnectedMb)} MB | ${i.rssSubscribedMb != null ? `${f0(i.rssSubscribedMb)} MB` : '–'} | ` +
          `${i.tcp?.ListenOverflows ?? 'n/a'} |`,
      );
    }
    lines.push(
      '',
      'runde: measured on the freshly started api, before any load phase (its RSS after the runde load phases was ' +
        `${f0(report.setup.apiRssAfterLoadMb)} MB, before any connection was opened again). RSS is the api process only ` +
        '(VmRSS from /proc); the idle sockets send nothing but socket.io pings.',
      '',
    );
  }
  if (report.storm) {
    const s = report.storm;
    lines.push('## Reconnect storm (RealtimeClient from libs/client)', '');
    lines.push(
      '| | |',
      '| --- | --- |',
      `| clients dropped at once | ${s.clients} (${s.stats.reconnects} reconnects) |`,
      `| posting meanwhile | ${s.rate} posts/s offered, ${f0(s.posts.achievedPerSecond)} ok/s, ${s.posts.failed} failed${s.posts.errorSamples?.length ? ` (${s.posts.errorSamples.join('; ')})` : ''} |`,
      `| all caught up (re-subscribed with \`since\`, nothing missing) | ${s.allCaughtUpMs === null ? `no: ${s.caughtUpInTime}/${s.clients} within the ${report.options.stormTimeout} s limit` : `${f1(s.allCaughtUpMs / 1000)} s after the drop`} |`,
      `| catch-up ms p50 / p95 / p99 / max | ${lat(s.catchUp)} |`,
      `| reconnected ms p50 / p95 / p99 / max | ${lat(s.reconnect)} |`,
      `| reconnection attempts / failed attempts (connect_error) | ${s.stats.attempts} / ${
        Object.entries(s.stats.connectErrors)
          .map(([m, n]) => `${n} × "${m}"`)
          .join(', ') || 0
      } |`,
      `| first post sent after the drop delivered, ms p50 / p95 / p99 / max | ${lat(s.liveAgain)} (${s.stats.live} clients) |`,
      `| gaps seen by consumers / resyncs / errors | ${s.stats.consumerGaps} / ${s.stats.resyncs} / ${s.stats.errors} |`,
      `| behind the stream head at the end | ${s.stats.clientsBehind} clients (${s.stats.missing} events) |`,
      `| live-stream holes after reconnect (filled by the replay) | ${s.stats.rawHoles} |`,
      `| TCP accept-queue overflows / SYN retransmits (drop → end) | ${s.tcp?.ListenOverflows ?? 'n/a'} / ${s.tcp?.TCPSynRetrans ?? 'n/a'} |`,
      `| api socket round-trip probe ms p50 / p95 / p99 / max (drop → end) | ${s.loopProbe ? lat(s.loopProbe) : 'n/a'} |`,
      `| api RSS max | ${f0(s.rssMaxMb)} MB |`,
      `| api CPU per reconnecting client (drop → end, posting included) | ${s.cpu && s.seconds ? `${f1((s.cpu.cores.api * s.seconds * 1000) / s.clients)} ms` : 'n/a'} |`,
      `| CPU cores (drop → end) | ${cpuLine(s)} |`,
      '',
    );
  }
  for (const [name, p] of Object.entries(report.profiles ?? {})) {
    lines.push(
      `## api CPU profile: ${name} (${f1(p.seconds)} s, idle ${p.idlePercent}%, GC ${p.gcPercent}%)`,
      '',
      '| self time by package | % |',
      '| --- | --- |',
      ...p.byPackage.slice(0, 15).map((x) => `| ${x.name} | ${x.percent} |`),
      '',
      '| self time by function | where | % |',
      '| --- | --- | --- |',
      ...p.byFunction.slice(0, 20).map((x) => `| ${x.name} | ${x.where} | ${x.percent} |`),
      '',
      '| runde code, inclusive | where | % |',
      '| --- | --- | --- |',
      ...p.rundeInclusive.slice(0, 20).map((x) => `| ${x.name} | ${x.where} | ${x.percent} |`),
      '',
    );
  }
  for (const [name, stages] of Object.entries(report.stages ?? {})) {
    lines.push(
      `## api stage timings: ${name} (--stages)`,
      '',
      'Inside the api, per request or item: HTTP from the request to the end of the response; for each group commit ' +
        '(named by what it writes or reads) the wait from submit to the result, the write itself and the items per write.',
      '',
      '| stage | n | mean | p50 | p90 | p99 | max |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...Object.entries(stages).map(
        ([stage, s]) =>
          `| ${stage} | ${s.n} | ${f1(s.mean)} | ${f1(s.p50)} | ${f1(s.p90)} | ${f1(s.p99)} | ${f1(s.max)} |`,
      ),
      '',
    );
  }
  lines.push('## Setup', '');
  for (const s of report.setup.shortcuts) lines.push(`- ${s}`);
  for (const p of report.setup.processes) lines.push(`- ${p}`);
  lines.push(
    `- api RSS after start ${f0(report.setup.apiBaselineRssMb)} MB (after the runde load phases ${f0(report.setup.apiRssAfterLoadMb)} MB), worker ${f0(report.setup.workerBaselineRssMb)} MB; ` +
      `database ${report.setup.database} and Redis prefix ${report.setup.redisPrefix}: removed at the end.`,
    '',
  );
  if (report.errors.length) {
    lines.push('## Errors', '', ...report.errors.map((e) => `- ${e.split('\n')[0]}`), '');
  }
  return lines.join('\n');
}
