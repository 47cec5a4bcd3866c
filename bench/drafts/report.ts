/** The drafts benchmark's report: its shape, the targets of issue 6, and the markdown rendering. */
import type { DraftsBenchOptions } from './options';
import type { ProfileSummary } from './profile';
import type { InProcessLoad } from './replay';
import type { Summary } from './stats';

export interface SyncTiming {
  ms: number;
  bytes: number;
  version: number;
  correct: boolean;
}

export interface DraftsReport {
  kind: 'drafts';
  stamp: string;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  command: string;
  options: Omit<DraftsBenchOptions, 'phases'> & { phases: string[] };
  machine: {
    nproc: number;
    cpuModel: string;
    free: string;
    node: string;
    os: string;
    gitCommit: string;
    gitDirtyFiles: number;
    date: string;
    loadBefore: string;
    loadAfter: string;
  };
  setup: {
    database: string;
    redisPrefix: string;
    apiDatabasePoolSize: number;
    processes: string[];
    notes: string[];
  };
  live?: {
    drafts: number;
    editorsPerDraft: number;
    sockets: number;
    ratePerEditor: number;
    initialChars?: number;
    offeredPerSecond: number;
    warmupSeconds: number;
    windowSeconds: number;
    connect: { ms: number; failed: number; connectMs: Summary; syncMs: Summary };
    rates: {
      editsTypedPerSecond: number;
      updatesSentPerSecond: number;
      updatesAckedPerSecond: number;
      committedPerSecond: number | null;
      mergedSends: number;
      ackTimeline: number[];
    };
    peer: Summary;
    persist: Summary;
    typedPeer: Summary;
    typedAck: Summary;
    delivery: {
      peerExpected: number;
      peerDelivered: number;
      received: number;
      echoes: number;
      unmatched: number;
      versionGaps: number;
      versionRepeats: number;
    };
    totals: { typed: number; sent: number; acked: number };
    errors: { count: number; samples: string[] };
    drain: { quiet: boolean; ms: number };
    convergence: {
      drafts: number;
      identical: number;
      matchGet: number;
      versionsMatch: number;
      failures: string[];
    };
    cpuCores: Record<string, number>;
    /** per group: event-loop threads' seconds run / waited for a CPU, per second of the window */
    loops?: Record<string, string>;
    /** CPU milliseconds per committed update in the window (cores × 1000 / committed per s) */
    cpuMsPerCommittedUpdate: {
      api: number | null;
      postgres: number | null;
      editors: number | null;
      worker: number | null;
    };
    baseline: { count: number; intervalMs: number; peer: Summary; persist: Summary; errors: number };
    apiRssMb: { windowStart: number | null; windowEnd: number | null };
    loadgenLoopDelayMs: Array<{ p50: number; p99: number; max: number }>;
    profile?: ProfileSummary;
  };
  replay?: {
    trace: {
      ops: number;
      seed: number;
      inserts: number;
      deletes: number;
      updateBytes: number;
      finalTextChars: number;
      /** rich-text traces (since 2026-12-06): the plain text's length, Enter splits, joins, top-level blocks */
      finalPlainChars?: number;
      splits?: number;
      joins?: number;
      blocks?: number;
      generatedMs: number | null;
      fromCache: boolean;
      cacheFile: string;
    };
    write: { logMs: number; copyMs: number[]; compactionMs: number };
    inProcess: InProcessLoad;
    inProcessSnapshotAcquireMs: number;
    api?: {
      startMs: number;
      coldSync: SyncTiming;
      coldSyncSnapshot: SyncTiming;
      coldSyncProfiled: SyncTiming | null;
      warmSync: SyncTiming;
      get: { status: number; ms: number; bytes: number };
      rssMb: { before: number | null; after: number | null };
    };
    profiles: { inProcess?: ProfileSummary; api?: ProfileSummary };
  };
  errors: string[];
}

export interface TargetResult {
  target: string;
  measured: string;
  /** null: not measured at the target's size (quick or reduced run) */
  met: boolean | null;
}

