/// <reference lib="dom" />
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { givenUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  ensureWebBuilt,
  expectAccessible,
  launchBrowser,
  openAs,
  screenshot,
  type Person,
} from './browser-support';

/** The feed's path: the URL names the configured public address, the test app listens elsewhere. */
const pathOf = (url: string) => new URL(url).pathname;

describe('browser: subscribing to the calendar of deadlines (issue 27)', () => {
  let app: TestApp;
  let browser: Browser;
  let user: TestUser;
  const open: Person[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp();
    browser = await launchBrowser();
    user = await givenUser(app, { displayName: 'Klara Kalender' });
  }, 60_000);

  afterEach(async () => {
    for (const [i, person] of open.entries())
      await screenshot(person.page, `calendar-last-${i}`).catch(() => undefined);
  });

  afterAll(async () => {
    for (const person of open) await person.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('creates the secret URL, copies it, renews it (the old one stops) and ends the subscription', async () => {
    const person = await openAs(browser, app, user, { path: '/account' });
    open.push(person);
    const p = person.page;
    await person.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const section = p.getByRole('region', { name: 'Kalender abonnieren' });
    await section.getByText('Die Adresse ist geheim').waitFor();
    await section.getByText('Sie haben noch kein Kalender-Abonnement.').waitFor();
    // The notification settings name the new categories.
    const settings = p.getByRole('region', { name: 'Benachrichtigungen' });
    await settings.getByRole('rowheader', { name: /^Ihre Organisation/ }).waitFor();
    await settings.getByRole('rowheader', { name: /^Anhörungen/ }).waitFor();

    await section.getByRole('button', { name: 'Kalender-Adresse erzeugen' }).click();
    const field = section.getByLabel('Ihre Kalender-Adresse');
    await field.waitFor();
    const url = await field.inputValue();
    expect(url).toMatch(/\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await section.getByRole('button', { name: 'Adresse kopieren' }).click();
    await section.getByText('Die Adresse ist in der Zwischenablage.').waitFor();
    expect(await p.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await expectAccessible(p, 'account screen with the calendar address');

    // What a calendar program fetches with it: an iCalendar document, no sign-in.
    const feed = await request(app.url).get(pathOf(url)).expect(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.text).toContain('BEGIN:VCALENDAR');

    // A new address retires the old one.
    await section.getByRole('button', { name: 'Neue Adresse erzeugen' }).click();
    await p.getByRole('dialog').getByRole('button', { name: 'Ja, neue Adresse erzeugen' }).click();
    await p.waitForFunction((old) => {
      const input = document.querySelector('.calendar-url input') as HTMLInputElement | null;
      return !!input && input.value !== old && input.value.endsWith('.ics');
    }, url);
    const renewed = await field.inputValue();
    await request(app.url).get(pathOf(url)).expect(404);
    await request(app.url).get(pathOf(renewed)).expect(200);

    // After a reload the address is not shown again (only its hash is stored), but the subscription is.
    await p.reload();
    await section.getByText(/Ihr Kalender-Abonnement besteht seit/).waitFor();
    expect(await section.getByLabel('Ihre Kalender-Adresse').count()).toBe(0);

    // Ending it revokes the address.
    await section.getByRole('button', { name: 'Abonnement beenden' }).click();
    await p.getByRole('dialog').getByRole('button', { name: 'Ja, beenden' }).click();
    await section.getByText('Das Abonnement ist beendet. Die Adresse funktioniert nicht mehr.').waitFor();
    await section.getByRole('button', { name: 'Kalender-Adresse erzeugen' }).waitFor();
    await request(app.url).get(pathOf(renewed)).expect(404);
    expect(person.errors).toEqual([]);
  }, 60_000);
});
