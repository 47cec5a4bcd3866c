import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestUser } from '../support/factories';
import type { TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const WEB = join(ROOT, 'apps', 'web');
const INDEX = join(WEB, 'dist', 'index.html');
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The api serves apps/web/dist; build it when it is missing or older than its sources (npm test builds it first,
 * so this only matters when running `npx jest test/browser` by hand). Parallel test files take turns.
 */
export function ensureWebBuilt(): void {
  const sources = Math.max(
    newestMtime(join(WEB, 'src')),
    newestMtime(join(ROOT, 'libs', 'client', 'src')),
    statSync(join(WEB, 'index.html')).mtimeMs,
  );
  if (existsSync(INDEX) && statSync(INDEX).mtimeMs >= sources) return;
  const lock = join(WEB, '.build-lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`could not take ${lock}; remove it if no build is running`);
      execFileSync('sleep', ['0.2']); // synchronous wait for the other test file's build
    }
  }
  try {
    if (existsSync(INDEX) && statSync(INDEX).mtimeMs >= sources) return;
    try {
      execFileSync('npm', ['run', 'build:web', '--silent'], { cwd: ROOT, stdio: 'pipe' });
    } catch (error) {
      const e = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(
        `The browser client did not build (npm run build:web):\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`,
        { cause: error },
      );
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!existsSync(INDEX)) throw new Error(`npm run build:web did not produce ${INDEX}`);
}

/** Debian's Chromium, never a downloaded one. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}. Install Debian's package: apt-get update && apt-get install -y chromium ` +
        '(or set CHROMIUM_PATH).',
    );
  }
  return chromium.launch({
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
}

export interface Person {
  context: BrowserContext;
  page: Page;
  /** Every alert/confirm/prompt the page opened (the XSS check wants none). */
  dialogs: string[];
  /** Uncaught errors in the page. */
  errors: string[];
  /** What the page's Content-Security-Policy blocked (Chromium's console reports). */
  blocked: string[];
  /**
   * Closes the context, keeping the person's latest (rotated) refresh token for the next context. Throws if the
   * policy blocked anything, unless each report matches `mayBlock` (given to openAs).
   */
  close(): Promise<void>;
}

/**
 * A browser context signed in as `user`: its refresh token is put into localStorage before the app starts (as a
 * previous sign-in would have left it), so the app resumes the session — no login rate limit in the way. Set only
 * when absent: after the app rotates the token, a reload keeps the new one.
 */
export async function openAs(
  browser: Browser,
  app: TestApp,
  user: TestUser | null,
  options: { locale?: 'de' | 'en'; path?: string; mayBlock?: RegExp } = {},
): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  await context.addInitScript(
    ({ token, locale }: { token: string | null; locale: string | null }) => {
      const storage = (globalThis as unknown as { localStorage: Storage }).localStorage;
      if (token && !storage.getItem('runde.refreshToken')) storage.setItem('runde.refreshToken', token);
      if (locale && !storage.getItem('runde.locale')) storage.setItem('runde.locale', locale);
    },
    { token: user?.refreshToken ?? null, locale: options.locale ?? null },
  );
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  // Anything the page's Content-Security-Policy blocked (Chromium reports each as a console error).
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      blocked.push(message.text());
  });
  await page.goto(`${app.url}/#${options.path ?? '/'}`);
  if (user) await page.locator('.whoami').waitFor({ timeout: 15_000 });
  const close = async () => {
    if (user) {
      const latest = await page.evaluate('localStorage.getItem("runde.refreshToken")').catch(() => null);
      if (typeof latest === 'string' && latest) user.refreshToken = latest;
    }
    await context.close();
    const unexpected = blocked.filter((report) => !options.mayBlock?.test(report));
    if (unexpected.length)
      throw new Error(`the page broke its Content-Security-Policy:\n${unexpected.join('\n')}`);
  };
  return { context, page, dialogs, errors, blocked, close };
}

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
type Storage = StorageLike;

export async function go(page: Page, app: TestApp, path: string): Promise<void> {
  await page.goto(`${app.url}/#${path}`);
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** axe-core in the page: no serious or critical violation (WCAG 2.x A/AA rules and best practices). */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Evaluated, not added as a <script>: the page's Content-Security-Policy (rightly) refuses inline scripts.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({ target: n.target, failureSummary: n.failureSummary })) })))`,
  )) as AxeViolation[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map(
      (v) =>
        `${screen}: [${v.impact}] ${v.id} — ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(' ')}`).join('\n')}`,
    )
    .join('\n');
  expect(report).toBe('');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Visible text of the posts on a thread page, in document order. */
export async function postTexts(page: Page): Promise<string[]> {
  return page.locator('article.post .post-body').allTextContents();
}
