/**
 * The realtime benchmark (issue 5): runde's api + worker as child processes against a database and Redis prefix
 * of their own, a bare socket.io server as the baseline, and forked load generators.
 *
 * Phases: (1) bare socket.io, then runde, each with C clients over R thread rooms, posts at a fixed rate and then
 * closed-loop at maximum; (2) idle authenticated connections → api RSS; (3) a reconnect storm of RealtimeClients
 * while posting continues → time until all caught up without gaps.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { ClientsPool, StormStats } from './clients-pool';
import type { ConnectResult, FanoutStats } from './clients-worker';
import { Histogram, LatencySummary } from './histogram';
import type { RealtimeBenchOptions } from './options';
import type { PosterStats, PostRunArgs, PostTarget } from './poster-worker';
import { counterDelta, loadAverage, tcpCounters } from './proc';
import { LoopProbe } from './probe';
import { summarizeProfile, ProfileSummary } from './profile-summary';
import type { StageSummary } from './stages-preload';
import { now, Rpc, sleep } from './rpc';
import { CpuSplit, Sampler } from './sampler';
import { seed, SeedData } from './seed';
import {
  deleteRedisPrefix,
  dropDatabase,
  forkRpc,
  freePort,
  httpGet,
  log,
  ROOT,
  run,
  serviceEnv,
  startBare,
  startService,
  stop,
  waitForHealth,
  withDatabase,
  DIST,
  JWT_SECRET,
} from './system';

export interface RunResult {
  label: 'fixed' | 'max' | 'sustainable';
  mode: 'rate' | 'max';
  targetRate: number | null;
  concurrency: number;
  windowSeconds: number;
  posts: {
    sent: number;
    ok: number;
    failed: number;
    statuses: Record<string, number>;
    errorSamples: string[];
    achievedPerSecond: number;
    http: LatencySummary;
    maxBacklog: number;
    timeline: number[];
  };
  delivery: {
    clients: number;
    expected: number;
    delivered: number;
    lost: number;
    clientsMissing: number;
    duplicates: number;
    outOfOrder: number;
    jumps: number;
    beforeHead: number;
    deliveredPerSecond: number;
    latency: LatencySummary;
    /** from the envelope's occurredAt (stamped while the event is written, ms resolution) to delivery */
    fromEvent: LatencySummary;
    drainMs: number;
    timeline: number[];
  };
  loopProbe: LatencySummary & { timeouts: number };
  rssMb: Record<string, number | null>;
  cpu: CpuSplit | null;
  loadgenLoopDelay: { p50: number; p99: number; max: number };
  server?: { persistedPosts: number; unpublishedEvents: number; queueBacklog: number };
}

export interface FanoutResult {
  system: 'runde' | 'bare';
  connect: ConnectResult;
  rate: RunResult;
  max?: RunResult;
  /** runde only: a fixed rate of half its measured maximum, when it cannot keep up with --rate */
  sustainable?: RunResult;
}

export interface IdleResult {
  system: 'runde' | 'bare';
  connections: number;
  connect: ConnectResult;
  rssBeforeMb: number | null;
  rssConnectedMb: number | null;
  subscribe?: ConnectResult;
  rssSubscribedMb?: number | null;
  workerRssMb?: number | null;
  /** accept-queue overflows etc. while connecting (whole network namespace) */
  tcp: Record<string, number>;
}

export interface StormResult {
  clients: number;
  rate: number;
  connect: ConnectResult;
  allCaughtUpMs: number | null;
  /** clients caught up when the time limit was reached (all of them when allCaughtUpMs is set) */
  caughtUpInTime: number;
  stats: StormStats;
  catchUp: LatencySummary;
  liveAgain: LatencySummary;
  reconnect: LatencySummary;
  deliveryLatency: LatencySummary;
  posts: {
    ok: number;
    failed: number;
    achievedPerSecond: number;
    statuses: Record<string, number>;
    errorSamples: string[];
  };
  loopProbe?: LatencySummary;
  rssMaxMb: number | null;
  cpu: CpuSplit | null;
  /** seconds from the drop to the end of the storm measurement */
  seconds: number;
  /** accept-queue overflows etc. between the drop and the end (whole network namespace) */
  tcp: Record<string, number>;
}

