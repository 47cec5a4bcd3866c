import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { as, givenUser, PASSWORD, TestUser } from '../support/factories';
import { expectEventually } from '../support/expect-eventually';
import { mailsTo, resetTokenOf, SentMail } from '../support/mailbox';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, expectAccessible, go, launchBrowser, openAs, screenshot } from './browser-support';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 850 };
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

/** Finding 10 of issue 23 in a real Chromium: password change, signed-in devices, notification settings, reset. */
describe('browser: account basics', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const signIn = async (email: string, password: string, userAgent: string) =>
    (
      await request(app.url)
        .post('/api/v1/auth/login')
        .set('User-Agent', userAgent)
        .send({ email, password })
        .expect(200)
    ).body as { accessToken: string; refreshToken: string };
  const refreshes = async (refreshToken: string) =>
    (await request(app.url).post('/api/v1/auth/refresh').send({ refreshToken })).status;

  /** At a phone's and a desktop's width: no horizontal scrolling, no serious axe violation, a screenshot each. */
  async function checkWidths(page: Page, name: string): Promise<void> {
    for (const [label, size] of [
      ['390', PHONE],
      ['1366', DESKTOP],
    ] as const) {
      await page.setViewportSize(size);
      const { scrollWidth, innerWidth } = (await page.evaluate(
        '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
      )) as { scrollWidth: number; innerWidth: number };
      expect([name, label, scrollWidth <= innerWidth]).toEqual([name, label, true]);
      await expectAccessible(page, `${name} at ${label}px`);
      await screenshot(page, `${name}-${label}`);
    }
  }

  const resetMailTo = (email: string, after = 0): Promise<SentMail> =>
    expectEventually(() => {
      const mail = mailsTo(email)
        .slice(after)
        .filter((m) => /Neues Passwort festlegen/.test(m.subject))
        .pop();
      if (!mail) throw new Error(`no reset mail to ${email}`);
      return mail;
    });

  it('changes the password on the account screen: other devices are signed out, this one stays', async () => {
    const user = await givenUser(app, { displayName: 'Petra Passwort' });
    const laptop = await signIn(user.email, PASSWORD, FIREFOX);
    const person = await openAs(browser, app, user, { path: '/account' });
    const page = person.page;
    try {
      const devices = page.getByRole('region', { name: 'Angemeldete Geräte' });
      await devices.getByText('Dieses Gerät').waitFor();
      await devices.getByText('Firefox auf Linux').waitFor();
      await page.getByRole('heading', { name: 'Passwort ändern' }).waitFor();
      await page.getByRole('heading', { name: 'Benachrichtigungen' }).waitFor();
      await checkWidths(page, 'account');

      const section = page.getByRole('region', { name: 'Passwort ändern' });
      await section.getByLabel('Aktuelles Passwort').fill('nicht mein Passwort');
      await section.getByLabel('Neues Passwort', { exact: true }).fill('Frühling im Schwarzwald 26');
      await section.getByLabel('Neues Passwort wiederholen').fill('Frühling im Schwarzwald 26');
      await section.getByRole('button', { name: 'Passwort ändern' }).click();
      await section.locator('.form-error', { hasText: 'Das aktuelle Passwort stimmt nicht.' }).waitFor();

      await section.getByLabel('Aktuelles Passwort').fill(PASSWORD);
      await section.getByLabel('Neues Passwort wiederholen').fill('Frühling im Schwarzwald 27');
      await section.getByRole('button', { name: 'Passwort ändern' }).click();
      await section.getByText('Die beiden neuen Passwörter stimmen nicht überein.').waitFor();

      await section.getByLabel('Neues Passwort wiederholen').fill('Frühling im Schwarzwald 26');
      await section.getByRole('button', { name: 'Passwort ändern' }).click();
      await section
        .getByText('Ihr Passwort wurde geändert. Alle anderen Geräte wurden abgemeldet.')
        .waitFor();
      // The list follows: only this device is left.
      await devices.getByText('Sie sind nur auf diesem Gerät angemeldet.').waitFor();
      await expect(devices.getByText('Firefox auf Linux').count()).resolves.toBe(0);
      await screenshot(page, 'account-password-changed');

      expect(await refreshes(laptop.refreshToken)).toBe(401);
      await request(app.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${laptop.accessToken}`)
        .expect(401);
      await signIn(user.email, 'Frühling im Schwarzwald 26', 'jest');
      // This page is still signed in after a reload (its sign-in was kept).
      await page.reload();
      await page.locator('.whoami').waitFor();
      await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
    } finally {
      await person.close();
    }
  });

  it('signs out one device, then all others; switches a notification off', async () => {
    const user = await givenUser(app, { displayName: 'Gerda Geräte' });
    const laptop = await signIn(user.email, PASSWORD, FIREFOX);
    const phone = await signIn(user.email, PASSWORD, IPHONE);
    const tablet = await signIn(user.email, PASSWORD, 'Ein Gerät ohne Namen/1.0');
    const person = await openAs(browser, app, user, { path: '/account' });
    const page = person.page;
    try {
      const devices = page.getByRole('region', { name: 'Angemeldete Geräte' });
      await devices.getByText('Safari auf iOS').waitFor();
      await expect(devices.locator('li.device').count()).resolves.toBe(4);
      await devices.getByText('Unbekanntes Gerät').waitFor();
      // One "Abmelden" per other device, each saying which; none for this one.
      await expect(devices.getByRole('button', { name: /^Abmelden: / }).count()).resolves.toBe(3);
      await devices.getByRole('button', { name: /^Abmelden: Firefox auf Linux/ }).click();
      await devices.getByText('Firefox auf Linux wurde abgemeldet.').waitFor();
      await devices.getByText('Firefox auf Linux', { exact: true }).waitFor({ state: 'detached' });
      await expect(devices.locator('li.device').count()).resolves.toBe(3);
      expect(await refreshes(laptop.refreshToken)).toBe(401);
      expect(await refreshes(phone.refreshToken)).toBe(200);

      await devices.getByRole('button', { name: 'Alle anderen abmelden' }).click();
      await devices.getByText('Alle anderen Geräte wurden abgemeldet.').waitFor();
      await devices.getByText('Sie sind nur auf diesem Gerät angemeldet.').waitFor();
      expect(await refreshes(tablet.refreshToken)).toBe(401);
      await screenshot(page, 'account-devices-signed-out');

      const settings = page.getByRole('region', { name: 'Benachrichtigungen' });
      const mentionsInApp = settings.getByRole('checkbox', { name: 'Erwähnungen (@Name) In der App' });
      await expect(mentionsInApp.isChecked()).resolves.toBe(true);
      await mentionsInApp.uncheck();
      await settings.getByText('Einstellung gespeichert.').waitFor();
      const draftsByMail = settings.getByRole('checkbox', {
        name: 'Entwürfe (Kommentare, Vorschläge, Entscheidungen) Per E-Mail',
      });
      await draftsByMail.check();
      await expectEventually(async () => {
        const stored = await as(app, user).get('/api/v1/me/notification-settings').expect(200);
        expect(stored.body).toMatchObject({
          mentions: { inApp: false, email: false },
          drafts: { inApp: true, email: true },
        });
      });
      // When the digests go out: hour, weekday, time zone, each saved at once.
      const timing = settings.getByRole('group', { name: 'Gesammelte E-Mails (Übersichten)' });
      await expect(timing.getByLabel('Uhrzeit').inputValue()).resolves.toBe('7');
      await expect(timing.getByLabel('Zeitzone').inputValue()).resolves.toBe('Europe/Berlin');
      await timing.getByLabel('Uhrzeit').selectOption({ label: '17:00 Uhr' });
      await timing.getByText('Versandzeit gespeichert.').waitFor();
      await timing.getByLabel('Wochentag der wöchentlichen Übersicht').selectOption({ label: 'Freitag' });
      await timing.getByLabel('Zeitzone').selectOption('Europe/Lisbon');
      await expectEventually(async () => {
        const stored = await as(app, user).get('/api/v1/me/mail-preferences').expect(200);
        expect(stored.body).toEqual({ timeZone: 'Europe/Lisbon', digestHour: 17, digestWeekday: 5 });
      });
      await page.reload();
      await expect(
        page.getByRole('checkbox', { name: 'Erwähnungen (@Name) In der App' }).isChecked(),
      ).resolves.toBe(false);
      await expect(page.getByLabel('Wochentag der wöchentlichen Übersicht').inputValue()).resolves.toBe('5');
      await expectAccessible(page, 'account after changes');
    } finally {
      await person.close();
    }
  });

  it('a forgotten password: link on the sign-in page, mail, the link’s page, sign-in with the new password', async () => {
    const user: TestUser = await givenUser(app, { displayName: 'Rita Rücksetzen' });
    const visitor = await openAs(browser, app, null, { path: '/login' });
    const page = visitor.page;
    try {
      await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Passwort vergessen' }).waitFor();
      await checkWidths(page, 'password-forgot');
      await page.getByLabel('E-Mail').fill(user.email.toUpperCase());
      await page.getByRole('button', { name: 'Link anfordern' }).click();
      await page.getByText('ist eine E-Mail mit dem Link unterwegs').waitFor();
      await screenshot(page, 'password-forgot-sent');

      const mail = await resetMailTo(user.email);
      expect(mail.text).toContain('Guten Tag Rita Rücksetzen');
      expect(mail.text).toMatch(/\/#\/password-reset\?token=/);
      const token = resetTokenOf(mail);
      await go(page, app, `/password-reset?token=${token}`);
      await page.getByRole('heading', { level: 1, name: 'Neues Passwort festlegen' }).waitFor();
      await checkWidths(page, 'password-reset');

      await page.getByLabel('Neues Passwort', { exact: true }).fill('aaaaaaaaaaaa');
      await page.getByLabel('Neues Passwort wiederholen').fill('aaaaaaaaaaaa');
      await page.getByRole('button', { name: 'Passwort festlegen' }).click();
      await page
        .locator('.form-error', { hasText: 'Das Passwort muss mindestens 4 verschiedene Zeichen enthalten.' })
        .waitFor();

      await page.getByLabel('Neues Passwort', { exact: true }).fill('Herbst am Bodensee 2026');
      await page.getByLabel('Neues Passwort wiederholen').fill('Herbst am Bodensee 2026');
      await page.getByRole('button', { name: 'Passwort festlegen' }).click();
      await page.getByText('Ihr Passwort wurde geändert.').waitFor();
      await expectAccessible(page, 'password reset done');
      await page.getByRole('link', { name: 'Anmelden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      expect(page.url()).not.toContain(token);

      await page.getByLabel('E-Mail').fill(user.email);
      await page.getByLabel('Passwort', { exact: true }).fill('Herbst am Bodensee 2026');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.locator('.whoami').waitFor();

      // The link is used up: its page says so and offers a new one.
      await go(page, app, `/password-reset?token=${token}`);
      await page.getByLabel('Neues Passwort', { exact: true }).fill('Noch ein Passwort 123');
      await page.getByLabel('Neues Passwort wiederholen').fill('Noch ein Passwort 123');
      await page.getByRole('button', { name: 'Passwort festlegen' }).click();
      await page.getByText('Dieser Link wurde bereits verwendet.').waitFor();
      await page.getByRole('link', { name: 'Neuen Link anfordern' }).waitFor();
      expect(visitor.errors).toEqual([]);
    } finally {
      await visitor.close();
    }
  });

  it('in English too', async () => {
    const visitor = await openAs(browser, app, null, { path: '/password-reset', locale: 'en' });
    try {
      await visitor.page.getByRole('heading', { level: 1, name: 'Forgot your password' }).waitFor();
      await visitor.page.getByRole('button', { name: 'Send link' }).waitFor();
      await expectAccessible(visitor.page, 'password forgot (en)');
    } finally {
      await visitor.close();
    }
  });
});