const f = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(digits);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export function evaluateTargets(r: DraftsReport): TargetResult[] {
  const out: TargetResult[] = [];
  const l = r.live;
  if (l) {
    const full = l.offeredPerSecond >= 1250 && l.drafts >= 50 && l.editorsPerDraft >= 5;
    const achieved = l.rates.updatesAckedPerSecond >= 0.97 * l.offeredPerSecond;
    const rate = `${f(l.rates.updatesAckedPerSecond, 0)} updates/s acknowledged of ${l.offeredPerSecond} offered`;
    out.push({
      target: `${l.drafts} drafts × ${l.editorsPerDraft} editors × ${l.ratePerEditor} updates/s: update→peer p99 ≤ 50 ms`,
      measured: `p99 ${f(l.peer.p99)} ms (p50 ${f(l.peer.p50)}, p95 ${f(l.peer.p95)}); ${rate}`,
      met: full ? l.peer.p99 <= 50 && achieved : null,
    });
    out.push({
      target: `same load: persistence lag (emit → ack after commit) p99 ≤ 200 ms`,
      measured: `p99 ${f(l.persist.p99)} ms (p50 ${f(l.persist.p50)}, p95 ${f(l.persist.p95)}); ${rate}`,
      met: full ? l.persist.p99 <= 200 && achieved : null,
    });
  }
  const p = r.replay;
  if (p?.api) {
    const full = p.trace.ops >= 250_000;
    out.push({
      target: `replay of a ${p.trace.ops.toLocaleString('en')}-operation trace into one document server-side ≤ 5 s`,
      measured:
        `cold draft:sync on a fresh api ${f(p.api.coldSync.ms / 1000, 2)} s (log only, no snapshot); in-process ` +
        `DraftDocStore load median ${f(median(p.inProcess.acquireMs) / 1000, 2)} s`,
      met: full ? p.api.coldSync.ms <= 5000 && p.api.coldSync.correct : null,
    });
  }
  return out;
}

const mark = (met: boolean | null) =>
  met === null ? '— (not at target size)' : met ? '✅ met' : '❌ missed';

function latencyRow(name: string, s: Summary): string {
  return `| ${name} | ${s.n} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${f(s.p999)} | ${f(s.max)} | ${f(s.mean)} |`;
}

function profileTables(title: string, p: ProfileSummary, top = 12): string[] {
  return [
    `### ${title}`,
    '',
    `${f(p.seconds, 1)} s profiled, idle ${f(p.idlePercent)} %, GC ${f(p.gcPercent)} % — \`${p.file.replace(/^.*\/bench\/drafts\//, 'bench/drafts/')}\``,
    '',
    '| time by subsystem (native code and node internals charged to the package that called them) | % |',
    '| --- | --- |',
    ...(p.bySubsystem ?? []).slice(0, top).map((x) => `| ${x.name} | ${f(x.percent)} |`),
    '',
    '| self time by package | % |',
    '| --- | --- |',
    ...p.byPackage.slice(0, top).map((x) => `| ${x.name} | ${f(x.percent)} |`),
    '',
    '| self time by function | where | % |',
    '| --- | --- | --- |',
    ...p.byFunction.slice(0, top).map((x) => `| ${x.name} | ${x.where} | ${f(x.percent)} |`),
    '',
    '| runde code, inclusive | where | % |',
    '| --- | --- | --- |',
    ...p.rundeInclusive.slice(0, top).map((x) => `| ${x.name} | ${x.where} | ${f(x.percent)} |`),
    '',
  ];
}

