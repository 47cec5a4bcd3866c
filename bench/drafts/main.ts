/**
 * `npm run bench:drafts [-- options]` (bash bench/run.sh dist/bench/drafts/main.js): the strategy-drafts
 * benchmark of issue 6, on this machine, against 127.0.0.1 only.
 *
 * 1. Live co-editing: D drafts × E editors (real socket.io clients, websocket transport, one connection each)
 *    typing R updates/s into the paragraphs of the rich-text document (Y.XmlFragment) against the real api (+ worker): update→peer latency, persistence lag
 *    (emit → ack, which comes after the commit), achieved rate, errors, convergence (all editors and GET agree).
 * 2. Replay: a deterministic N-operation trace written into a draft's update log, then loaded by the product's
 *    loader — in this process (DraftDocStore, timed step by step) and on a freshly started api (cold draft:sync).
 *
 * Writes bench/drafts/RESULTS.md + results.json (full runs), and everything of the run (logs, CPU profiles,
 * report) under bench/drafts/runs/<stamp>/. Missed targets are results: exit 0 unless BENCH_STRICT=1.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { plainText, readDoc, toMarkdown } from '@runde/richtext';
import type { EditorSpec, EditorStats, RunArgs, SetupResult } from './editors-worker';
import { DraftsBenchOptions, parseOptions } from './options';
import { ChildProfiler, summarizeProfile } from './profile';
import { DraftsReport, evaluateTargets, renderMarkdown } from './report';
import {
  compactWithProduct,
  copyTraceDraft,
  measureInProcessLoad,
  productDataSource,
  writeTraceDraft,
} from './replay';
import { seed, SeedData } from './seed';
import { concat, summarize } from './stats';
import {
  assertLoopback,
  BENCH_DIR,
  coresBetween,
  CpuSnapshot,
  cpuSnapshot,
  loopsBetween,
  deleteRedisPrefix,
  DIST,
  dropDatabase,
  PRODUCT_DIST,
  forkBench,
  freePort,
  http,
  JWT_SECRET,
  loadAverage,
  log,
  now,
  ROOT,
  rssMb,
  Rpc,
  run,
  serviceEnv,
  sh,
  sleep,
  startService,
  stop,
  waitForHealth,
  withDatabase,
} from './support';
import { loadTrace, TRACE_AUTHORS } from './trace';

const API = 'apps/api/src/main.js';
const WORKER = 'apps/worker/src/main.js';
/**
 * The editor processes start with room for their whole run in the old generation, so that V8 does not run a full
 * (mark-compact) collection inside the measured window. Both processes allocate alike and collected at the same
 * moment (a 7–21 ms pause after 50–77 ms of marking, each pausing its 125 editors); the delayed arrivals lined up
 * with the window's 50–130 ms stalls and counted as server latency. Browsers are separate machines.
 * (BENCH_EDITORS_NODE_ARGS adds flags for experiments.)
 */
const EDITORS_NODE_ARGS = ['--initial-old-space-size=256'];

/** The realtime bench's CPU-profile preload (ChildProfiler asks it for 500 µs samples). */
const PRELOAD = path.join(__dirname, '..', 'realtime', 'cpu-profile-preload.js');

/** Formats with the repo's prettier settings when prettier is installed (so the files pass `npm run lint`). */
async function formatted(file: string, text: string): Promise<string> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const prettier = require('prettier') as typeof import('prettier');
    const config = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(text, { ...config, filepath: file });
  } catch {
    return text;
  }
}

async function write(file: string, text: string): Promise<void> {
  writeFileSync(file, await formatted(file, text));
}

