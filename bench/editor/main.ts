/**
 * `npm run bench:editor [-- options]` (bash bench/run.sh dist/bench/editor/main.js, which also builds the browser
 * client): the draft editor in a real browser (Debian's Chromium, headless, through playwright-core — never a
 * downloaded browser) against the compiled api + worker on 127.0.0.1, with a long draft (default 250,000
 * characters of Markdown: headings, paragraphs, lists, a table).
 *
 * (a) Opening: a new browser context (no cache, signed in by its refresh token as a returning user is) navigates
 *     to `#/drafts/<id>`; timed from the navigation to the editor in the DOM, to the whole document rendered, and
 *     to a typed key shown in the editor (click into the first paragraph, one key) — the editor is interactive.
 * (b) Typing while others type: N co-editors (Node clients speaking the browser's live protocol, see
 *     co-editors-worker.ts) type R keys/s each into other paragraphs, while the browser types K keystrokes into its
 *     own; each keystroke timed in the page from its keydown to the DOM mutation showing it (page-probe.ts).
 *
 * Report: bench/results/editor-<stamp>/report.{md,json} and bench/results/editor-latest.md (git-ignored).
 */
import { ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import {
  numberingChanges,
  parseMarkdown,
  plainText,
  readDoc,
  schema,
  withBlockAttrs,
  writeDoc,
} from '@runde/richtext';
import { Fragment } from 'prosemirror-model';
import { seed } from '../drafts/seed';
import { machineCpu } from '../realtime/proc';
import { summarize, type Summary } from '../drafts/stats';
import {
  assertLoopback,
  deleteRedisPrefix,
  dropDatabase,
  freePort,
  http,
  JWT_SECRET,
  loadAverage,
  now,
  ROOT,
  Rpc,
  run,
  serviceEnv,
  sh,
  sleep,
  startService,
  stop,
  waitForHealth,
  withDatabase,
} from '../drafts/support';
import type { CoEditorSpec } from './co-editors-worker';
import { END_MARKER, strategyDocument } from './document';
import { probeScript, type KeyLatency } from './page-probe';
import { profilePage, summarizePageProfile, type PageProfileSummary } from './page-profile';

const API = 'apps/api/src/main.js';
const WORKER = 'apps/worker/src/main.js';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EDITOR = '.ProseMirror[contenteditable="true"]';
/** What REST accepts as a draft's Markdown (libs/drafts DRAFT_CONTENT_MAX); the rest arrives live. */
const REST_MAX = 200_000;

interface Options {
  quick: boolean;
  chars: number;
  opens: number;
  keystrokes: number;
  keyIntervalMs: number;
  coEditors: number;
  coRate: number;
  warmup: number;
  /** seconds of typing after the measured keystrokes with the page CPU-profiled (0: none) */
  profileSeconds: number;
  timeLimit: number;
  databaseUrl: string;
  redisUrl: string;
}

const USAGE = `npm run bench:editor -- [options]
  --quick              50,000 characters, 3 opens, 100 keystrokes
  --chars N            characters of Markdown in the draft        (default 250000)
  --opens N            timed opens (a)                            (default 7)
  --keystrokes N       timed keystrokes in the browser (b)        (default 600)
  --key-interval MS    mean time between the browser's keys       (default 150)
  --co-editors N       co-editors typing meanwhile (b)            (default 10)
  --co-rate N          keys per second of each co-editor          (default 5)
  --profile-seconds S  page CPU profile while typing goes on after the measured keystrokes (default 10; quick 0)
  --time-limit S       stop and clean up after S seconds          (default 600)
  CHROMIUM_PATH (default /usr/bin/chromium), BENCH_DATABASE_URL, BENCH_REDIS_URL.
`;

function parse(argv: string[]): Options {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}\n\n${USAGE}`);
    if (a === '--quick' || a === '--help') flags.set(a.slice(2), 'true');
    else flags.set(a.slice(2), argv[++i] ?? '');
  }
  if (flags.has('help')) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const quick = flags.get('quick') === 'true';
  flags.delete('quick');
  const num = (name: string, fallback: number) => {
    const raw = flags.get(name);
    flags.delete(name);
    if (raw === undefined) return fallback;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number ≥ 0`);
    return v;
  };
  const opts: Options = {
    quick,
    chars: num('chars', quick ? 50_000 : 250_000),
    opens: Math.max(1, num('opens', quick ? 3 : 7)),
    keystrokes: Math.max(1, num('keystrokes', quick ? 100 : 600)),
    keyIntervalMs: Math.max(20, num('key-interval', 150)),
    coEditors: num('co-editors', 10),
    coRate: Math.max(0.1, num('co-rate', 5)),
    warmup: 3,
    profileSeconds: num('profile-seconds', quick ? 0 : 10),
    timeLimit: num('time-limit', 600),
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
  if (flags.size) throw new Error(`unknown option(s): ${[...flags.keys()].join(', ')}\n\n${USAGE}`);
  return opts;
}

