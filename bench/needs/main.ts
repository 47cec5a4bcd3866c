/**
 * `npm run bench:needs [-- options]` (bash bench/run.sh dist/bench/needs/main.js): the needs radar at ten years
 * of the whole Land (issue 26), on this machine, against 127.0.0.1 only.
 *
 * 1. Seed (SQL, bench/needs/seed.ts): 1,100 reporters (44 districts, towns), one quarterly round over the eight
 *    fields of action, 40 periods, a report per reporter and period with an entry per field (~350,000 entries),
 *    and their `needs_report.released` events.
 * 2. Rebuild: NeedsAggregator.rebuild() of the product, in this process, timed; its aggregates compared row by row
 *    with a straight SQL count over the released entries (an independent GROUP BY per level and audience).
 * 3. Reads: the radar's roll-up (GET /needs/rollup, district / regierungsbezirk / land) and completeness (GET
 *    /needs/periods/:id/completeness) for random fields and periods, as the ministry (audience all) and as a
 *    town's or district's people (network), one request at a time; server time from the server-timing preload.
 * 4. Live: 50 browsers' sockets subscribed to `needs`; `--releases` reports of the open period released over
 *    REST one by one: release request → each socket's `needs_report.released`, and → the land roll-up of one of
 *    the report's fields showing it (the worker's aggregate consumer; polled over GET every 10 ms).
 *
 * Report: bench/results/needs-<stamp>/report.{md,json} and bench/results/needs-latest.{md,json}. Missed targets are
 * results: exit 0 unless BENCH_STRICT=1.
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { NeedsAggregator } from '../../libs/needs/src/needs-aggregator';
import { FIELD_KEYS } from '../../libs/needs/src/fields';
import { dataSourceOptions } from '../../libs/platform/src/database/data-source-options';
import { waitForHealth } from '../realtime/system';
import {
  assertLoopback,
  cpuSeconds,
  deleteRedisPrefix,
  dropDatabase,
  expectStatus,
  fmt,
  freePort,
  http,
  json,
  loadAverage,
  logger,
  machine,
  migrate,
  now,
  sleep,
  startApi,
  startWorker,
  stop,
  summarize,
  systemFor,
  targetsTable,
  type Target,
  waitForOutbox,
  watcher,
  type Watcher,
  writeReport,
} from '../consultations/support';
import { seedNeeds } from './seed';
import { straightCountDiff } from './straight-count';

const log = logger('needs');

interface Options {
  reporters: number;
  years: number;
  releases: number;
  watchers: number;
  reads: number;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const opts: Options = {
    reporters: quick ? 300 : 1100,
    years: quick ? 2 : 10,
    releases: quick ? 20 : 120,
    watchers: 50,
    reads: quick ? 100 : 600,
    keep: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') continue;
    if (a === '--keep') {
      opts.keep = true;
      continue;
    }
    if (a === '--help') {
      process.stdout.write(
        'npm run bench:needs -- [--quick] [--reporters N] [--years N] [--releases N] [--watchers N] [--reads N]\n' +
          '  [--keep (leave the database)]\n',
      );
      process.exit(0);
    }
    const key = a.replace(/^--/, '') as keyof Options;
    if (!(key in opts) || typeof opts[key] !== 'number') throw new Error(`unknown option ${a}`);
    (opts as unknown as Record<string, number>)[key] = Number(argv[++i]);
  }
  return opts;
}

/** A small deterministic generator (the same request mix every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function main(argv: string[]): Promise<number> {
  const opts = parseOptions(argv);
  const adminDbUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  assertLoopback(adminDbUrl, 'BENCH_DATABASE_URL');
  assertLoopback(redisUrl, 'BENCH_REDIS_URL');
  const sys = systemFor('needs', adminDbUrl);
  const children: ChildProcess[] = [];
  const watchers: Watcher[] = [];
  let db: Client | undefined;
  let ds: DataSource | undefined;
  const loads: Record<string, string> = { before: loadAverage() };
  const errors: string[] = [];
  const report: Record<string, unknown> = {
    kind: 'needs',
    command: `npm run bench:needs${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    startedAt: new Date().toISOString(),
    machine: machine(),
    options: opts,
    database: sys.dbName,
    loads,
    errors,
  };
  const teardown = async () => {
    for (const w of watchers) w.socket.close();
    await Promise.all(children.map((c) => stop(c).catch(() => undefined)));
    await ds?.destroy().catch(() => undefined);
    await db?.end().catch(() => undefined);
    if (!opts.keep) {
      await dropDatabase(adminDbUrl, sys.dbName).catch((e: unknown) => log(`could not drop: ${String(e)}`));
    }
    await deleteRedisPrefix(redisUrl, sys.redisPrefix).catch(() => undefined);
  };
  process.once('SIGINT', () => void teardown().finally(() => process.exit(130)));

  try {
    log(`database ${sys.dbName}; files in ${path.relative(process.cwd(), sys.runDir)}; load ${loads.before}`);
    await migrate(sys.databaseUrl);
    db = new Client({ connectionString: sys.databaseUrl });
    await db.connect();
    let t = now();
    const world = await seedNeeds(db, {
      reporters: opts.reporters,
      years: opts.years,
      releases: opts.releases,
      ministryWatchers: Math.ceil(opts.watchers / 5),
      memberWatchers: opts.watchers - Math.ceil(opts.watchers / 5),
    });
    const seedMs = now() - t;
    log(
      `seeded ${world.orgIds.length} reporters, ${world.periods.length} periods, ${world.reports} reports, ` +
        `${world.entries} entries, ${world.events} released events (SQL, ${Math.round(seedMs / 1000)} s)`,
    );
    report.data = {
      reporters: world.orgIds.length,
      periods: world.periods.length,
      fields: FIELD_KEYS.length,
      reports: world.reports,
      entries: world.entries,
      releasedEvents: world.events,
      seedSeconds: Math.round(seedMs / 100) / 10,
    };

    // ——— rebuild, in this process, with the product's class
    loads.rebuild = loadAverage();
    ds = new DataSource(dataSourceOptions({ DATABASE_URL: sys.databaseUrl, DATABASE_POOL_SIZE: 2 }));
    await ds.initialize();
    const aggregator = new NeedsAggregator(ds, undefined as never); // rebuild() does not evaluate signals
    t = now();
    const rebuilt = await aggregator.rebuild();
    const rebuildMs = now() - t;
    const [{ rows: aggregateRows }] = (await db.query(`SELECT count(*)::int AS rows FROM needs_aggregates`))
      .rows;
    t = now();
    const diff = await straightCountDiff(db);
    const diffMs = now() - t;
    log(
      `rebuild: ${(rebuildMs / 1000).toFixed(2)} s for ${rebuilt.reports} reports → ${aggregateRows} aggregate rows; ` +
        `straight SQL count (${Math.round(diffMs)} ms): ${diff.missing} missing, ${diff.extra} extra, ` +
        `${diff.differ} differing of ${diff.expected}`,
    );
    report.rebuild = { ms: Math.round(rebuildMs), reports: rebuilt.reports, aggregateRows, diff, diffMs };
    if (diff.missing || diff.extra || diff.differ)
      errors.push('the rebuilt aggregates differ from the count');
    await ds.destroy();
    ds = undefined;

    // ——— api + worker, reads
    const port = await freePort();
    const api = startApi(sys, redisUrl, port);
    children.push(api);
    const worker = startWorker(sys, redisUrl);
    children.push(worker);
    await waitForHealth(port, api, 'api');
    await sleep(1000);
    await waitForOutbox(db);
    loads.reads = loadAverage();
    const rnd = random(26);
    const kinds = ['district', 'regierungsbezirk', 'land', 'completeness'] as const;
    const server: Record<(typeof kinds)[number], number[]> = {
      district: [],
      regierungsbezirk: [],
      land: [],
      completeness: [],
    };
    const client: number[] = [];
    const serverAll: number[] = [];
    for (let i = -8; i < opts.reads; i++) {
      const kind = kinds[(i + 8) % kinds.length];
      const period = world.periods[Math.floor(rnd() * world.periods.length)];
      const field = FIELD_KEYS[Math.floor(rnd() * FIELD_KEYS.length)];
      const asMinistry = (i & 1) === 0;
      const viewer = asMinistry
        ? world.ministry[Math.floor(rnd() * world.ministry.length)]
        : world.members[Math.floor(rnd() * world.members.length)];
      const urlPath =
        kind === 'completeness'
          ? `/api/v1/needs/periods/${period.id}/completeness`
          : `/api/v1/needs/rollup?field=${field}&periodId=${period.id}&level=${kind}`;
      const res = await expectStatus(200, http(port, 'GET', urlPath, { token: viewer.token }), urlPath);
      if (i === -8 + kinds.indexOf('land')) {
        const body = json<{ items: Array<{ reports: number }> }>(res);
        if (!body.items.length || !body.items[0].reports) errors.push(`empty land roll-up: ${urlPath}`);
      }
      if (i < 0) continue;
      client.push(res.ms);
      if (res.serverMs !== null) {
        server[kind].push(res.serverMs);
        serverAll.push(res.serverMs);
      }
    }
    const reads = {
      server: summarize(serverAll),
      client: summarize(client),
      byKind: Object.fromEntries(kinds.map((k) => [k, summarize(server[k])])),
    };
    report.reads = reads;
    log(`reads: server ${fmt(reads.server)}; client ${fmt(reads.client)}`);
    for (const k of kinds) log(`  ${k}: server ${fmt(reads.byKind[k])}`);

    // ——— live: releases reaching 50 radars, and the roll-up
    const url = `http://127.0.0.1:${port}`;
    const viewers = [...world.ministry, ...world.members].slice(0, opts.watchers);
    for (const v of viewers) {
      watchers.push(
        await watcher(url, v.token, 'needs', 'needs_report.released', (d) => String(d.organisationId)),
      );
    }
    log(
      `${watchers.length} radars watch \`needs\`; releasing ${world.toRelease.length} reports of the open period`,
    );
    loads.releases = loadAverage();
    const toRadar: number[] = [];
    const toRollup: number[] = [];
    const releaseHttp: number[] = [];
    const releaseServer: number[] = [];
    let missing = 0;
    let rollupMissing = 0;
    const cpu0 = { api: cpuSeconds(api.pid), worker: cpuSeconds(worker.pid) };
    const ministryToken = world.ministry[0].token;
    for (const { orgId, admin, fields } of world.toRelease) {
      const field = fields[0];
      const rollupPath = `/api/v1/needs/rollup?field=${field}&periodId=${world.openPeriodId}&level=land`;
      const landReports = async () =>
        json<{ items: Array<{ reports: number }> }>(
          await expectStatus(200, http(port, 'GET', rollupPath, { token: ministryToken }), rollupPath),
        ).items[0]?.reports ?? 0;
      const before = await landReports();
      const t0 = now();
      const res = await expectStatus(
        200,
        http(port, 'POST', `/api/v1/needs/periods/${world.openPeriodId}/reports/${orgId}/release`, {
          token: admin.token,
        }),
        'release',
      );
      releaseHttp.push(res.ms);
      if (res.serverMs !== null) releaseServer.push(res.serverMs);
      const until = now() + 10_000;
      let rolled: number | undefined;
      while (now() < until && (rolled === undefined || watchers.some((w) => !w.arrivals.has(orgId)))) {
        if (rolled === undefined && (await landReports()) > before) rolled = now() - t0;
        else await sleep(10);
      }
      if (rolled === undefined) rollupMissing++;
      else toRollup.push(rolled);
      for (const w of watchers) {
        const at = w.arrivals.get(orgId);
        if (at === undefined) missing++;
        else toRadar.push(at - t0);
      }
      await sleep(50);
    }
    const n = world.toRelease.length || 1;
    const live = {
      toRadar: summarize(toRadar),
      toRollup: summarize(toRollup),
      httpClient: summarize(releaseHttp),
      httpServer: summarize(releaseServer),
      missing,
      rollupMissing,
      cpuMsPerRelease: {
        api: Math.round(((cpuSeconds(api.pid) - cpu0.api) / n) * 10000) / 10,
        worker: Math.round(((cpuSeconds(worker.pid) - cpu0.worker) / n) * 10000) / 10,
      },
    };
    report.live = live;
    log(`release → radar: ${fmt(live.toRadar)}; missing ${missing}`);
    log(`release → land roll-up shows it: ${fmt(live.toRollup)}; missing ${rollupMissing}`);
    log(`release request: client ${fmt(live.httpClient)}; server ${fmt(live.httpServer)}`);
    if (missing) errors.push(`${missing} release events did not reach a radar within 10 s`);
    if (rollupMissing) errors.push(`${rollupMissing} releases did not show in the roll-up within 10 s`);
    loads.after = loadAverage();

    const targets: Target[] = [
      {
        name: `NeedsAggregator.rebuild() over ${world.entries} entries`,
        target: '≤ 60 s, equal to a straight SQL count',
        measured: `${(rebuildMs / 1000).toFixed(2)} s; ${diff.missing + diff.extra + diff.differ} of ${diff.expected} rows differ`,
        met: rebuildMs <= 60_000 && !diff.missing && !diff.extra && !diff.differ,
      },
      {
        name: 'roll-up (district, regierungsbezirk, land) and completeness',
        target: 'p95 ≤ 100 ms server time',
        measured: `p95 ${reads.server.p95} ms server (client ${reads.client.p95} ms; worst kind ${Math.max(...kinds.map((k) => reads.byKind[k].p95))} ms)`,
        met: kinds.every((k) => reads.byKind[k].p95 <= 100),
      },
      {
        name: `release → ${watchers.length} radars' \`needs_report.released\``,
        target: 'p99 ≤ 300 ms',
        measured: `p99 ${live.toRadar.p99} ms over ${world.toRelease.length} releases (${live.toRadar.n} deliveries)`,
        met: live.toRadar.p99 <= 300 && !missing,
      },
      {
        name: 'release → the roll-up reflecting it (worker consumer)',
        target: 'p99 ≤ 300 ms',
        measured: `p99 ${live.toRollup.p99} ms (p50 ${live.toRollup.p50})`,
        met: live.toRollup.p99 <= 300 && !rollupMissing,
      },
    ];
    report.targets = targets;
    report.finishedAt = new Date().toISOString();
    const md = renderMarkdown(report, targets);
    writeReport(sys, 'needs', md, report);
    process.stdout.write(`\n${md}\n`);
    await teardown();
    if (errors.length) return 1;
    return process.env.BENCH_STRICT === '1' && targets.some((x) => !x.met) ? 3 : 0;
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
    log(`failed: ${errors.at(-1)}`);
    writeReport(sys, 'needs', `failed: ${errors.join('; ')}`, report);
    await teardown();
    return 1;
  }
}

function renderMarkdown(r: Record<string, unknown>, targets: Target[]): string {
  const m = r.machine as ReturnType<typeof machine>;
  const loads = r.loads as Record<string, string>;
  const d = r.data as Record<string, number>;
  const reads = r.reads as { byKind: Record<string, never>; client: never };
  const live = r.live as { httpClient: never; httpServer: never; cpuMsPerRelease: unknown; toRollup: never };
  return [
    `# Needs radar benchmark (${m.date}, \`${m.gitCommit}\`${m.gitDirtyFiles ? `, ${m.gitDirtyFiles} files changed in the tree` : ''})`,
    '',
    `Command: \`${String(r.command)}\`. ${m.nproc} cores (${m.cpuModel}), Node ${m.node}. Load average (1/5/15 min) ` +
      `before ${loads.before}, rebuild ${loads.rebuild}, reads ${loads.reads}, releases ${loads.releases}, after ${loads.after}.`,
    '',
    `${d.reporters} reporters, ${d.periods} periods, ${d.fields} fields of action: ${d.reports} reports, ${d.entries} ` +
      `entries, ${d.releasedEvents} released events (seeded with SQL in ${d.seedSeconds} s).`,
    '',
    targetsTable(targets),
    '',
    ...Object.entries(reads.byKind).map(([k, s]) => `- ${k}: server ${fmt(s)}`),
    `- all reads, client: ${fmt(reads.client)}`,
    `- release request: client ${fmt(live.httpClient)}; server ${fmt(live.httpServer)}; CPU per release ` +
      `${JSON.stringify(live.cpuMsPerRelease)} ms`,
    `- release → roll-up: ${fmt(live.toRollup)}`,
    ...((r.errors as string[]).length ? ['', `Errors: ${(r.errors as string[]).join('; ')}`] : []),
  ].join('\n');
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