/** RESULTS.md = the generated report + the hand-written ANALYSIS.md (when present); results.json next to it. */
async function writeResults(report: DraftsReport): Promise<void> {
  const analysis = path.join(BENCH_DIR, 'ANALYSIS.md');
  const tail = existsSync(analysis) ? `\n\n---\n\n${readFileSync(analysis, 'utf8').trim()}\n` : '\n';
  await write(path.join(BENCH_DIR, 'RESULTS.md'), `${renderMarkdown(report)}${tail}`);
  await write(path.join(BENCH_DIR, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--render') {
    // re-renders RESULTS.md from results.json (e.g. after editing ANALYSIS.md), without running anything
    const file = path.resolve(argv[1] ?? path.join(BENCH_DIR, 'results.json'));
    await writeResults(JSON.parse(readFileSync(file, 'utf8')) as DraftsReport);
    process.stdout.write(`rendered bench/drafts/RESULTS.md from ${path.relative(ROOT, file)}\n`);
    return 0;
  }
  const opts = parseOptions(argv);
  assertLoopback(opts.databaseUrl, 'BENCH_DATABASE_URL');
  assertLoopback(opts.redisUrl, 'BENCH_REDIS_URL');
  Logger.overrideLogger(['error']);
  const report = await runBench(opts, argv);
  const markdown = renderMarkdown(report);
  const runDir = path.join(BENCH_DIR, 'runs', report.stamp);
  writeFileSync(path.join(runDir, 'report.md'), `${markdown}\n`);
  writeFileSync(path.join(runDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const complete = !opts.quick && opts.phases.size === 2 && !report.errors.length && PRODUCT_DIST === DIST;
  if (complete) await writeResults(report);
  process.stdout.write(`\n${markdown}\n`);
  process.stdout.write(
    `report: ${path.relative(ROOT, runDir)}/report.{md,json}` +
      (complete
        ? ' and bench/drafts/RESULTS.md, bench/drafts/results.json\n'
        : ' (quick, partial, failed or experiment runs leave RESULTS.md alone)\n'),
  );
  if (report.errors.length) return 1;
  const missed = evaluateTargets(report).filter((t) => t.met === false).length;
  return process.env.BENCH_STRICT === '1' && missed ? 3 : 0;
}

async function runBench(opts: DraftsBenchOptions, argv: string[]): Promise<DraftsReport> {
  const started = new Date();
  const stamp = started.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const dbName = `runde_bench_drafts_${stamp}`;
  const redisPrefix = `runde_bench_drafts_${stamp}`;
  const runDir = path.join(BENCH_DIR, 'runs', stamp);
  mkdirSync(runDir, { recursive: true });
  const databaseUrl = withDatabase(opts.databaseUrl, dbName);
  const services = { databaseUrl, redisUrl: opts.redisUrl, redisPrefix };
  const errors: string[] = [];
  const children: ChildProcess[] = [];
  const rpcs: Rpc[] = [];
  const sockets: Socket[] = [];
  let db: Client | undefined;
  let ds: ReturnType<typeof productDataSource> | undefined;
  let dbCreated = false;

  const report: DraftsReport = {
    kind: 'drafts',
    stamp,
    startedAt: started.toISOString(),
    finishedAt: '',
    seconds: 0,
    command: `npm run bench:drafts${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    options: { ...opts, phases: [...opts.phases] },
    machine: {
      nproc: Number(sh('nproc', [])) || os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      free: sh('free', ['-h']),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      gitCommit: sh('git', ['rev-parse', '--short', 'HEAD']),
      gitDirtyFiles: sh('git', ['status', '--porcelain']).split('\n').filter(Boolean).length,
      date: sh('date', ['-u', '+%Y-%m-%d %H:%M:%S UTC']),
      loadBefore: loadAverage(),
      loadAfter: '',
    },
    setup: {
      database: dbName,
      redisPrefix,
      apiDatabasePoolSize: 20,
      processes: [],
      notes: [
        'Users, one group (all members, user 0 owner) and one topic are inserted with SQL; access tokens are minted ' +
          'with the api’s JWT_SECRET (HS256, {sub, typ: "access"}) as bench/realtime does. Live drafts are created ' +
          'over REST (POST /api/v1/topics/:topicId/drafts).',
        'api and worker are the compiled entry points (node dist/apps/{api,worker}/src/main.js), NODE_ENV=production, ' +
          'LOG_LEVEL=warn, HTTP rate limits raised; the socket token bucket (60, 30/s) is the product’s.',
        ...(PRODUCT_DIST !== DIST
          ? [
              `EXPERIMENT: api and worker started from ${PRODUCT_DIST} (BENCH_PRODUCT_DIST), not this tree's dist/.`,
            ]
          : []),
        'Everything runs on this one machine: api, worker, PostgreSQL, Redis, the editor processes and this ' +
          'orchestrator share its cores (see the CPU split), and other work on the machine shows up as “other”.',
      ],
    },
    errors,
  };

  const deadline = setTimeout(() => {
    log(`time limit of ${opts.timeLimit} s reached: stopping`);
    errors.push(`time limit of ${opts.timeLimit} s reached`);
    void teardown().finally(() => {
      report.finishedAt = new Date().toISOString();
      writeFileSync(path.join(runDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
      process.exit(2);
    });
  }, opts.timeLimit * 1000);
  deadline.unref();
  let tornDown = false;
  async function teardown(): Promise<void> {
    if (tornDown) return;
    tornDown = true;
    for (const s of sockets) s.close();
    for (const r of rpcs) r.child.kill('SIGTERM');
    await Promise.all(children.map((c) => stop(c).catch(() => undefined)));
    await ds?.destroy().catch(() => undefined);
    await db?.end().catch(() => undefined);
    if (dbCreated) {
      await dropDatabase(opts.databaseUrl, dbName).then(
        () => log(`dropped database ${dbName}`),
        (e: unknown) => log(`could not drop database ${dbName}: ${String(e)}`),
      );
    }
    await deleteRedisPrefix(opts.redisUrl, redisPrefix).then(
      (n) => log(`deleted ${n} Redis keys under ${redisPrefix}:`),
      (e: unknown) => log(`could not clean Redis prefix ${redisPrefix}: ${String(e)}`),
    );
  }
  const onSignal = () => {
    log('interrupted: cleaning up');
    void teardown().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const startApi = async (name: string): Promise<{ api: ChildProcess; port: number; startMs: number }> => {
    const port = await freePort();
    const t0 = now();
    const api = startService(
      API,
      serviceEnv(services, {
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        BENCH_CPU_PROFILE: '1',
      }),
      path.join(runDir, `${name}.log`),
      // BENCH_API_NODE_ARGS: extra node flags for experiments, as in bench/realtime.
      { preload: PRELOAD, ipc: true, nodeArgs: process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) },
    );
    children.push(api);
    await waitForHealth(port, api, name);
    return { api, port, startMs: now() - t0 };
  };

  try {
    // ---------------------------------------------------------------------------------- database and seed
    log(`database ${dbName}, Redis prefix ${redisPrefix}; run files in ${path.relative(ROOT, runDir)}`);
    dbCreated = true;
    await run(process.execPath, [path.join(DIST, 'libs/database/src/cli/migrate.js')], {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
    });
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const liveOn = opts.phases.has('live');
    const userCount = 1 + Math.max(TRACE_AUTHORS, liveOn ? opts.drafts * opts.editors : 0);
    const data: SeedData = await seed(db, userCount, JWT_SECRET);
    log(`seeded ${userCount} users, one group and one topic`);

    let replayDrafts: { log: string; logCopy: string; snapshot: string } | undefined;
    let trace: ReturnType<typeof loadTrace> | undefined;

    // ---------------------------------------------------------------------------------- api + worker
    let api: ChildProcess | undefined;
    let apiPort = 0;
    let startMs = 0;
    const owner = data.users[0];
    report.setup.processes.push(
      `api: node -r dist/bench/realtime/cpu-profile-preload.js dist/${API} (the preload only acts on the bench's profile requests)`,
      `worker: node dist/${WORKER} (live phase)`,
    );

    // ---------------------------------------------------------------------------------- live co-editing
    if (liveOn) {
      ({ api, port: apiPort, startMs } = await startApi('api-live'));
      const worker = startService(WORKER, serviceEnv(services), path.join(runDir, 'worker.log'));
      children.push(worker);
      await sleep(1000);
      log(
        `api (pid ${api.pid}) on 127.0.0.1:${apiPort} in ${Math.round(startMs)} ms, worker (pid ${worker.pid})`,
      );
      const liveApi = api;
      const paragraph =
        'Integration gelingt vor Ort, wenn alle mitschreiben können: Kommunen, Träger, Ehrenamtliche und die ' +
        'Menschen, um die es geht. Wir vereinbaren Ziele, Maßnahmen und Zuständigkeiten für die nächsten Jahre.\n\n';
      const initial = (i: number) => {
        let text = `# Strategie ${i + 1}\n\n`;
        if (opts.initialChars <= 0)
          return `${text}Integration gelingt vor Ort, wenn alle mitschreiben können.\n`;
        for (let s = 1; text.length < opts.initialChars; s++)
          text += `## Abschnitt ${s}\n\n${paragraph}${paragraph}`;
        return text.slice(0, opts.initialChars);
      };
      const draftIds: string[] = [];
      for (let i = 0; i < opts.drafts; i++) {
        const res = await http(apiPort, 'POST', `/api/v1/topics/${data.topicId}/drafts`, {
          token: owner.token,
          body: { title: `Bench-Entwurf ${i + 1}`, content: initial(i) },
        });
        if (res.status !== 201) throw new Error(`creating a draft: ${res.status} ${res.body.slice(0, 300)}`);
        draftIds.push((JSON.parse(res.body) as { id: string }).id);
      }
      const procs = Array.from({ length: Math.min(opts.clientProcs, opts.drafts) }, (_, k) => {
        const r = new Rpc(
          forkBench('editors-worker.js', [
            ...EDITORS_NODE_ARGS,
            ...(process.env.BENCH_EDITORS_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
          ]),
          `editors${k}`,
        );
        rpcs.push(r);
        return r;
      });
      const specs: EditorSpec[][] = procs.map(() => []);
      draftIds.forEach((draftId, d) => {
        for (let e = 0; e < opts.editors; e++) {
          const index = d * opts.editors + e;
          specs[d % procs.length].push({ draftId, token: data.users[1 + index].token, index });
        }
      });
      const url = `http://127.0.0.1:${apiPort}`;
      log(
        `connecting ${opts.drafts * opts.editors} editors (${procs.length} processes) to ${opts.drafts} drafts`,
      );
      const setups = await Promise.all(
        procs.map((p, k) =>
          p.call<SetupResult>('setup', { url, editors: specs[k], concurrency: 25 }, 120_000),
        ),
      );
      const connected = setups.reduce((a, s) => a + s.connected, 0);
      const failed = setups.reduce((a, s) => a + s.failed, 0);
      log(`${connected} editors connected, subscribed and synced; ${failed} failed`);
      if (failed)
        errors.push(`${failed} editors failed to connect: ${setups.flatMap((s) => s.errors).join('; ')}`);
      report.setup.processes.push(
        `editors: ${procs.length} forked processes (node ${EDITORS_NODE_ARGS.join(' ')} dist/bench/drafts/editors-worker.js), a draft's editors in one; the flag keeps the load generator's full garbage collections out of the window (they paused all of a process's editors at once, both processes at the same moment, and showed up as server latency)`,
        'orchestrator: this process (REST calls, /proc and PostgreSQL readings, api profiler control)',
      );

      const groups: Record<string, Array<number | undefined>> = {
        api: [liveApi.pid],
        worker: [worker.pid],
        editors: procs.map((p) => p.child.pid),
        orchestrator: [process.pid],
        'postgres backends of the bench db': [],
      };
      const ours = Object.keys(groups);
      const versionSum = async () =>
        Number(
          (await db!.query(`SELECT sum(version) AS v FROM drafts WHERE id = ANY($1)`, [draftIds])).rows[0].v,
        );
      const backendPids = async () =>
        (await db!.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)).rows.map(
          (r: { pid: number }) => r.pid,
        );
      const marks: Partial<
        Record<'start' | 'end', { cpu: CpuSnapshot; versions: number; rss: number | null }>
      > = {};
      const mark = async (name: 'start' | 'end') => {
        groups['postgres backends of the bench db'] = [
          ...new Set([
            ...(groups['postgres backends of the bench db'] as number[]),
            ...(await backendPids()),
          ]),
        ];
        marks[name] = {
          cpu: cpuSnapshot(groups, ['postgres', 'redis-server']),
          versions: await versionSum(),
          rss: rssMb(liveApi.pid),
        };
      };
      await mark('start'); // learns the backend pids before the window
      const baselineArgs = { count: opts.quick ? 15 : 30, intervalMs: 150 };
      const baseline = await procs[0].call<{ peer: number[]; persist: number[]; errors: number }>(
        'baseline',
        baselineArgs,
        60_000,
      );
      log(
        `baseline (one editor, ${baselineArgs.count} updates ${baselineArgs.intervalMs} ms apart, no other load): ` +
          `update→peer p50 ${summarize(baseline.peer).p50} ms, persistence p50 ${summarize(baseline.persist).p50} ms`,
      );
      const startAt = now() + 1500;
      const windowStart = startAt + opts.warmup * 1000;
      const windowEnd = windowStart + opts.duration * 1000;
      const stopAt = windowEnd + opts.profileSeconds * 1000;
      const runArgs: RunArgs = {
        startAt,
        windowStart,
        windowEnd,
        stopAt,
        ratePerEditor: opts.rate,
        ackTimeoutMs: opts.ackTimeoutMs,
      };
      await Promise.all(procs.map((p) => p.call('run', runArgs)));
      log(
        `typing: ${opts.drafts}×${opts.editors} editors × ${opts.rate}/s = ${opts.drafts * opts.editors * opts.rate} ` +
          `updates/s offered; ${opts.warmup} s warm-up, ${opts.duration} s measured` +
          (opts.profileSeconds ? `, then ${opts.profileSeconds} s with the api CPU-profiled` : ''),
      );
      await sleep(windowStart - now());
      await mark('start');
      await sleep(windowEnd - now());
      await mark('end');
      const profiler = new ChildProfiler(liveApi);
      let liveProfile: string | undefined;
      if (opts.profileSeconds > 0) {
        await profiler.start();
        await sleep(stopAt - now());
        const file = path.join(runDir, 'api-live.cpuprofile');
        if (await profiler.stop(file)) liveProfile = file;
      }
      await sleep(stopAt - now());
      const drains = await Promise.all(
        procs.map((p) => p.call<{ quiet: boolean; ms: number }>('drain', { timeoutMs: 20_000 }, 30_000)),
      );
      const quiet = drains.every((d) => d.quiet);
      log(
        `typing stopped; ${quiet ? 'all acknowledged and delivered' : 'NOT quiet'} after ${Math.round(Math.max(...drains.map((d) => d.ms)))} ms`,
      );
      await sleep(500);
      const stats = await Promise.all(procs.map((p) => p.call<EditorStats>('stats', {}, 60_000)));
      const texts = (
        await Promise.all(
          procs.map((p) =>
            p.call<
              Array<{
                draftId: string;
                equal: boolean;
                text: string;
                lastVersions: number[];
                ackedVersions: number[];
              }>
            >('texts'),
          ),
        )
      ).flat();
      const failures: string[] = [];
      let identical = 0;
      let matchGet = 0;
      let versionsMatch = 0;
      for (const t of texts) {
        const res = await http(apiPort, 'GET', `/api/v1/drafts/${t.draftId}`, { token: owner.token });
        const body = JSON.parse(res.body) as { content: string; version: number };
        if (t.equal) identical++;
        else if (failures.length < 10) failures.push(`${t.draftId}: editors differ`);
        if (res.status === 200 && body.content === t.text) matchGet++;
        else if (failures.length < 10)
          failures.push(`${t.draftId}: GET content differs from the editors' text`);
        if (t.lastVersions.every((v) => v === body.version)) versionsMatch++;
        else if (failures.length < 10)
          failures.push(`${t.draftId}: GET version ${body.version}, editors saw ${t.lastVersions.join('/')}`);
      }
      const sum = <K extends keyof EditorStats>(k: K) => stats.reduce((a, s) => a + (s[k] as number), 0);
      const windowSeconds = opts.duration;
      const cpu = marks.start && marks.end ? coresBetween(marks.start.cpu, marks.end.cpu, ours) : {};
      const windowActual =
        marks.start && marks.end ? (marks.end.cpu.at - marks.start.cpu.at) / 1000 : windowSeconds;
      const committedPerSecond =
        marks.start && marks.end ? (marks.end.versions - marks.start.versions) / windowActual : null;
      const perUpdate = (cores: number | undefined) =>
        committedPerSecond && cores !== undefined
          ? Math.round(((cores * 1000) / committedPerSecond) * 100) / 100
          : null;
      const ackTimeline = stats[0].ackTimeline.map((_, i) =>
        stats.reduce((a, s) => a + (s.ackTimeline[i] ?? 0), 0),
      );
      report.live = {
        drafts: opts.drafts,
        editorsPerDraft: opts.editors,
        sockets: connected,
        ratePerEditor: opts.rate,
        initialChars: opts.initialChars,
        offeredPerSecond: opts.drafts * opts.editors * opts.rate,
        warmupSeconds: opts.warmup,
        windowSeconds,
        connect: {
          ms: Math.max(...setups.map((s) => s.ms)),
          failed,
          connectMs: summarize(concat(setups.map((s) => s.connectMs))),
          syncMs: summarize(concat(setups.map((s) => s.syncMs))),
        },
        rates: {
          editsTypedPerSecond: sum('typedInWindow') / windowSeconds,
          updatesSentPerSecond: sum('sentInWindow') / windowSeconds,
          updatesAckedPerSecond: sum('ackedInWindow') / windowSeconds,
          committedPerSecond,
          mergedSends: sum('mergedSends'),
          ackTimeline,
        },
        peer: summarize(concat(stats.map((s) => s.peer))),
        persist: summarize(concat(stats.map((s) => s.persist))),
        typedPeer: summarize(concat(stats.map((s) => s.typedPeer))),
        typedAck: summarize(concat(stats.map((s) => s.typedAck))),
        delivery: {
          peerExpected: sum('peerExpected'),
          peerDelivered: sum('peerDelivered'),
          received: sum('received'),
          echoes: sum('echoes'),
          unmatched: sum('unmatched'),
          versionGaps: sum('versionGaps'),
          versionRepeats: sum('versionRepeats'),
        },
        totals: { typed: sum('typed'), sent: sum('sent'), acked: sum('acked') },
        errors: { count: sum('errors'), samples: stats.flatMap((s) => s.errorSamples).slice(0, 10) },
        drain: { quiet, ms: Math.max(...drains.map((d) => d.ms)) },
        convergence: { drafts: texts.length, identical, matchGet, versionsMatch, failures },
        cpuCores: cpu,
        loops:
          marks.start && marks.end
            ? loopsBetween(marks.start.cpu, marks.end.cpu, ['api', 'worker', 'editors'])
            : {},
        cpuMsPerCommittedUpdate: {
          api: perUpdate(cpu.api),
          postgres: perUpdate(cpu['postgres backends of the bench db']),
          editors: perUpdate(cpu.editors),
          worker: perUpdate(cpu.worker),
        },
        baseline: {
          ...baselineArgs,
          peer: summarize(baseline.peer),
          persist: summarize(baseline.persist),
          errors: baseline.errors,
        },
        apiRssMb: { windowStart: marks.start?.rss ?? null, windowEnd: marks.end?.rss ?? null },
        loadgenLoopDelayMs: stats.map((s) => s.loopDelay),
      };
      if (liveProfile) report.live.profile = summarizeProfile(liveProfile);
      const l = report.live;
      log(
        `live: ${l.rates.updatesAckedPerSecond.toFixed(0)} updates/s acked (${l.rates.editsTypedPerSecond.toFixed(0)} edits/s typed); ` +
          `update→peer p50 ${l.peer.p50} p95 ${l.peer.p95} p99 ${l.peer.p99} ms; persistence p50 ${l.persist.p50} ` +
          `p95 ${l.persist.p95} p99 ${l.persist.p99} ms; errors ${l.errors.count}; converged ${identical}/${texts.length}, ` +
          `= GET ${matchGet}/${texts.length}`,
      );
      if (!quiet)
        errors.push(
          'live phase: not every update was acknowledged and delivered within 20 s after typing stopped',
        );
      if (identical !== texts.length || matchGet !== texts.length)
        errors.push(
          `live phase: convergence failed for ${texts.length - Math.min(identical, matchGet)} drafts`,
        );
      await Promise.all(procs.map((p) => p.call('close').catch(() => undefined)));
      for (const p of procs) p.child.kill('SIGTERM');
    }

    // The replay's data (750,000 rows in draft_updates) is written after the live phase, not before it: the
    // live window that followed the bulk write had p99 65.7 ms, a live-only run 25.1 ms and a live-first one
    // 32.3 ms (2026-12-03; most likely PostgreSQL flushing and vacuuming what the bulk write left). The live api
    // is stopped first, so it does not share the machine with the in-process loads; the replay starts a fresh one.
    // ---------------------------------------------------------------------------------- replay: the trace
    if (opts.phases.has('replay')) {
      await stop(api);
      const t0 = now();
      trace = loadTrace(opts.traceOps, opts.traceSeed, path.join(BENCH_DIR, '.cache'));
      log(
        `trace: ${trace.ops} ops (${trace.inserts} inserts, ${trace.deletes} deletes, ${trace.splits} Enter, ` +
          `${trace.joins} joins), ${trace.bytes} bytes of updates, final document ${trace.blocks} blocks, ` +
          `${trace.plain.length} chars of text, ${trace.text.length} of Markdown — ${trace.fromCache ? 'from cache' : 'generated'} in ` +
          `${Math.round(now() - t0)} ms`,
      );
      const written = await writeTraceDraft(db, data, trace, 'Replay (log only)');
      const copy = await copyTraceDraft(db, written.draftId, 'Replay (log only, second copy)');
      const snap = await copyTraceDraft(db, written.draftId, 'Replay (log + snapshot)');
      replayDrafts = { log: written.draftId, logCopy: copy.draftId, snapshot: snap.draftId };
      log(
        `trace written to draft_updates in ${Math.round(written.ms)} ms; copies ${Math.round(copy.ms)}, ${Math.round(snap.ms)} ms`,
      );
      await db.query('ANALYZE draft_updates');
      ds = productDataSource(databaseUrl);
      await ds.initialize();
      const compaction = await compactWithProduct(ds, snap.draftId);
      log(
        `product compaction (snapshot at ${compaction.snapshotVersion}) of the third copy: ${Math.round(compaction.ms)} ms`,
      );
      log(`in-process cold loads (DraftDocStore.acquire) × ${opts.replayReps} …`);
      const inProcess = await measureInProcessLoad(
        ds,
        written.draftId,
        trace.text,
        opts.replayReps,
        opts.profileReplay ? path.join(runDir, 'inprocess-load.cpuprofile') : undefined,
      );
      const snapshotLoad = await measureInProcessLoad(ds, snap.draftId, trace.text, 1);
      log(
        `in-process acquire ms ${inProcess.acquireMs.join(', ')}; steps ${JSON.stringify(inProcess.steps)}; ` +
          `with snapshot ${snapshotLoad.acquireMs.join(', ')} ms`,
      );
      await ds.destroy();
      ds = undefined;
      report.replay = {
        trace: {
          ops: trace.ops,
          seed: trace.seed,
          inserts: trace.inserts,
          deletes: trace.deletes,
          updateBytes: trace.bytes,
          finalTextChars: trace.text.length,
          finalPlainChars: trace.plain.length,
          splits: trace.splits,
          joins: trace.joins,
          blocks: trace.blocks,
          generatedMs: trace.generatedMs,
          fromCache: trace.fromCache,
          cacheFile: path.relative(ROOT, trace.cacheFile),
        },
        write: { logMs: written.ms, copyMs: [copy.ms, snap.ms], compactionMs: compaction.ms },
        inProcess,
        inProcessSnapshotAcquireMs: snapshotLoad.acquireMs[0],
        profiles: {},
      };
      if (inProcess.profile) report.replay.profiles.inProcess = summarizeProfile(inProcess.profile);
    }

    // ---------------------------------------------------------------------------------- replay on a fresh api
    if (report.replay && replayDrafts && trace) {
      log('replay: restarting the api (a fresh process holds no document)');
      await stop(api);
      const fresh = await startApi('api-replay');
      api = fresh.api;
      apiPort = fresh.port;
      startMs = fresh.startMs;
      const url = `http://127.0.0.1:${apiPort}`;
      const socket = io(url, {
        transports: ['websocket'],
        auth: { token: owner.token },
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      for (const id of Object.values(replayDrafts)) {
        const sub = await socket.timeout(15_000).emitWithAck('subscribe', { stream: `draft:${id}` });
        if (!sub?.ok) throw new Error(`subscribe draft:${id}: ${JSON.stringify(sub)}`);
      }
      const sync = async (draftId: string) => {
        const t0 = now();
        const ack = await socket.timeout(120_000).emitWithAck('draft:sync', { draftId });
        const ms = now() - t0;
        if (!ack?.ok) throw new Error(`draft:sync: ${JSON.stringify(ack?.error ?? ack)}`);
        const doc = new Y.Doc();
        Y.applyUpdate(doc, new Uint8Array(ack.update));
        const pm = readDoc(doc);
        const correct =
          toMarkdown(pm) === trace!.text && plainText(pm) === trace!.plain && ack.version === trace!.ops;
        doc.destroy();
        return {
          ms: Math.round(ms * 10) / 10,
          bytes: (ack.update as Uint8Array).byteLength,
          version: ack.version as number,
          correct,
        };
      };
      const replayApi = fresh.api;
      const rssBefore = rssMb(replayApi.pid);
      const cold = await sync(replayDrafts.log);
      log(
        `cold draft:sync of the ${trace.ops}-update log on the fresh api: ${cold.ms} ms (${cold.bytes} bytes, correct ${cold.correct})`,
      );
      const coldSnapshot = await sync(replayDrafts.snapshot);
      log(`cold draft:sync of the compacted copy (snapshot): ${coldSnapshot.ms} ms`);
      let coldProfiled: typeof cold | undefined;
      if (opts.profileReplay) {
        const profiler = new ChildProfiler(replayApi);
        await profiler.start();
        coldProfiled = await sync(replayDrafts.logCopy);
        const file = path.join(runDir, 'api-replay.cpuprofile');
        if (await profiler.stop(file)) report.replay.profiles.api = summarizeProfile(file);
        log(`cold draft:sync of the second log copy, api CPU-profiled: ${coldProfiled.ms} ms`);
      }
      const warm = await sync(replayDrafts.log);
      const get = await http(apiPort, 'GET', `/api/v1/drafts/${replayDrafts.log}`, {
        token: owner.token,
        timeoutMs: 60_000,
      });
      report.replay.api = {
        startMs,
        coldSync: cold,
        coldSyncSnapshot: coldSnapshot,
        coldSyncProfiled: coldProfiled ?? null,
        warmSync: warm,
        get: { status: get.status, ms: Math.round(get.ms * 10) / 10, bytes: get.body.length },
        rssMb: { before: rssBefore, after: rssMb(replayApi.pid) },
      };
      if (!cold.correct || !coldSnapshot.correct)
        errors.push('replay: the api served a different text or version');
      socket.close();
    }
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    errors.push(message);
    log(`FAILED: ${message}`);
  } finally {
    report.machine.loadAfter = loadAverage();
    await teardown();
    clearTimeout(deadline);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const finished = new Date();
  report.finishedAt = finished.toISOString();
  report.seconds = Math.round((finished.getTime() - started.getTime()) / 100) / 10;
  return report;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