const log = (message: string) =>
  process.stdout.write(`[bench:editor ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const r1 = (v: number) => Math.round(v * 10) / 10;

interface OpenResult {
  editorMs: number | null;
  contentMs: number | null;
  interactiveMs: number | null;
  error?: string;
}

interface Report {
  kind: 'editor';
  stamp: string;
  command: string;
  options: Options;
  machine: Record<string, string | number>;
  draft: {
    markdownChars: number;
    plainChars: number;
    viaRest: number;
    viaLive: number;
    blocks: Record<string, number>;
    version: number;
  };
  web: { commit: string; editorPresent: boolean };
  opens: OpenResult[];
  open: { editor: Summary; content: Summary; interactive: Summary };
  typing?: {
    keystrokes: number;
    seen: number;
    missed: number;
    late: number;
    /** CPU cores busy on the whole machine while the keystrokes were measured (of nproc), and stolen */
    machineBusyCores: number;
    stealCores: number;
    seconds: number;
    dom: Summary;
    paint: Summary;
    queued: Summary;
    longTasks: number[];
    coEditors: Record<string, unknown>;
    persisted: boolean;
    peersHaveIt: boolean;
    profile?: PageProfileSummary;
  };
  errors: string[];
}

/** The page's probe as the benchmark reads it. */
interface ProbeState {
  marks: { editor?: number; content?: number };
  lat: Array<KeyLatency & { at?: number }>;
  pending: unknown[];
  longTasks: number[];
}

/**
 * Polls an expression in the page (page.waitForFunction compiles its predicate with `new Function`, which the
 * app's Content-Security-Policy rightly forbids; `evaluate` goes through the DevTools protocol).
 */
async function waitFor(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
    await sleep(5);
  }
}

const readProbe = (page: Page) =>
  page.evaluate(
    '({ marks: __bench.marks, lat: __bench.lat, pending: __bench.pending.map(() => 0), longTasks: __bench.longTasks })',
  ) as Promise<ProbeState>;

async function main(argv: string[]): Promise<number> {
  const opts = parse(argv);
  assertLoopback(opts.databaseUrl, 'BENCH_DATABASE_URL');
  assertLoopback(opts.redisUrl, 'BENCH_REDIS_URL');
  const started = new Date();
  const stamp = started.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const runDir = path.join(ROOT, 'bench', 'results', `editor-${stamp}`);
  mkdirSync(runDir, { recursive: true });
  const dbName = `runde_bench_editor_${stamp}`;
  const redisPrefix = `runde_bench_editor_${stamp}`;
  const databaseUrl = withDatabase(opts.databaseUrl, dbName);
  const services = { databaseUrl, redisUrl: opts.redisUrl, redisPrefix };
  const children: ChildProcess[] = [];
  let db: Client | undefined;
  let browser: Browser | undefined;
  let coRpc: Rpc | undefined;
  const errors: string[] = [];
  const report: Report = {
    kind: 'editor',
    stamp,
    command: `npm run bench:editor${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    options: opts,
    machine: {
      date: sh('date', ['-u', '+%Y-%m-%d %H:%M:%S UTC']),
      nproc: Number(sh('nproc', [])) || os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      chromium: sh(CHROMIUM, ['--version']),
      gitCommit: sh('git', ['rev-parse', '--short', 'HEAD']),
      gitDirtyFiles: sh('git', ['status', '--porcelain']).split('\n').filter(Boolean).length,
      loadBefore: loadAverage(),
      loadAfter: '',
    },
    draft: { markdownChars: 0, plainChars: 0, viaRest: 0, viaLive: 0, blocks: {}, version: 0 },
    web: { commit: sh('git', ['log', '-1', '--format=%h %cI', '--', 'apps/web']), editorPresent: false },
    opens: [],
    open: { editor: summarize([]), content: summarize([]), interactive: summarize([]) },
    errors,
  };

  let tornDown = false;
  const teardown = async () => {
    if (tornDown) return;
    tornDown = true;
    await browser?.close().catch(() => undefined);
    if (coRpc) {
      await coRpc.call('close', {}, 5000).catch(() => undefined);
      coRpc.child.kill('SIGTERM');
    }
    await Promise.all(children.map((c) => stop(c).catch(() => undefined)));
    await db?.end().catch(() => undefined);
    await dropDatabase(opts.databaseUrl, dbName).catch((e: unknown) =>
      log(`could not drop ${dbName}: ${String(e)}`),
    );
    await deleteRedisPrefix(opts.redisUrl, redisPrefix).catch(() => undefined);
  };
  const deadline = setTimeout(() => {
    log(`time limit of ${opts.timeLimit} s reached: stopping`);
    void teardown().finally(() => process.exit(2));
  }, opts.timeLimit * 1000);
  deadline.unref();
  process.once('SIGINT', () => void teardown().finally(() => process.exit(130)));

  try {
    // ------------------------------------------------------------------------------------------ services, data
    log(`database ${dbName}, Redis prefix ${redisPrefix}`);
    await run(process.execPath, [path.join(ROOT, 'dist/libs/database/src/cli/migrate.js')], {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
    });
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const data = await seed(db, 1 + opts.coEditors, JWT_SECRET);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const api = startService(
      API,
      serviceEnv(services, { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url }),
      path.join(runDir, 'api.log'),
    );
    children.push(api);
    await waitForHealth(port, api, 'api');
    children.push(startService(WORKER, serviceEnv(services), path.join(runDir, 'worker.log')));
    const index = await http(port, 'GET', '/');
    if (index.status !== 200 || !/<script/i.test(index.body))
      throw new Error(
        `the api does not serve the browser client (GET / → ${index.status}); run npm run build:web`,
      );
    log(`api and worker on ${url}`);

    // the browser's person: registered over REST (a refresh token, as a previous sign-in leaves it), a member
    const reg = await http(port, 'POST', '/api/v1/auth/register', {
      body: {
        email: `editor-bench-${stamp}@bench.invalid`,
        password: 'Bench-Passwort 2026 lang',
        displayName: 'Bench Browser',
      },
    });
    if (reg.status !== 201) throw new Error(`register: ${reg.status} ${reg.body.slice(0, 300)}`);
    const person = JSON.parse(reg.body) as { user: { id: string }; refreshToken: string };
    await db.query(`INSERT INTO group_members (group_id, user_id, role) VALUES ($1, $2, 'member')`, [
      data.groupId,
      person.user.id,
    ]);
    let refreshToken = person.refreshToken;

    // ------------------------------------------------------------------------------------------ the draft
    const doc = strategyDocument(opts.chars);
    const cut =
      doc.markdown.length <= REST_MAX
        ? doc.markdown.length
        : doc.markdown.lastIndexOf('\n\n', REST_MAX - 1000);
    const first = doc.markdown.slice(0, cut);
    const rest = doc.markdown.slice(cut).replace(/^\n+/, '');
    const owner = data.users[0];
    const created = await http(port, 'POST', `/api/v1/topics/${data.topicId}/drafts`, {
      token: owner.token,
      body: { title: 'Eckpunkte Integrationsmanagement 2027 (Bench)', content: first },
      timeoutMs: 60_000,
    });
    if (created.status !== 201)
      throw new Error(`creating the draft: ${created.status} ${created.body.slice(0, 300)}`);
    const draftId = (JSON.parse(created.body) as { id: string }).id;
    if (rest) await appendLive(url, owner.token, draftId, rest);
    const got = await http(port, 'GET', `/api/v1/drafts/${draftId}`, {
      token: owner.token,
      timeoutMs: 60_000,
    });
    const body = JSON.parse(got.body) as { content: string; version: number };
    const pm = parseMarkdown(body.content);
    report.draft = {
      markdownChars: body.content.length,
      plainChars: plainText(pm).length,
      viaRest: first.length,
      viaLive: rest.length,
      blocks: { ...doc.blocks, topLevel: pm.childCount },
      version: body.version,
    };
    log(
      `draft ${draftId}: ${body.content.length.toLocaleString('en')} characters of Markdown ` +
        `(${first.length.toLocaleString('en')} created over REST, the rest appended live), ${pm.childCount} blocks`,
    );
    let paragraphs = 0;
    pm.forEach((n) => {
      if (n.type.name === 'paragraph') paragraphs++;
    });

    // ------------------------------------------------------------------------------------------ the browser
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
    const probe = probeScript(END_MARKER);
    const openDraft = async (): Promise<{ page: Page; close: () => Promise<void>; t0: number }> => {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
      await context.addInitScript(
        ({ token }: { token: string }) => {
          const storage = (
            globalThis as unknown as {
              localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
            }
          ).localStorage;
          if (!storage.getItem('runde.refreshToken')) storage.setItem('runde.refreshToken', token);
        },
        { token: refreshToken },
      );
      await context.addInitScript(probe);
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.length < 20 && errors.push(`page: ${e.message}`));
      const t0 = now();
      await page.goto(`${url}/#/drafts/${draftId}`, { waitUntil: 'commit' });
      const close = async () => {
        const latest = await page.evaluate('localStorage.getItem("runde.refreshToken")').catch(() => null);
        if (typeof latest === 'string' && latest) refreshToken = latest;
        await context.close();
      };
      return { page, close, t0 };
    };
    const typeOne = async (page: Page): Promise<void> => {
      await page.locator(`${EDITOR} p`).first().click();
      await page.evaluate('__bench.armed = true');
      await page.keyboard.press('x');
      await waitFor(page, '__bench.lat.length > 0', 20_000);
    };

    // (a) opens
    for (let i = 0; i < opts.opens; i++) {
      const { page, close, t0 } = await openDraft();
      const result: OpenResult = { editorMs: null, contentMs: null, interactiveMs: null };
      try {
        await waitFor(page, '!!__bench.marks.content', 60_000);
        await typeOne(page);
        const state = await readProbe(page);
        const typed = (await page.evaluate('__bench.lat[0].at')) as number;
        result.editorMs = state.marks.editor ? r1(state.marks.editor - t0) : null;
        result.contentMs = state.marks.content ? r1(state.marks.content - t0) : null;
        result.interactiveMs = r1(typed - t0);
        report.web.editorPresent = true;
      } catch (error) {
        result.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
        const state = await readProbe(page).catch(() => null);
        if (state?.marks.editor) result.editorMs = r1(state.marks.editor - t0);
        await page.screenshot({ path: path.join(runDir, `open-${i + 1}.png`) }).catch(() => undefined);
      }
      report.opens.push(result);
      log(
        `open ${i + 1}: editor ${result.editorMs ?? '—'} ms, document rendered ${result.contentMs ?? '—'} ms, ` +
          `typed key shown ${result.interactiveMs ?? '—'} ms${result.error ? ` (${result.error})` : ''}`,
      );
      await close();
      if (result.error && i === 0)
        throw new Error(`the draft screen shows no editor (${EDITOR}): ${result.error}`);
    }
    const vals = (k: keyof OpenResult) =>
      report.opens.map((o) => o[k]).filter((v): v is number => typeof v === 'number');
    report.open = {
      editor: summarize(vals('editorMs')),
      content: summarize(vals('contentMs')),
      interactive: summarize(vals('interactiveMs')),
    };

    // (b) typing while co-editors type
    const { page, close } = await openDraft();
    await waitFor(page, '!!__bench.marks.content', 60_000);
    await typeOne(page); // cursor in the first paragraph, editor live
    await page.evaluate('__bench.armed = false; __bench.lat.length = 0; __bench.pending.length = 0');
    let coStats: Record<string, unknown> = { coEditors: 0 };
    if (opts.coEditors > 0) {
      coRpc = new Rpc(
        fork(path.join(__dirname, 'co-editors-worker.js'), [], {
          cwd: ROOT,
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
        'co-editors',
      );
      const specs: CoEditorSpec[] = data.users.slice(1, 1 + opts.coEditors).map((u, i) => ({
        token: u.token,
        name: `Mitschreibende ${i + 1}`,
        // four near the browser's paragraph (on screen), the others spread over the document
        paragraph: i < 4 ? 1 + i : Math.floor((paragraphs * (i - 3)) / Math.max(1, opts.coEditors - 3)) - 1,
      }));
      const setup = await coRpc.call<{ connected: number; failed: number; errors: string[] }>(
        'setup',
        { url, draftId, editors: specs },
        120_000,
      );
      if (setup.failed) errors.push(`co-editors: ${setup.failed} failed: ${setup.errors.join('; ')}`);
      await coRpc.call('start', { rate: opts.coRate });
      log(`${setup.connected} co-editors typing ${opts.coRate} keys/s each; ${opts.warmup} s warm-up`);
      await sleep(opts.warmup * 1000);
    }
    await page.evaluate('__bench.armed = true');
    const text = 'integration gelingt vor ort wenn alle mitschreiben ';
    let typed = '';
    let late = 0;
    let i = 0;
    let at = now();
    /** The browser's person types (keys `keyIntervalMs` apart on average, ±40 %) until `until` says stop. */
    const typeOn = async (until: () => boolean) => {
      while (!until()) {
        at += opts.keyIntervalMs * (0.6 + (0.8 * ((i * 7919) % 101)) / 100);
        const wait = at - now();
        if (wait > 0) await sleep(wait);
        else if (wait < -20) late++;
        const key = text[i % text.length];
        typed += key;
        i++;
        await page.keyboard.press(key === ' ' ? 'Space' : key);
      }
    };
    const tStart = now();
    const cpu0 = machineCpu();
    await typeOn(() => i >= opts.keystrokes);
    const seconds = (now() - tStart) / 1000;
    const cpu1 = machineCpu();
    const measuredLate = late;
    await sleep(1000);
    await page.evaluate('__bench.armed = false');
    const state = await readProbe(page);
    let profile: PageProfileSummary | undefined;
    if (opts.profileSeconds > 0) {
      const file = path.join(runDir, 'page-typing.cpuprofile');
      const stopAt = now() + opts.profileSeconds * 1000;
      at = now();
      await profilePage(page, file, () => typeOn(() => now() >= stopAt));
      profile = summarizePageProfile(file, path.join(ROOT, 'apps', 'web', 'dist', 'assets'));
      log(`page profiled for ${opts.profileSeconds} s of typing: ${path.relative(ROOT, file)}`);
    }
    if (coRpc) coStats = await coRpc.call<Record<string, unknown>>('stop', {}, 30_000);
    await sleep(1500);
    const after = await http(port, 'GET', `/api/v1/drafts/${draftId}`, {
      token: owner.token,
      timeoutMs: 60_000,
    });
    const afterContent = (JSON.parse(after.body) as { content: string }).content;
    const probeText = typed.slice(-40).trim();
    const peers = coRpc
      ? await coRpc.call<boolean>('contains', { text: probeText }, 30_000).catch(() => false)
      : true;
    report.typing = {
      keystrokes: opts.keystrokes,
      seen: state.lat.length,
      missed: state.pending.length,
      late: measuredLate,
      machineBusyCores: Math.round(((cpu1.busy - cpu0.busy) / seconds) * 100) / 100,
      stealCores: Math.round(((cpu1.steal - cpu0.steal) / seconds) * 100) / 100,
      seconds: r1(seconds),
      dom: summarize(state.lat.map((l) => l.dom)),
      paint: summarize(state.lat.map((l) => l.paint).filter((v): v is number => typeof v === 'number')),
      queued: summarize(state.lat.map((l) => l.queued)),
      longTasks: state.longTasks,
      coEditors: coStats,
      persisted: afterContent.includes(probeText),
      peersHaveIt: peers,
      profile,
    };
    const t = report.typing;
    log(
      `typing: ${t.seen}/${t.keystrokes} keystrokes seen, keydown→DOM p50 ${t.dom.p50} p95 ${t.dom.p95} p99 ${t.dom.p99} ` +
        `max ${t.dom.max} ms; →next paint p50 ${t.paint.p50} p99 ${t.paint.p99} ms; ${t.longTasks.length} long tasks`,
    );
    await close();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    errors.push(message);
    log(`FAILED: ${message}`);
  } finally {
    report.machine.loadAfter = loadAverage();
    await teardown();
    clearTimeout(deadline);
  }
  const markdown = render(report);
  writeFileSync(path.join(runDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(runDir, 'report.md'), `${markdown}\n`);
  writeFileSync(path.join(ROOT, 'bench', 'results', 'editor-latest.md'), `${markdown}\n`);
  process.stdout.write(`\n${markdown}\nreport: ${path.relative(ROOT, runDir)}/report.{md,json}\n`);
  return errors.length ? 1 : 0;
}

/** Appends Markdown blocks to the draft as the browser would (a paste at the end): one live update. */
async function appendLive(url: string, token: string, draftId: string, markdown: string): Promise<void> {
  const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const sub = await socket.timeout(15_000).emitWithAck('subscribe', { stream: `draft:${draftId}` });
    if (!sub?.ok) throw new Error(`subscribe: ${JSON.stringify(sub)}`);
    const ack = await socket.timeout(60_000).emitWithAck('draft:sync', { draftId });
    if (!ack?.ok) throw new Error(`draft:sync: ${JSON.stringify(ack)}`);
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, new Uint8Array(ack.update));
    const current = readDoc(ydoc);
    const added = parseMarkdown(markdown);
    const blocks: import('prosemirror-model').Node[] = [];
    current.forEach((n) => blocks.push(n));
    added.forEach((n) => blocks.push(n));
    let next = schema.topNodeType.create(null, Fragment.from(blocks));
    next = withBlockAttrs(next, numberingChanges(next));
    const before = Y.encodeStateVector(ydoc);
    writeDoc(ydoc, next);
    const update = Y.encodeStateAsUpdate(ydoc, before);
    const res = await socket.timeout(60_000).emitWithAck('draft:update', { draftId, update });
    if (!res?.ok)
      throw new Error(`draft:update (appending ${markdown.length} characters): ${JSON.stringify(res)}`);
  } finally {
    socket.close();
  }
}