export interface BenchReport {
  kind: 'realtime';
  startedAt: string;
  finishedAt: string;
  seconds: number;
  command: string;
  options: Omit<RealtimeBenchOptions, 'phases'> & { phases: string[] };
  machine: {
    nproc: number;
    cpuModel: string;
    memTotalGb: number;
    node: string;
    os: string;
    loadBefore: string;
    loadAfter: string;
    gitCommit: string;
    gitDirtyFiles: number;
  };
  setup: {
    database: string;
    redisPrefix: string;
    users: number;
    threads: number;
    apiBaselineRssMb: number | null;
    workerBaselineRssMb: number | null;
    apiRssAfterLoadMb: number | null;
    shortcuts: string[];
    processes: string[];
  };
  fanout: FanoutResult[];
  idle: IdleResult[];
  storm?: StormResult;
  /** api CPU profiles (--profile): the runde fixed-rate window and the reconnect storm */
  profiles: Record<string, ProfileSummary>;
  /** api stage timings (--stages): the runde fixed-rate window */
  stages: Record<string, StageSummary>;
  errors: string[];
}

function git(args: string[]): string {
  try {
    return execFileSync('git', ['-C', ROOT, ...args], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

const summary = (h: Histogram) => h.summary();

export async function runRealtimeBench(opts: RealtimeBenchOptions, argv: string[]): Promise<BenchReport> {
  const started = new Date();
  const stamp = started.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const dbName = `runde_bench_${stamp}`;
  const redisPrefix = `runde_bench_${stamp}`;
  const runDir = path.resolve(ROOT, opts.resultsDir, `realtime-${stamp}`);
  mkdirSync(runDir, { recursive: true });
  const databaseUrl = withDatabase(opts.databaseUrl, dbName);
  const errors: string[] = [];
  const children: ChildProcess[] = [];
  /** pauses for things to settle (RSS after connecting, traffic after a phase): shorter with --quick */
  const settle = (ms: number) => (opts.quick ? Math.min(ms, 500) : ms);
  let db: Client | undefined;
  let dbCreated = false;
  const sampler = new Sampler();
  const probes: LoopProbe[] = [];
  const rpcs: Rpc[] = [];

  const report: BenchReport = {
    kind: 'realtime',
    startedAt: started.toISOString(),
    finishedAt: '',
    seconds: 0,
    command: `npm run bench:realtime${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    options: { ...opts, phases: [...opts.phases] },
    machine: {
      nproc: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memTotalGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      loadBefore: loadAverage(),
      loadAfter: '',
      gitCommit: git(['rev-parse', '--short', 'HEAD']),
      gitDirtyFiles: git(['status', '--porcelain']).split('\n').filter(Boolean).length,
    },
    setup: {
      database: dbName,
      redisPrefix,
      users: 0,
      threads: opts.rooms,
      apiBaselineRssMb: null,
      workerBaselineRssMb: null,
      apiRssAfterLoadMb: null,
      shortcuts: [
        'Users, one group (everyone a member), one topic and the R threads are inserted with SQL, not registered ' +
          'over HTTP (argon2 would take minutes for 10,000 accounts).',
        'Access tokens are minted by the bench with the same JWT_SECRET, HS256 and claims {sub, typ: "access"} ' +
          '(1 h), via the `jsonwebtoken` package that @nestjs/jwt uses; the api verifies them as usual ' +
          '(signature, expiry, account lookup).',
        'Posts go through the real REST route (auth guard, rate-limit guard, validation, access policy, unit of ' +
          'work, outbox, post-commit hook → socket.io Redis adapter, BullMQ job → worker).',
        'Rate limits are raised to 10^8 per window so the single poster per thread is not throttled; ' +
          'LOG_LEVEL=warn (no per-request log line).',
      ],
      processes: [],
    },
    fanout: [],
    idle: [],
    profiles: {},
    stages: {},
    errors,
  };

  const deadline = setTimeout(() => {
    log('time limit of 9.5 minutes reached: stopping');
    errors.push('time limit reached');
    void teardown().finally(() => process.exit(2));
  }, 9.5 * 60_000);
  deadline.unref();
  let tornDown = false;
  async function teardown(): Promise<void> {
    if (tornDown) return;
    tornDown = true;
    sampler.stop();
    for (const p of probes) p.stop();
    for (const r of rpcs) r.child.kill('SIGTERM');
    await Promise.all(children.map((c) => stop(c).catch(() => undefined)));
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

  try {
    // ------------------------------------------------------------------ database, seed, processes
    log(`database ${dbName}, Redis prefix ${redisPrefix}; results in ${path.relative(ROOT, runDir)}`);
    dbCreated = true;
    await run(process.execPath, [path.join(DIST, 'libs/database/src/cli/migrate.js')], {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
    });
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const userCount = Math.max(opts.clients, opts.idle, opts.storm, opts.rooms) + 1;
    const t0 = now();
    const data: SeedData = await seed(db, userCount, opts.rooms, JWT_SECRET);
    report.setup.users = userCount;
    log(`seeded ${userCount} users, ${opts.rooms} threads and minted tokens in ${Math.round(now() - t0)} ms`);

    const apiPort = await freePort();
    const services = { databaseUrl, redisUrl: opts.redisUrl, redisPrefix };
    const startApi = (port: number, logName: string, measured: boolean): ChildProcess => {
      const profiled = measured && opts.profile;
      const staged = measured && opts.stages;
      const child = startService(
        'apps/api/src/main.js',
        serviceEnv(services, {
          PORT: String(port),
          HOST: '127.0.0.1',
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          ...(profiled ? { BENCH_CPU_PROFILE: '1' } : {}),
          ...(staged ? { BENCH_STAGES: '1' } : {}),
        }),
        path.join(runDir, logName),
        {
          preload: [
            ...(profiled ? [path.join(__dirname, 'cpu-profile-preload.js')] : []),
            ...(staged ? [path.join(__dirname, 'stages-preload.js')] : []),
          ],
          ipc: profiled || staged,
        },
      );
      children.push(child);
      return child;
    };
    // Further api processes (--api-procs): the same product, other ports; the Redis adapter joins their rooms.
    const moreApis: Array<{ port: number; child: ChildProcess }> = [];
    for (let i = 1; i < opts.apiProcs; i++) {
      const port = await freePort();
      moreApis.push({ port, child: startApi(port, `api${i + 1}.log`, false) });
    }
    const apiPorts = [apiPort, ...moreApis.map((a) => a.port)];
    // With --split-roles the first process takes the posts (REST pool) and the others the sockets (gateway pool).
    const socketPorts = opts.splitRoles ? apiPorts.slice(1) : apiPorts;
    const apiPortOf = (i: number) => socketPorts[i % socketPorts.length];
    const postPortOf = (i: number) => (opts.splitRoles ? apiPorts[0] : apiPortOf(i));
    const api = startApi(apiPort, 'api.log', opts.profile || opts.stages);
    const worker = startService(
      'apps/worker/src/main.js',
      serviceEnv(services),
      path.join(runDir, 'worker.log'),
    );
    children.push(worker);
    await waitForHealth(apiPort, api, 'api');
    for (const [i, more] of moreApis.entries()) await waitForHealth(more.port, more.child, `api${i + 2}`);
    const profileStart = () => {
      if (opts.profile) api.send?.({ profile: 'start' });
    };
    /** Sends a message to the api's preload and waits (bounded) for the first reply `answer` accepts. */
    const askApi = <T>(message: object, answer: (reply: unknown) => T | undefined, timeoutMs: number) =>
      new Promise<T | null>((resolve) => {
        const timer = setTimeout(() => done(null), timeoutMs);
        const onMessage = (reply: unknown) => {
          const value = answer(reply);
          if (value !== undefined) done(value);
        };
        const done = (value: T | null) => {
          clearTimeout(timer);
          api.off('message', onMessage);
          resolve(value);
        };
        api.on('message', onMessage);
        api.send?.(message);
      });
    const profileStop = async (name: string): Promise<void> => {
      if (!opts.profile) return;
      const file = path.join(runDir, `api-${name}.cpuprofile`);
      await askApi(
        { profile: 'stop', file },
        (m) => {
          const reply = m as { profile?: string; file?: string } | null;
          return reply?.profile === 'written' && reply.file === file ? true : undefined;
        },
        30_000,
      );
      if (existsSync(file)) {
        report.profiles[name] = summarizeProfile(file, 30);
        log(`api CPU profile (${name}): ${path.relative(ROOT, file)}`);
      }
    };
    const stagesStart = () => {
      if (opts.stages) api.send?.({ stages: 'start' });
    };
    const stagesStop = async (name: string): Promise<void> => {
      if (!opts.stages) return;
      const summary = await askApi(
        { stages: 'stop' },
        (m) => {
          const reply = m as { stages?: string; summary?: StageSummary } | null;
          return reply?.stages === 'summary' ? reply.summary : undefined;
        },
        10_000,
      );
      if (summary) report.stages[name] = summary;
    };
    await sleep(settle(1000));
    sampler.pids.api = api.pid;
    sampler.extra.api = moreApis.map((a) => a.child.pid!);
    sampler.pids.worker = worker.pid;
    sampler.pids.bench = process.pid;
    report.setup.apiBaselineRssMb = sampler.rss('api');
    report.setup.workerBaselineRssMb = sampler.rss('worker');
    log(`api (pid ${api.pid}) on 127.0.0.1:${apiPort}, worker (pid ${worker.pid}) up`);

    const clientProcs = Array.from({ length: opts.clientProcs }, (_, i) =>
      forkRpc('clients-worker.js', `clients${i}`),
    );
    const poster = forkRpc('poster-worker.js', 'poster');
    rpcs.push(...clientProcs, poster);
    clientProcs.forEach(
      (c, i) => (sampler.pids[`loadgen-clients${opts.clientProcs > 1 ? i : ''}`] = c.child.pid),
    );
    sampler.pids['loadgen-poster'] = poster.child.pid;
    const clients = new ClientsPool(clientProcs);
    report.setup.processes = [
      `api: node dist/apps/api/src/main.js (pid ${api.pid})` +
        (moreApis.length
          ? ` and ${moreApis.length} more (pids ${moreApis.map((a) => a.child.pid).join(', ')}); "api" CPU and RSS` +
            ' in the fan-out and storm tables are their sum, the idle phase and the probe use the first'
          : ''),
      `worker: node dist/apps/worker/src/main.js (pid ${worker.pid})`,
      `load generator: ${opts.clientProcs} socket.io client process(es) + 1 HTTP poster process (child_process.fork)`,
      'bare baseline: dist/bench/realtime/bare-server.js (forked, only while its phases run)',
      'bench orchestrator: seeding, /proc sampling every 500 ms, the 10/s socket round-trip probe',
    ];
    sampler.start(500);

    let sustainableRate = 0;
    const threadStream = (i: number) => `thread:${data.threads[i % opts.rooms]}`;
    const fanoutItems = (withToken: boolean) =>
      Array.from({ length: opts.clients }, (_, i) => ({
        token: withToken ? data.users[i].token : undefined,
        stream: threadStream(i),
        url: withToken && apiPorts.length > 1 ? `http://127.0.0.1:${apiPortOf(i)}` : undefined,
      }));
    // one poster per thread: user r writes into thread r (everyone is a member)
    const postTargets = (withToken: boolean): PostTarget[] =>
      data.threads.map((threadId, r) => ({
        threadId,
        userId: data.users[r].id,
        token: withToken ? data.users[r].token : undefined,
        port: withToken && apiPorts.length > 1 ? postPortOf(r + 1) : undefined,
      }));

    const rundeHeads = async (): Promise<Record<string, number>> => {
      const rows: Array<{ stream: string; head: string }> = (
        await db!.query(`SELECT stream, head FROM event_streams WHERE stream LIKE 'thread:%'`)
      ).rows;
      return Object.fromEntries(rows.map((r) => [r.stream, Number(r.head)]));
    };

    const fanoutPhase = async (
      system: 'runde' | 'bare',
      port: number,
      heads: () => Promise<Record<string, number>>,
    ): Promise<FanoutResult> => {
      const url = `http://127.0.0.1:${port}`;
      const withToken = system === 'runde';
      log(`${system}: connecting ${opts.clients} clients over ${opts.rooms} rooms`);
      const connect = await clients.connect(system, url, fanoutItems(withToken), 50);
      log(
        `${system}: ${connect.connected} connected, ${connect.subscribed} subscribed in ${Math.round(connect.ms)} ms` +
          (connect.failed ? `, ${connect.failed} failed: ${connect.errors.join('; ')}` : ''),
      );
      if (connect.failed) errors.push(`${system}: ${connect.failed} clients failed to connect/subscribe`);
      const probe = new LoopProbe(url, withToken ? data.users[data.users.length - 1].token : undefined);
      probes.push(probe);
      await probe.start(100);
      await sleep(settle(1000));

      const measure = async (
        label: RunResult['label'],
        rate: number,
        warmupMs: number,
        windowMs: number,
      ): Promise<RunResult> => {
        const mode = label === 'max' ? 'max' : 'rate';
        const concurrency = mode === 'rate' ? opts.postConcurrency : opts.maxConcurrency;
        const phaseStart = now() + 300;
        const window = { start: phaseStart + warmupMs, end: phaseStart + warmupMs + windowMs };
        await clients.window(phaseStart, window.start, window.end);
        await Promise.all(clientProcs.map((c) => c.call('loopReset')));
        log(
          `${system}: ${mode === 'rate' ? `${rate} posts/s` : `closed loop, ${concurrency} in flight`} ` +
            `for ${(warmupMs + windowMs) / 1000} s (${warmupMs / 1000} s warm-up)`,
        );
        // The CPU profile covers runde's fixed-rate window; the stage timings that and the closed loop.
        const profiling = system === 'runde' && label === 'fixed' && opts.profile;
        const staging = system === 'runde' && (label === 'fixed' || label === 'max') && opts.stages;
        const name = label === 'fixed' ? 'fixed-rate' : 'closed loop';
        let profiled: Promise<void> = Promise.resolve();
        if (profiling || staging) {
          setTimeout(
            () => (profiling && profileStart(), staging && stagesStart()),
            window.start - now(),
          ).unref();
          profiled = sleep(window.end - now()).then(() =>
            Promise.all([profiling && profileStop(name), staging && stagesStop(name)]).then(() => undefined),
          );
        }
        const args: PostRunArgs = {
          kind: system,
          port,
          targets: postTargets(withToken),
          mode,
          rate,
          startAt: phaseStart,
          rampMs: mode === 'rate' && opts.warmupShape === 'ramp' ? warmupMs : 0,
          durationMs: warmupMs + windowMs,
          window,
          concurrency,
          bodyChars: opts.bodyChars,
        };
        const posts = await poster.call<PosterStats>('run', args, 600_000);
        await profiled;
        const drainStart = now();
        let stats: FanoutStats;
        let lastDistinct = -1;
        let stableSince = now();
        for (;;) {
          stats = await clients.stats(await heads());
          if (stats.missing === 0) break;
          if (stats.distinct !== lastDistinct) {
            lastDistinct = stats.distinct;
            stableSince = now();
          } else if (now() - stableSince > 3000) break;
          if (now() - drainStart > 30_000) break;
          await sleep(250);
        }
        const drainMs = now() - drainStart;
        const serverName = system === 'runde' ? 'api' : 'bare';
        const result: RunResult = {
          label,
          mode,
          targetRate: mode === 'rate' ? rate : null,
          concurrency,
          windowSeconds: windowMs / 1000,
          posts: {
            sent: posts.sent,
            ok: posts.ok,
            failed: posts.failed,
            statuses: posts.statuses,
            errorSamples: posts.errorSamples,
            achievedPerSecond: posts.okInWindow / (windowMs / 1000),
            http: summary(Histogram.from(posts.http)),
            maxBacklog: posts.maxBacklog,
            timeline: posts.timeline,
          },
          delivery: {
            clients: stats.clients,
            expected: stats.expected,
            delivered: stats.distinct,
            lost: stats.missing,
            clientsMissing: stats.clientsMissing,
            duplicates: stats.duplicates,
            outOfOrder: stats.outOfOrder,
            jumps: stats.jumps,
            beforeHead: stats.beforeHead,
            deliveredPerSecond: stats.deliveredInWindow / (windowMs / 1000),
            latency: summary(Histogram.from(stats.latency)),
            fromEvent: summary(Histogram.from(stats.fromEvent)),
            drainMs,
            timeline: stats.timeline,
          },
          loopProbe: { ...summary(probe.between(window.start, window.end)), timeouts: probe.timeouts },
          rssMb: {
            [`${serverName}Max`]: sampler.rssMax(serverName, window.start, window.end),
            [`${serverName}End`]: sampler.rss(serverName),
            ...(system === 'runde' ? { workerMax: sampler.rssMax('worker', window.start, window.end) } : {}),
          },
          cpu: sampler.cpuSplit(window.start, window.end),
          loadgenLoopDelay: stats.loopDelay,
        };
        if (system === 'runde') {
          const q = (sql: string) => db!.query(sql).then((r) => Number(r.rows[0].n));
          const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
          const queue = new Queue('events', { connection, prefix: `${redisPrefix}:bull` });
          const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
          await queue.close();
          await connection.quit().catch(() => undefined);
          result.server = {
            persistedPosts: await q(`SELECT count(*) AS n FROM posts`),
            unpublishedEvents: await q(`SELECT count(*) AS n FROM event_outbox`),
            queueBacklog: Object.values(counts).reduce((a, b) => a + b, 0),
          };
        }
        const d = result.delivery;
        log(
          `${system} ${label}: ${result.posts.achievedPerSecond.toFixed(0)} posts/s ok, ` +
            `${d.deliveredPerSecond.toFixed(0)} deliveries/s, latency p50 ${d.latency.p50.toFixed(1)} ` +
            `p95 ${d.latency.p95.toFixed(1)} p99 ${d.latency.p99.toFixed(1)} ms, ` +
            `delivered ${d.delivered}/${d.expected}, dup ${d.duplicates}, out-of-order ${d.outOfOrder}, ` +
            `probe p99 ${result.loopProbe.p99.toFixed(1)} ms, errors ${result.posts.failed}`,
        );
        return result;
      };

      const rate = await measure('fixed', opts.rate, opts.warmup * 1000, opts.duration * 1000);
      const max =
        opts.maxDuration > 0
          ? await measure('max', 0, 1000, Math.max(1, opts.maxDuration - 1) * 1000)
          : undefined;
      let sustainable: RunResult | undefined;
      if (system === 'runde') {
        const capacity = max?.posts.achievedPerSecond ?? rate.posts.achievedPerSecond;
        if (capacity < 0.98 * opts.rate) sustainableRate = Math.max(1, Math.round(capacity / 2));
        if (sustainableRate && opts.sustainableDuration > 0)
          sustainable = await measure(
            'sustainable',
            sustainableRate,
            opts.quick ? 1000 : 2000,
            opts.sustainableDuration * 1000,
          );
      }
      probe.stop();
      await clients.close(system);
      return { system, connect, rate, max, sustainable };
    };

    // ------------------------------------------------------------------ idle connections (fresh api first)
    if (opts.phases.has('idle') && opts.idle > 0) report.idle.push(await idlePhase('runde', apiPort));

    // ------------------------------------------------------------------ bare socket.io baseline
    if (opts.phases.has('bare')) {
      const bare = await startBare();
      children.push(bare.child);
      sampler.pids.bare = bare.child.pid;
      const bareHeads = async () =>
        JSON.parse((await httpGet(bare.port, '/heads')).body) as Record<string, number>;
      report.fanout.push(await fanoutPhase('bare', bare.port, bareHeads));
      if (opts.idle > 0 && opts.phases.has('idle')) {
        report.idle.push(await idlePhase('bare', bare.port));
      }
      await stop(bare.child);
      delete sampler.pids.bare;
    }

    // ------------------------------------------------------------------ runde
    if (opts.phases.has('runde')) {
      report.fanout.push(await fanoutPhase('runde', apiPort, rundeHeads));
      await sleep(settle(2000));
      report.setup.apiRssAfterLoadMb = sampler.rss('api');
    }
    const [bareRun, rundeRun] = ['bare', 'runde'].map((s) => report.fanout.find((f) => f.system === s));
    if (bareRun && rundeRun) {
      log(
        `delivered/s runde ${rundeRun.rate.delivery.deliveredPerSecond.toFixed(0)} vs bare ` +
          `${bareRun.rate.delivery.deliveredPerSecond.toFixed(0)} at ${opts.rate} posts/s: ratio ` +
          `${(rundeRun.rate.delivery.deliveredPerSecond / bareRun.rate.delivery.deliveredPerSecond).toFixed(2)}` +
          (rundeRun.max && bareRun.max
            ? `; at maximum ${rundeRun.max.delivery.deliveredPerSecond.toFixed(0)} vs ` +
              `${bareRun.max.delivery.deliveredPerSecond.toFixed(0)}: ratio ` +
              `${(rundeRun.max.delivery.deliveredPerSecond / bareRun.max.delivery.deliveredPerSecond).toFixed(2)}`
            : ''),
      );
    }

    // ------------------------------------------------------------------ idle connections
    async function idlePhase(system: 'runde' | 'bare', port: number): Promise<IdleResult> {
      const name = system === 'runde' ? 'api' : 'bare';
      const n = opts.idle;
      await sleep(settle(2000));
      const rssBeforeMb = sampler.rss(name);
      log(`${system}: opening ${n} idle ${system === 'runde' ? 'authenticated ' : ''}connections`);
      const items = Array.from({ length: n }, (_, i) => ({
        token: system === 'runde' ? data.users[i].token : undefined,
        later: `user:${data.users[i].id}`,
      }));
      const tcpBefore = tcpCounters();
      const connect = await clients.connect(`idle-${system}`, `http://127.0.0.1:${port}`, items, 100);
      const tcp = counterDelta(tcpBefore, tcpCounters());
      await sleep(settle(3000));
      const rssConnectedMb = sampler.rss(name);
      log(
        `${system}: ${connect.connected}/${n} idle connections in ${Math.round(connect.ms)} ms; ` +
          `RSS ${rssBeforeMb?.toFixed(0)} → ${rssConnectedMb?.toFixed(0)} MB` +
          (connect.failed ? ` (${connect.failed} failed: ${connect.errors.join('; ')})` : ''),
      );
      const result: IdleResult = { system, connections: n, connect, rssBeforeMb, rssConnectedMb, tcp };
      if (system === 'runde') {
        result.subscribe = await clients.subscribeLater(`idle-${system}`, 100);
        await sleep(settle(3000));
        result.rssSubscribedMb = sampler.rss(name);
        result.workerRssMb = sampler.rss('worker');
        log(
          `${system}: each also subscribed to its own user stream in ${Math.round(result.subscribe.ms)} ms; ` +
            `RSS ${result.rssSubscribedMb?.toFixed(0)} MB`,
        );
      }
      await clients.close(`idle-${system}`);
      return result;
    }
    // ------------------------------------------------------------------ reconnect storm
    if (opts.phases.has('storm') && opts.storm > 0) {
      await sleep(settle(2000));
      const url = `http://127.0.0.1:${apiPort}`;
      log(`storm: connecting ${opts.storm} RealtimeClients`);
      const items = Array.from({ length: opts.storm }, (_, i) => ({
        token: data.users[i].token,
        stream: threadStream(i),
        url: apiPorts.length > 1 ? `http://127.0.0.1:${apiPortOf(i)}` : undefined,
      }));
      const stormRate = opts.stormRate || sustainableRate || opts.rate;
      const connect = await clients.stormConnect(url, items, 50);
      const probe = new LoopProbe(url, data.users[data.users.length - 1].token);
      probes.push(probe);
      await probe.start(100);
      if (connect.failed)
        errors.push(`storm: ${connect.failed} clients failed: ${connect.errors.join('; ')}`);
      const leadMs = opts.quick ? 1500 : 3000;
      const startAt = now() + 300;
      const postRun = poster.call<PosterStats>(
        'run',
        {
          kind: 'runde',
          port: apiPort,
          targets: postTargets(true),
          mode: 'rate',
          rate: stormRate,
          startAt,
          durationMs: leadMs + opts.stormTimeout * 1000 + 5000,
          window: { start: startAt, end: startAt + leadMs + opts.stormTimeout * 1000 + 5000 },
          concurrency: opts.postConcurrency,
          bodyChars: opts.bodyChars,
        } satisfies PostRunArgs,
        600_000,
      );
      await sleep(startAt + leadMs - now());
      log(`storm: posting at ${stormRate}/s; dropping all ${opts.storm} connections at once`);
      const tcpBefore = tcpCounters();
      profileStart();
      const dropAt = await clients.stormDrop();
      let allCaughtUpMs: number | null = null;
      let progress = await clients.stormProgress();
      while (now() - dropAt < opts.stormTimeout * 1000) {
        progress = await clients.stormProgress();
        if (progress.caughtUp >= progress.clients) {
          allCaughtUpMs = Histogram.from(progress.catchUp).max;
          break;
        }
        await sleep(100);
      }
      log(
        allCaughtUpMs !== null
          ? `storm: all ${progress.clients} caught up ${Math.round(allCaughtUpMs)} ms after the drop`
          : `storm: only ${progress.caughtUp}/${progress.clients} caught up (${progress.reconnected} reconnected) ` +
              `within ${opts.stormTimeout} s`,
      );
      await profileStop('storm');
      await sleep(settle(3000)); // live traffic continues after the catch-up
      await poster.call('stop');
      const posts = await postRun;
      const stormEnd = now();
      const tcp = counterDelta(tcpBefore, tcpCounters());
      await sleep(settle(2000));
      let stats = await clients.stormStats(await rundeHeads());
      for (let i = 0; i < 40 && stats.missing > 0; i++) {
        await sleep(250);
        stats = await clients.stormStats(await rundeHeads());
      }
      report.storm = {
        clients: opts.storm,
        rate: stormRate,
        connect,
        allCaughtUpMs,
        caughtUpInTime: progress.caughtUp,
        stats,
        catchUp: summary(Histogram.from(stats.catchUp)),
        liveAgain: summary(Histogram.from(stats.liveAgain)),
        reconnect: summary(Histogram.from(stats.reconnect)),
        deliveryLatency: summary(Histogram.from(stats.latency)),
        posts: {
          ok: posts.ok,
          failed: posts.failed,
          achievedPerSecond: posts.ok / (posts.ms / 1000),
          statuses: posts.statuses,
          errorSamples: posts.errorSamples,
        },
        loopProbe: summary(probe.between(dropAt, stormEnd)),
        rssMaxMb: sampler.rssMax('api', dropAt, stormEnd),
        cpu: sampler.cpuSplit(dropAt, stormEnd),
        seconds: (stormEnd - dropAt) / 1000,
        tcp,
      };
      log(
        `storm: ${stats.attempts} reconnection attempts, connect errors ${JSON.stringify(stats.connectErrors)}; ` +
          `consumer gaps ${stats.consumerGaps}, resyncs ${stats.resyncs}, behind at end ` +
          `${stats.clientsBehind} clients (${stats.missing} events), reconnects ${stats.reconnects}`,
      );
      probe.stop();
      await clients.stormClose();
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
