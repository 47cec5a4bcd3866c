/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { givenUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  ensureWebBuilt,
  expectAccessible,
  go,
  launchBrowser,
  openAs,
  screenshot,
  type Person,
} from './browser-support';

const IMPRINT = 'https://www.example.org/impressum';
const PRIVACY = 'https://www.example.org/datenschutz';

describe('browser: the footer on every page (issue 27)', () => {
  let app: TestApp;
  let browser: Browser;
  let user: TestUser;
  const open: Person[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({ env: { IMPRINT_URL: IMPRINT, PRIVACY_URL: PRIVACY } });
    browser = await launchBrowser();
    user = await givenUser(app, { displayName: 'Frida Fußzeile' });
  }, 60_000);

  afterEach(async () => {
    for (const [i, person] of open.entries())
      await screenshot(person.page, `footer-last-${i}`).catch(() => undefined);
  });

  afterAll(async () => {
    for (const person of open) await person.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('links the accessibility statement (a server page, German and English), the imprint and privacy', async () => {
    const visitor = await openAs(browser, app, null);
    open.push(visitor);
    const p = visitor.page;
    const footer = p.getByRole('contentinfo');
    const nav = footer.getByRole('navigation', { name: 'Rechtliches und Barrierefreiheit' });
    await nav.getByRole('link', { name: 'Impressum' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Barrierefreiheit' }).getAttribute('href')).toBe(
      '/barrierefreiheit',
    );
    expect(await nav.getByRole('link', { name: 'Impressum' }).getAttribute('href')).toBe(IMPRINT);
    expect(await nav.getByRole('link', { name: 'Datenschutz' }).getAttribute('href')).toBe(PRIVACY);
    await expectAccessible(p, 'start page with footer');

    // A full page load of the server's statement, in German.
    const [response] = await Promise.all([
      p.waitForNavigation(),
      nav.getByRole('link', { name: 'Barrierefreiheit' }).click(),
    ]);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-type']).toMatch(/^text\/html/);
    expect(new URL(p.url()).pathname).toBe('/barrierefreiheit');
    await p.getByRole('heading', { name: 'Erklärung zur Barrierefreiheit', level: 1 }).waitFor();
    expect(await p.getAttribute('html', 'lang')).toBe('de');

    // Back in the app, in English: the link asks for the English statement.
    await p.goBack();
    await p.getByRole('button', { name: 'Switch to English' }).click();
    const navEn = p.getByRole('contentinfo').getByRole('navigation', { name: 'Legal and accessibility' });
    const accessibility = navEn.getByRole('link', { name: 'Accessibility' });
    expect(await accessibility.getAttribute('href')).toBe('/barrierefreiheit?lang=en');
    await navEn.getByRole('link', { name: 'Imprint' }).waitFor();
    await navEn.getByRole('link', { name: 'Privacy' }).waitFor();
    await Promise.all([p.waitForNavigation(), accessibility.click()]);
    await p.getByRole('heading', { name: 'Accessibility statement', level: 1 }).waitFor();
    expect(await p.getAttribute('html', 'lang')).toBe('en');
    expect(visitor.errors).toEqual([]);
  }, 60_000);

  it('is on signed-in pages too, and fits a 390 px screen', async () => {
    const person = await openAs(browser, app, user, { path: '/account' });
    open.push(person);
    const p = person.page;
    await p.getByRole('heading', { name: 'Mein Konto', level: 1 }).waitFor();
    const footer = p.getByRole('contentinfo');
    await footer.getByRole('link', { name: 'Barrierefreiheit' }).waitFor();
    await go(p, app, '/groups');
    await footer.getByRole('link', { name: 'Datenschutz' }).waitFor();
    await p.setViewportSize({ width: 390, height: 800 });
    const widest = await p.evaluate(() => document.documentElement.scrollWidth);
    expect(widest).toBeLessThanOrEqual(390);
    const box = (await footer.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(person.errors).toEqual([]);
  }, 60_000);
});