function render(r: Report): string {
  const s = (x: Summary) => `${x.p50} / ${x.p95} / ${x.max} ms (n ${x.n})`;
  const lines = [
    `# Draft editor in the browser — ${r.machine.date}`,
    '',
    `Command: \`${r.command}\`; git ${r.machine.gitCommit} (+${r.machine.gitDirtyFiles} uncommitted files), web client ` +
      `last changed ${r.web.commit}; ${r.machine.nproc} cores (${r.machine.cpuModel}), Node ${r.machine.node}, ` +
      `${r.machine.chromium} headless; load average before ${r.machine.loadBefore}, after ${r.machine.loadAfter}.`,
    '',
    `Draft: ${r.draft.markdownChars.toLocaleString('en')} characters of Markdown (${r.draft.plainChars.toLocaleString('en')} of text), ` +
      `${r.draft.blocks.topLevel} top-level blocks (${r.draft.blocks.headings} headings, ${r.draft.blocks.paragraphs} paragraphs, ` +
      `${r.draft.blocks.listItems} list items, a table of ${r.draft.blocks.tableRows} rows); ` +
      `${r.draft.viaRest.toLocaleString('en')} characters created over REST, ${r.draft.viaLive.toLocaleString('en')} appended as one live update ` +
      `(REST takes at most ${REST_MAX.toLocaleString('en')}).`,
    '',
    '## (a) Opening the draft (target: interactive ≤ 2 s)',
    '',
    'New browser context each time (no cache; signed in by refresh token), `page.goto(#/drafts/<id>)` → …',
    '',
    '| from the navigation to … | p50 / p95 / max |',
    '| --- | --- |',
    `| the editor in the DOM | ${s(r.open.editor)} |`,
    `| the whole document rendered (last block in the DOM) | ${s(r.open.content)} |`,
    `| **a typed key shown** (click into the first paragraph, one key) | **${s(r.open.interactive)}** |`,
    '',
    `Each open: ${r.opens.map((o) => o.interactiveMs ?? o.error ?? '—').join(', ')} ms.`,
  ];
  const t = r.typing;
  if (t) {
    lines.push(
      '',
      '## (b) Keystroke → screen while others type (target: p99 ≤ 50 ms)',
      '',
      `${t.keystrokes} keystrokes in ${t.seconds} s into the first paragraph (${r.options.keyIntervalMs} ms apart on average, ` +
        `${t.late} sent > 20 ms late), while ${r.options.coEditors} co-editors typed ${r.options.coRate} keys/s each into other paragraphs ` +
        '(four right below, on screen; the others spread over the document), each keystroke one update and one awareness (cursor) update.',
      '',
      '| keydown (event time) → … | n | p50 | p95 | p99 | max |',
      '| --- | --- | --- | --- | --- | --- |',
      `| **the character in the DOM** (MutationObserver) | ${t.dom.n} | ${t.dom.p50} | ${t.dom.p95} | **${t.dom.p99}** | ${t.dom.max} |`,
      `| after the next frame painted | ${t.paint.n} | ${t.paint.p50} | ${t.paint.p95} | ${t.paint.p99} | ${t.paint.max} |`,
      `| the keydown handler ran (waiting for the main thread) | ${t.queued.n} | ${t.queued.p50} | ${t.queued.p95} | ${t.queued.p99} | ${t.queued.max} |`,
      '',
      `The machine's cores were ${t.machineBusyCores} of ${r.machine.nproc} busy while the keystrokes were measured ` +
        `(everything on it: Chromium, api, worker, PostgreSQL, Redis, the co-editors and other users; steal ${t.stealCores}). ` +
        `Not seen: ${t.missed}. Long tasks (> 50 ms) while typing: ${t.longTasks.length}${t.longTasks.length ? ` (${t.longTasks.slice(0, 20).join(', ')} ms)` : ''}. ` +
        `The browser's text reached the server: ${t.persisted ? 'yes' : 'NO'}; and the co-editors: ${t.peersHaveIt ? 'yes' : 'NO'}. ` +
        `Co-editors: ${JSON.stringify(t.coEditors)}.`,
    );
  }
  const p = r.typing?.profile;
  if (p) {
    const list = (xs: Array<{ name: string; percent: number }>) =>
      xs.map((x) => `${x.name} ${x.percent} %`).join(', ');
    lines.push(
      '',
      `### The page's main thread while typing on (${p.seconds} s, CPU-profiled after the measured keystrokes)`,
      '',
      `Idle ${p.idlePercent} %. Self time by source: ${list(p.bySource)}.`,
      '',
      `Inclusive (a source counted once per sample): ${list(p.inclusive)}.`,
      '',
      '| function | where | self % |',
      '| --- | --- | --- |',
      ...p.byFunction.map((f) => `| ${f.name} | ${f.where} | ${f.percent} |`),
      '',
      `Profile: \`${path.relative(ROOT, p.file)}\` (open in Chrome DevTools → Performance).`,
    );
  }
  if (r.errors.length) lines.push('', '## Errors', '', ...r.errors.map((e) => `- ${e.split('\n')[0]}`));
  return lines.join('\n');
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