export function renderMarkdown(r: DraftsReport): string {
  const m = r.machine;
  const lines: string[] = [
    `# Strategy drafts benchmark (issue 6) — ${m.date}`,
    '',
    `Command: \`${r.command}\` (${f(r.seconds)} s in total${r.options.quick ? ', quick mode' : ''})`,
    '',
    `Machine: \`nproc\` = ${m.nproc} (${m.cpuModel}), Node ${m.node}, ${m.os}, git ${m.gitCommit} ` +
      `(+${m.gitDirtyFiles} uncommitted files in the tree); load average before ${m.loadBefore}, after ${m.loadAfter}.`,
    '',
    '```',
    '$ free -h',
    m.free,
    '```',
    '',
    '## Targets',
    '',
    '| target | measured | |',
    '| --- | --- | --- |',
    ...evaluateTargets(r).map((t) => `| ${t.target} | ${t.measured} | ${mark(t.met)} |`),
    '',
  ];
  const busy = r.live?.cpuCores['machine busy'];
  const others = r.live?.cpuCores['everything else (incl. other users of the machine)'];
  if (busy !== undefined && others !== undefined) {
    lines.push(
      `During the live window the machine's ${m.nproc} cores were ${f((busy / m.nproc) * 100, 0)} % busy, ` +
        `${f(others, 2)} cores of it by processes outside this benchmark (other work on the shared machine); ` +
        'latencies and the achieved rate depend on that, the CPU cost per update much less.',
      '',
    );
  }
  if (r.errors.length) lines.push('**Errors:**', '', ...r.errors.map((e) => `- ${e.split('\n')[0]}`), '');

  const l = r.live;
  if (l) {
    lines.push(
      '## 1. Live co-editing',
      '',
      `${l.drafts} drafts × ${l.editorsPerDraft} editors = ${l.sockets} socket.io clients (websocket transport, one ` +
        `connection and one JWT each, every editor a Y.Doc synced with \`draft:sync\`), each typing a small edit ` +
        `into a draft that starts with ${l.initialChars ? `${l.initialChars.toLocaleString('en')} characters` : 'one line'} ` +
        `(1–3 characters into a paragraph or heading of the rich-text document — the Y.XmlFragment \`prosemirror\` — ` +
        `sometimes a backspace first, 1 in 100 an Enter that starts a new paragraph) ${l.ratePerEditor}×/s at a fixed ` +
        `schedule: ${l.offeredPerSecond} updates/s offered. One \`draft:update\` in flight per editor (what is typed ` +
        `meanwhile is merged into the next one, like the browser binding). ${l.warmupSeconds} s warm-up, then ` +
        `${l.windowSeconds} s measured; only updates emitted inside the window count.`,
      '',
      '- **update→peer**: from an editor’s `draft:update` emit to the arrival of the broadcast `draft:update` at each ' +
        'of the draft’s other editors (matched by the update’s first struct id = sender clientID + clock; sender and ' +
        'receivers are in the same process, one clock).',
      '- **persistence lag**: emit → ack `{ok, version}`; the server acknowledges after the update is committed ' +
        '(DraftWriter group commit: one statement per batch of a draft’s queued updates — `drafts` version check + ' +
        '`draft_updates` rows; `content_text` at most once a second per draft).',
      '- typed→…: the same measured from the keystroke (adds the wait behind an unacknowledged previous update).',
      '',
      '| latency (ms) | n | p50 | p95 | p99 | p99.9 | max | mean |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      latencyRow('update→peer (emit → each other editor)', l.peer),
      latencyRow('persistence lag (emit → ack)', l.persist),
      latencyRow('typed→peer', l.typedPeer),
      latencyRow('typed→ack', l.typedAck),
      '',
      `Baseline before the load (same api, sockets connected, nothing else typing): one editor sends ${l.baseline.count} ` +
        `updates ${l.baseline.intervalMs} ms apart — update→peer p50 ${f(l.baseline.peer.p50)} / p95 ${f(l.baseline.peer.p95)} / ` +
        `max ${f(l.baseline.peer.max)} ms (n ${l.baseline.peer.n}), persistence lag p50 ${f(l.baseline.persist.p50)} / ` +
        `p95 ${f(l.baseline.persist.p95)} / max ${f(l.baseline.persist.max)} ms.`,
      '',
      '| | |',
      '| --- | --- |',
      `| edits typed / updates sent / acknowledged per s (window) | ${f(l.rates.editsTypedPerSecond, 0)} / ${f(l.rates.updatesSentPerSecond, 0)} / ${f(l.rates.updatesAckedPerSecond, 0)} |`,
      `| versions committed per s (sum of \`drafts.version\`, window) | ${f(l.rates.committedPerSecond, 0)} |`,
      `| acknowledged per second of the window | ${l.rates.ackTimeline.join(', ')} |`,
      `| sends that merged several edits (previous still unacknowledged) | ${l.rates.mergedSends} of ${l.totals.sent} |`,
      `| errors (failed or timed-out acks, resent) | ${l.errors.count}${l.errors.samples.length ? `: ${l.errors.samples.join('; ')}` : ''} |`,
      `| peer deliveries of window updates (received / expected) | ${l.delivery.peerDelivered} / ${l.delivery.peerExpected} |`,
      `| broadcasts received in total / own update echoed back to the sender / unmatched | ${l.delivery.received} / ${l.delivery.echoes} / ${l.delivery.unmatched} |`,
      `| version gaps / repeats (versions an editor never heard of, by broadcast or its own ack / heard twice) | ${l.delivery.versionGaps} / ${l.delivery.versionRepeats} |`,
      `| drained after typing stopped | ${l.drain.quiet ? 'yes' : 'NO'}, ${f(l.drain.ms, 0)} ms |`,
      `| convergence: drafts whose ${l.editorsPerDraft} editors have identical text | ${l.convergence.identical} / ${l.convergence.drafts} |`,
      `| convergence: editors' text = \`GET /api/v1/drafts/:id\` content | ${l.convergence.matchGet} / ${l.convergence.drafts} |`,
      `| convergence: last broadcast version = GET version (every editor) | ${l.convergence.versionsMatch} / ${l.convergence.drafts} |`,
      `| connect + subscribe + sync of all editors | ${f(l.connect.ms, 0)} ms (connect p99 ${f(l.connect.connectMs.p99)} ms, sync p99 ${f(l.connect.syncMs.p99)} ms), ${l.connect.failed} failed |`,
      `| CPU cores used in the window | ${Object.entries(l.cpuCores)
        .map(([k, v]) => `${k} ${f(v, 2)}`)
        .join(', ')} |`,
      `| event-loop threads: running / waiting for a CPU (s per s; editors: both processes) | ${Object.entries(
        l.loops ?? {},
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} |`,
      `| CPU ms per committed update (window) | api ${f(l.cpuMsPerCommittedUpdate.api, 2)}, postgres backends ${f(l.cpuMsPerCommittedUpdate.postgres, 2)}, worker ${f(l.cpuMsPerCommittedUpdate.worker, 2)}, editors (load generator) ${f(l.cpuMsPerCommittedUpdate.editors, 2)} |`,
      `| → one api process (single-threaded) given a whole core could commit at most | ${l.cpuMsPerCommittedUpdate.api ? f(1000 / l.cpuMsPerCommittedUpdate.api, 0) : 'n/a'} updates/s; ${l.offeredPerSecond}/s needs ${l.cpuMsPerCommittedUpdate.api ? f((l.offeredPerSecond * l.cpuMsPerCommittedUpdate.api) / 1000, 2) : 'n/a'} api cores + ${l.cpuMsPerCommittedUpdate.postgres ? f((l.offeredPerSecond * l.cpuMsPerCommittedUpdate.postgres) / 1000, 2) : 'n/a'} postgres cores at this cost |`,
      `| api RSS at window start / end | ${f(l.apiRssMb.windowStart, 0)} / ${f(l.apiRssMb.windowEnd, 0)} MB |`,
      `| editor processes' event-loop delay p99 / max (ms) | ${l.loadgenLoopDelayMs.map((d) => `${f(d.p99)} / ${f(d.max)}`).join('; ')} |`,
      '',
    );
    if (l.convergence.failures.length)
      lines.push('Convergence failures:', '', ...l.convergence.failures.map((x) => `- ${x}`), '');
  }

  const p = r.replay;
  if (p) {
    const t = p.trace;
    const ip = p.inProcess;
    lines.push(
      '## 2. Replay of an editing trace',
      '',
      (t.blocks !== undefined
        ? `Trace: ${t.ops.toLocaleString('en')} keystrokes into the text blocks of a rich-text document (the ` +
          `Y.XmlFragment \`prosemirror\`): ${t.inserts} characters, ${t.deletes} backspaces, ${t.splits} Enter ` +
          `(a block split, the rest in a new paragraph or heading), ${t.joins} backspaces that joined two blocks; ` +
          `by 5 authors (fixed clientIDs) in sessions of 200 keystrokes at random places, seed ${t.seed}; each ` +
          `keystroke its own Yjs update (${t.updateBytes.toLocaleString('en')} bytes in total); final document ` +
          `${t.blocks} blocks, ${(t.finalPlainChars ?? 0).toLocaleString('en')} characters of text, ` +
          `${t.finalTextChars.toLocaleString('en')} of Markdown. `
        : `Trace: ${t.ops.toLocaleString('en')} single-character operations (${t.inserts} inserts, ${t.deletes} ` +
          `backspaces) by 5 authors (fixed clientIDs) in sessions of 200 keystrokes at random places, seed ${t.seed}; ` +
          `each operation its own Yjs update (${t.updateBytes.toLocaleString('en')} bytes in total); final text ` +
          `${t.finalTextChars.toLocaleString('en')} characters. `) +
        `${t.fromCache ? `Read from \`${t.cacheFile}\`.` : `Generated in ${f((t.generatedMs ?? 0) / 1000, 1)} s and cached in \`${t.cacheFile}\`.`}`,
      '',
      `Written with SQL into the update log of one draft (\`draft_updates\`: versions 1…${t.ops}, one row per ` +
        `update, authors; \`drafts.version\` = ${t.ops}, \`content_text\` = the final text, \`content_version\` = ${t.ops}) in ${f(p.write.logMs / 1000, 1)} s; ` +
        `two copies of that draft made inside PostgreSQL (${p.write.copyMs.map((x) => f(x / 1000, 1)).join(' s, ')} s); ` +
        `the product's compaction (\`DraftCompactor.compact\`, what the worker's compact-draft job runs) folded the ` +
        `third one into a snapshot in ${f(p.write.compactionMs / 1000, 2)} s.`,
      '',
      '**What is timed.** The product loads a document on its first use in a process: `DraftDocStore.acquire` → ' +
        '`SELECT version, content_text, content_version FROM drafts`, `DraftLog.docAt` (latest snapshot, `SELECT … FROM draft_updates ' +
        'ORDER BY version`, contiguity check, `buildDoc` = `Y.applyUpdate` of every update in one transaction), then ' +
        '`textOf(doc)` compared with `content_text` (it shows that version). (`GET /api/v1/drafts/:id` does not load ' +
        'the document when `content_text` is current — it reads the row — so the api-side measurement uses the first ' +
        '`draft:sync`.)',
      '',
      '| what | time |',
      '| --- | --- |',
    );
    if (p.api) {
      const a = p.api;
      lines.push(
        `| **fresh api process, first \`draft:sync\` of the log-only draft** (socket emit → ack: access check, load as above, \`Y.encodeStateAsUpdate\`, ${a.coldSync.bytes.toLocaleString('en')} bytes back; text and version verified: ${a.coldSync.correct ? 'yes' : 'NO'}) | **${f(a.coldSync.ms / 1000, 2)} s** |`,
        `| same, the compacted copy (snapshot + 0 updates) | ${f(a.coldSyncSnapshot.ms / 1000, 2)} s |`,
        ...(a.coldSyncProfiled
          ? [
              `| same, the second log-only copy, api CPU-profiled (process already warm) | ${f(a.coldSyncProfiled.ms / 1000, 2)} s |`,
            ]
          : []),
        `| same draft again (document in memory) | ${f(a.warmSync.ms / 1000, 3)} s |`,
        `| \`GET /api/v1/drafts/:id\` (content_text, ${a.get.bytes.toLocaleString('en')} bytes) | ${f(a.get.ms / 1000, 3)} s |`,
        `| api start (spawn → /health) | ${f(a.startMs / 1000, 1)} s |`,
        `| api RSS before / after the three loads | ${f(a.rssMb.before, 0)} / ${f(a.rssMb.after, 0)} MB |`,
      );
    }
    lines.push(
      `| in this process, \`DraftDocStore.acquire\` on a new store, log only (× ${ip.acquireMs.length}) | ${ip.acquireMs.map((x) => f(x / 1000, 2)).join(' s, ')} s |`,
      `| — of which \`DraftLog.updates\` (SELECT ${ip.steps.rows.toLocaleString('en')} rows, ${ip.steps.bytes.toLocaleString('en')} bytes) | ${f(ip.steps.selectUpdatesMs / 1000, 2)} s |`,
      `| — of which \`buildDoc\` (Y.applyUpdate × ${ip.steps.rows.toLocaleString('en')}) | ${f(ip.steps.buildDocMs / 1000, 2)} s |`,
      `| — of which \`textOf\` (${ip.steps.textLength.toLocaleString('en')} chars) | ${f(ip.steps.textOfMs / 1000, 3)} s |`,
      `| not loading: \`Y.encodeStateAsUpdate\` of the loaded document (${ip.steps.stateBytes.toLocaleString('en')} bytes; the first sync sends it) | ${f(ip.steps.encodeStateMs / 1000, 3)} s |`,
      `| in this process, acquire of the compacted copy (snapshot) | ${f(p.inProcessSnapshotAcquireMs / 1000, 2)} s |`,
      '',
    );
  }

  const profiles: string[] = [];
  if (l?.profile)
    profiles.push(
      ...profileTables(
        `api during live co-editing (${l.offeredPerSecond} updates/s offered, after the measured window)`,
        l.profile,
      ),
    );
  if (p?.profiles.api)
    profiles.push(...profileTables('api during a cold draft:sync of the log-only draft', p.profiles.api));
  if (p?.profiles.inProcess)
    profiles.push(
      ...profileTables('in-process DraftDocStore.acquire of the log-only draft', p.profiles.inProcess),
    );
  if (profiles.length)
    lines.push('## CPU profiles (V8 sampling profiler, as `node --cpu-prof`)', '', ...profiles);

  lines.push(
    '## Setup',
    '',
    ...r.setup.processes.map((x) => `- ${x}`),
    ...r.setup.notes.map((x) => `- ${x}`),
    `- Database \`${r.setup.database}\` and Redis prefix \`${r.setup.redisPrefix}\`, both removed afterwards; api ` +
      `DATABASE_POOL_SIZE ${r.setup.apiDatabasePoolSize} (default). Per-run files (logs, .cpuprofile, report) in ` +
      `\`bench/drafts/runs/${r.stamp}/\`.`,
    '',
  );
  return lines.join('\n');
}
