/**
 * `npm run bench:consultations [-- options]` (bash bench/run.sh dist/bench/consultations/main.js): consultation
 * rounds at the size of the whole Land (issue 25), on this machine, against 127.0.0.1 only.
 *
 * A round on a draft with ~50 numbered blocks, addressed to 1,100 organisations (the 44 districts and towns), each
 * answering with a statement of 20 points. The round is opened over REST; the statements are written with SQL as
 * the service writes them, all released but the last `--releases`, which the benchmark releases over REST while
 * 20 owners watch the board (socket.io, `consultation:<id>`): release request → each owner's `statement.released`.
 * Then, with all 1,100 released, the owners open the board (GET /consultations/:id) and the Synopse
 * (GET …/synopsis?format=json) one request at a time, and export the Synopse as DOCX.
 *
 * Server time is the api's own (the server-timing preload: request → response head); the time measured here, on
 * the same machine, is reported beside it. Report: bench/results/consultations-<stamp>/report.{md,json} and
 * bench/results/consultations-latest.{md,json}. Missed targets are results: exit 0 unless BENCH_STRICT=1.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { Client } from 'pg';
import { seedStatements, seedWorld, type Block } from './seed';
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
} from './support';
import { waitForHealth } from '../realtime/system';

const log = logger('consultations');

interface Options {
  addressees: number;
  points: number;
  watchers: number;
  releases: number;
  board: number;
  synopsis: number;
  docx: number;
  paragraphs: number;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const opts: Options = {
    addressees: quick ? 300 : 1100,
    points: 20,
    watchers: 20,
    releases: quick ? 20 : 120,
    board: quick ? 30 : 200,
    synopsis: quick ? 5 : 40,
    docx: quick ? 1 : 3,
    paragraphs: 50,
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
        'npm run bench:consultations -- [--quick] [--addressees N] [--points N] [--watchers N] [--releases N]\n' +
          '  [--board N] [--synopsis N] [--docx N] [--paragraphs N] [--keep (leave the database)]\n',
      );
      process.exit(0);
    }
    const key = a.replace(/^--/, '') as keyof Options;
    if (!(key in opts) || typeof opts[key] !== 'number') throw new Error(`unknown option ${a}`);
    (opts as unknown as Record<string, number>)[key] = Number(argv[++i]);
  }
  return opts;
}

/** The strategy draft: five sections of ten paragraphs (50 Randnummern). */
function draftText(paragraphs: number): string {
  const parts = ['# Eckpunkte Integrationsmanagement 2028', ''];
  for (let p = 0; p < paragraphs; p++) {
    if (p % 10 === 0) parts.push(`## Abschnitt ${p / 10 + 1}`, '');
    parts.push(
      `Absatz ${p + 1}: Die Landkreise und Gemeinden beraten Zugewanderte vor Ort und stimmen ihre Angebote mit ` +
        'den Trägern der Integrationskurse, den Jobcentern und der Ausländerbehörde ab. Das Land fördert ' +
        'Integrationsmanagement, Sprachförderung und die Begleitung von Ehrenamtlichen verlässlich.',
      '',
    );
  }
  return parts.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const opts = parseOptions(argv);
  const adminDbUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  assertLoopback(adminDbUrl, 'BENCH_DATABASE_URL');
  assertLoopback(redisUrl, 'BENCH_REDIS_URL');
  const sys = systemFor('consultations', adminDbUrl);
  const started = new Date();
  const children: ChildProcess[] = [];
  const watchers: Watcher[] = [];
  let db: Client | undefined;
  const loads: Record<string, string> = { before: loadAverage() };
  const errors: string[] = [];
  const report: Record<string, unknown> = {
    kind: 'consultations',
    command: `npm run bench:consultations${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    startedAt: started.toISOString(),
    machine: machine(),
    options: opts,
    database: sys.dbName,
    loads,
    errors,
  };

  const teardown = async () => {
    for (const w of watchers) w.socket.close();
    await Promise.all(children.map((c) => stop(c).catch(() => undefined)));
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
    const world = await seedWorld(db, opts.addressees, opts.watchers);
    log(`seeded ${world.orgIds.length} addressees with an admin each, ${opts.watchers} owners (${ms(t)})`);

    const port = await freePort();
    const api = startApi(sys, redisUrl, port);
    children.push(api);
    const worker = startWorker(sys, redisUrl);
    children.push(worker);
    await waitForHealth(port, api, 'api');
    const owner = world.owners[0];

    // ——— the draft in consultation and the round, over REST
    const draft = json<{ id: string }>(
      await expectStatus(
        201,
        http(port, 'POST', `/api/v1/topics/${world.topicId}/drafts`, {
          token: owner.token,
          body: { title: 'Eckpunkte Integrationsmanagement 2028', content: draftText(opts.paragraphs) },
        }),
        'creating the draft',
      ),
    );
    const deadline = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
    await expectStatus(
      200,
      http(port, 'POST', `/api/v1/drafts/${draft.id}/status`, {
        token: owner.token,
        body: { status: 'consultation', deadline },
      }),
      'draft into consultation',
    );
    const blocks = json<{ items: Block[] }>(
      await expectStatus(
        200,
        http(port, 'GET', `/api/v1/drafts/${draft.id}/blocks`, { token: owner.token }),
        'blocks',
      ),
    ).items;
    t = now();
    const round = json<{ id: string }>(
      await expectStatus(
        201,
        http(port, 'POST', `/api/v1/groups/${world.groupId}/consultations`, {
          token: owner.token,
          body: {
            title: 'Anhörung Eckpunkte Integrationsmanagement 2028',
            kind: 'hearing',
            draftId: draft.id,
            addressees: { organisationIds: world.orgIds },
            deadline,
          },
          timeoutMs: 120_000,
        }),
        'opening the round',
      ),
    );
    log(
      `round ${round.id} opened over REST to ${world.orgIds.length} addressees in ${ms(t)}; ` +
        `draft with ${blocks.filter((b) => b.rn).length} numbered blocks`,
    );
    await waitForOutbox(db);
    t = now();
    const seeded = await seedStatements(db, round.id, world, blocks, opts.points, opts.releases);
    log(
      `statements: ${seeded.released} released + ${seeded.toRelease.length} drafting, ` +
        `${seeded.comments} points (SQL, ${ms(t)})`,
    );
    report.data = {
      addressees: world.orgIds.length,
      numberedBlocks: blocks.filter((b) => b.rn).length,
      statements: world.orgIds.length,
      pointsPerStatement: opts.points,
      points: seeded.comments,
      releasedOverRest: seeded.toRelease.length,
    };

    // ——— releases reaching the owners' board
    const url = `http://127.0.0.1:${port}`;
    for (const o of world.owners) {
      watchers.push(
        await watcher(url, o.token, `consultation:${round.id}`, 'statement.released', (d) =>
          String(d.organisationId),
        ),
      );
    }
    log(`${watchers.length} owners watch the board; releasing ${seeded.toRelease.length} statements`);
    loads.releases = loadAverage();
    const releaseLatency: number[] = [];
    const releaseHttp: number[] = [];
    const releaseServer: number[] = [];
    let missing = 0;
    const cpu0 = { api: cpuSeconds(api.pid), worker: cpuSeconds(worker.pid), at: now() };
    for (const { orgId, admin } of seeded.toRelease) {
      const t0 = now();
      const res = await expectStatus(
        200,
        http(port, 'POST', `/api/v1/consultations/${round.id}/statements/${orgId}/release`, {
          token: admin.token,
        }),
        'release',
      );
      releaseHttp.push(res.ms);
      if (res.serverMs !== null) releaseServer.push(res.serverMs);
      const until = now() + 5000;
      while (now() < until && watchers.some((w) => !w.arrivals.has(orgId))) await sleep(2);
      for (const w of watchers) {
        const at = w.arrivals.get(orgId);
        if (at === undefined) missing++;
        else releaseLatency.push(at - t0);
      }
      await sleep(50);
    }
    const cpuRel = {
      api: (cpuSeconds(api.pid) - cpu0.api) / seeded.toRelease.length,
      worker: (cpuSeconds(worker.pid) - cpu0.worker) / seeded.toRelease.length,
    };
    const release = {
      toBoard: summarize(releaseLatency),
      httpClient: summarize(releaseHttp),
      httpServer: summarize(releaseServer),
      missing,
      cpuMsPerRelease: { api: round1(cpuRel.api * 1000), worker: round1(cpuRel.worker * 1000) },
    };
    report.release = release;
    log(`release → owner's board: ${fmt(release.toBoard)}; missing ${missing}`);
    log(`release request: client ${fmt(release.httpClient)}; server ${fmt(release.httpServer)}`);
    if (missing) errors.push(`${missing} release events did not reach an owner within 5 s`);
    await waitForOutbox(db);

    // ——— the board and the Synopse, all statements released
    const [{ n: releasedNow }] = (
      await db.query(
        `SELECT count(*)::int AS n FROM consultation_statements WHERE consultation_id = $1 AND status = 'released'`,
        [round.id],
      )
    ).rows;
    log(
      `${releasedNow} statements released; opening the board ×${opts.board} and the Synopse ×${opts.synopsis}`,
    );
    loads.reads = loadAverage();
    const reads = async (n: number, urlPath: string, check: (body: Buffer) => void) => {
      const client: number[] = [];
      const server: number[] = [];
      let bytes = 0;
      for (let i = -3; i < n; i++) {
        const res = await expectStatus(
          200,
          http(port, 'GET', urlPath, { token: world.owners[(i + 3) % world.owners.length].token }),
          urlPath,
        );
        if (i === -3) check(res.body);
        if (i < 0) continue; // warm-up
        client.push(res.ms);
        if (res.serverMs !== null) server.push(res.serverMs);
        bytes = res.body.length;
      }
      return { server: summarize(server), client: summarize(client), bytes };
    };
    const board = await reads(opts.board, `/api/v1/consultations/${round.id}`, (body) => {
      const view = JSON.parse(body.toString()) as { addressees: Array<{ status: string }> };
      const released = view.addressees.filter((a) => a.status === 'released').length;
      if (view.addressees.length !== world.orgIds.length || released !== world.orgIds.length)
        errors.push(`board: ${view.addressees.length} addressees, ${released} released`);
    });
    log(`board: server ${fmt(board.server)}; client ${fmt(board.client)}; ${kb(board.bytes)}`);
    const synopsis = await reads(
      opts.synopsis,
      `/api/v1/consultations/${round.id}/synopsis?format=json`,
      (body) => {
        const s = JSON.parse(body.toString()) as { counts: { points: number; released: number } };
        if (s.counts.points !== seeded.comments || s.counts.released !== world.orgIds.length)
          errors.push(`synopsis: ${s.counts.points} points, ${s.counts.released} released`);
      },
    );
    log(`synopsis: server ${fmt(synopsis.server)}; client ${fmt(synopsis.client)}; ${kb(synopsis.bytes)}`);
    report.board = board;
    report.synopsis = synopsis;

    // ——— the DOCX export
    loads.docx = loadAverage();
    const docx: Array<{ clientMs: number; serverMs: number | null; bytes: number; rows: number }> = [];
    // Meanwhile another owner keeps opening the board: the api must go on answering while it writes the file.
    const boardDuringDocx: number[] = [];
    for (let i = 0; i < opts.docx; i++) {
      let exporting = true;
      const probe = (async () => {
        while (exporting) {
          const res = await expectStatus(
            200,
            http(port, 'GET', `/api/v1/consultations/${round.id}`, { token: world.owners[1].token }),
            'board during docx',
          );
          boardDuringDocx.push(res.ms);
        }
      })();
      const res = await expectStatus(
        200,
        http(port, 'GET', `/api/v1/consultations/${round.id}/synopsis?format=docx`, {
          token: owner.token,
          timeoutMs: 180_000,
        }),
        'synopsis docx',
      ).finally(() => (exporting = false));
      await probe;
      // Read back: one table row per point (plus the tables' header rows and the text's heading rows).
      const xml = strFromU8(unzipSync(new Uint8Array(res.body))['word/document.xml'] ?? new Uint8Array());
      const rows = xml.split('<w:tr>').length - 1;
      if (rows < seeded.comments)
        errors.push(`the DOCX has ${rows} table rows for ${seeded.comments} points`);
      docx.push({ clientMs: round1(res.ms), serverMs: res.serverMs, bytes: res.body.length, rows });
      log(`docx: ${Math.round(res.ms)} ms (server ${res.serverMs} ms), ${kb(res.body.length)}, ${rows} rows`);
    }
    report.docx = docx;
    report.boardDuringDocx = summarize(boardDuringDocx);
    log(`board while the DOCX is made: client ${fmt(report.boardDuringDocx as never)}`);
    loads.after = loadAverage();

    const docxWorst = Math.max(...docx.map((d) => d.clientMs));
    const targets: Target[] = [
      {
        name: 'board (GET /consultations/:id, owner)',
        target: 'p95 ≤ 300 ms server time',
        measured: `p95 ${board.server.p95} ms server (client ${board.client.p95} ms)`,
        met: board.server.p95 <= 300,
      },
      {
        name: 'Synopse (GET …/synopsis?format=json)',
        target: 'p95 ≤ 300 ms server time',
        measured: `p95 ${synopsis.server.p95} ms server (client ${synopsis.client.p95} ms)`,
        met: synopsis.server.p95 <= 300,
      },
      {
        name: `release → ${opts.watchers} owners' boards`,
        target: 'p99 ≤ 200 ms over ≥ 100 releases',
        measured: `p99 ${release.toBoard.p99} ms over ${seeded.toRelease.length} releases (${release.toBoard.n} deliveries)`,
        met: release.toBoard.p99 <= 200 && seeded.toRelease.length >= 100 && !missing,
      },
      {
        name: 'DOCX export of the Synopse',
        target: '≤ 10 s',
        measured: `${(docxWorst / 1000).toFixed(2)} s (worst of ${docx.length})`,
        met: docxWorst <= 10_000,
      },
    ];
    report.targets = targets;
    report.finishedAt = new Date().toISOString();
    const md = renderMarkdown(report, targets, opts);
    writeReport(sys, 'consultations', md, report);
    process.stdout.write(`\n${md}\n`);
    await teardown();
    if (errors.length) return 1;
    return process.env.BENCH_STRICT === '1' && targets.some((x) => !x.met) ? 3 : 0;
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
    log(`failed: ${errors.at(-1)}`);
    writeReport(sys, 'consultations', `failed: ${errors.join('; ')}`, report);
    await teardown();
    return 1;
  }
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const ms = (t0: number) => `${Math.round(now() - t0)} ms`;
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

function renderMarkdown(r: Record<string, unknown>, targets: Target[], opts: Options): string {
  const m = r.machine as ReturnType<typeof machine>;
  const loads = r.loads as Record<string, string>;
  const d = r.data as Record<string, number>;
  const rel = r.release as { httpClient: unknown; httpServer: unknown; cpuMsPerRelease: unknown };
  return [
    `# Consultations benchmark (${m.date}, \`${m.gitCommit}\`${m.gitDirtyFiles ? `, ${m.gitDirtyFiles} files changed in the tree` : ''})`,
    '',
    `Command: \`${String(r.command)}\`. ${m.nproc} cores (${m.cpuModel}), Node ${m.node}. Load average (1/5/15 min) ` +
      `before ${loads.before}, releases ${loads.releases}, reads ${loads.reads}, DOCX ${loads.docx}, after ${loads.after}.`,
    '',
    `A round on a draft with ${d.numberedBlocks} numbered blocks to ${d.addressees} addressees (44 districts and ` +
      `towns), ${d.statements} statements of ${d.pointsPerStatement} points (${d.points} points); all released ` +
      `(the last ${d.releasedOverRest} over REST in the release phase). ${opts.watchers} owners watch the board.`,
    '',
    targetsTable(targets),
    '',
    `Release request: client ${fmt(rel.httpClient as never)}; server ${fmt(rel.httpServer as never)}; CPU per ` +
      `release ${JSON.stringify(rel.cpuMsPerRelease)} ms.`,
    '',
    `Board: server ${fmt((r.board as { server: never }).server)}, client ${fmt((r.board as { client: never }).client)}.`,
    `Synopse: server ${fmt((r.synopsis as { server: never }).server)}, client ${fmt((r.synopsis as { client: never }).client)}, ` +
      `${kb((r.synopsis as { bytes: number }).bytes)}.`,
    `DOCX: ${JSON.stringify(r.docx)}; meanwhile another owner opened the board: client ${fmt(r.boardDuringDocx as never)}.`,
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
