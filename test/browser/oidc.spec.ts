import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { PASSWORD } from '../support/factories';
import { TestOidcProvider, type TestAccount } from '../support/oidc-provider';
import { startTestApp, type TestApp } from '../support/test-app';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs } from './browser-support';

/**
 * Single sign-on in Chromium against a real OpenID Connect provider (oidc-provider in its own process): the button
 * on the sign-in page, the provider's own login and consent pages, back in runde signed in; linking an existing
 * account with its password; signing out at the provider ends the runde session.
 */
describe('browser: sign-in with an identity provider', () => {
  let idp: TestOidcProvider;
  let app: TestApp;
  let browser: Browser;
  const people: Record<string, TestAccount> = {};
  const person = (): string => {
    const login = `b-${randomUUID().slice(0, 8)}`;
    people[login] = {
      email: `${login}@lra-tuebingen.example`,
      name: `Jana ${login}`,
      groups: ['integration'],
    };
    return login;
  };
  const newcomer = person();
  const existing = person();
  const leaver = person();
  const eraser = person();
  const signer = person();

  beforeAll(async () => {
    ensureWebBuilt();
    idp = await TestOidcProvider.listen();
    app = await startTestApp({
      env: {
        OIDC_PROVIDERS: JSON.stringify([
          idp.providerConfig({
            id: 'lra',
            displayName: 'Landratsamt Tübingen',
            organisation: 'Landkreis Tübingen',
            groups: { integration: 'member' },
          }),
        ]),
      },
    });
    await idp.start({ appUrl: app.url, providerIds: ['lra'], accounts: people });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await idp?.close();
  });

  /** From runde's sign-in page through the provider's login and consent pages. */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    await page.getByRole('link', { name: 'Anmelden mit Landratsamt Tübingen' }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('beliebig');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it('signs in from the sign-in page and lands signed in, with a new account from the provider’s claims', async () => {
    const visitor = await openAs(browser, app, null, { path: '/login' });
    try {
      const { page } = visitor;
      await page.getByRole('link', { name: 'Anmelden mit Landratsamt Tübingen' }).waitFor();
      await expectAccessible(page, 'sign-in with providers');
      await signInAtProvider(page, newcomer);
      await page.locator('.whoami', { hasText: people[newcomer].name }).waitFor({ timeout: 15_000 });
      // The one-time code is gone from the address bar; the session is runde's own (a refresh token stored).
      expect(page.url()).not.toMatch(/code=/);
      expect(await page.evaluate('localStorage.getItem("runde.refreshToken")')).toEqual(expect.any(String));
      expect(visitor.errors).toEqual([]);
    } finally {
      await visitor.close();
    }
  }, 60_000);

  it('links an existing account after its password, explaining a wrong one', async () => {
    await request(app.url)
      .post('/api/v1/auth/register')
      .send({ email: people[existing].email, password: PASSWORD, displayName: 'Jana Bestand' })
      .expect(201);
    const visitor = await openAs(browser, app, null, { path: '/login' });
    try {
      const { page } = visitor;
      await signInAtProvider(page, existing);
      await page.getByRole('heading', { name: 'Konto verbinden', level: 1 }).waitFor();
      await page.getByText(`Zu ${people[existing].email} gibt es in runde schon ein Konto`).waitFor();
      await expectAccessible(page, 'linking step');
      await page.getByLabel('Passwort').fill('nicht das Passwort');
      await page.getByRole('button', { name: 'Konto verbinden und anmelden' }).click();
      await page.getByRole('alert').filter({ hasText: 'Das Passwort stimmt nicht.' }).waitFor();
      await page.getByLabel('Passwort').fill(PASSWORD);
      await page.getByRole('button', { name: 'Konto verbinden und anmelden' }).click();
      await page.locator('.whoami', { hasText: 'Jana Bestand' }).waitFor({ timeout: 15_000 });
    } finally {
      await visitor.close();
    }
  }, 60_000);

  it('an account without a password: no password to change; erased after a fresh sign-in through the provider', async () => {
    const visitor = await openAs(browser, app, null, { path: '/login' });
    try {
      const { page } = visitor;
      await signInAtProvider(page, eraser);
      await page.locator('.whoami', { hasText: people[eraser].name }).waitFor({ timeout: 15_000 });
      await page.evaluate(() => (location.hash = '#/account'));
      await page.getByText('Ihr Konto hat kein Passwort: Sie melden sich über den Anmeldedienst').waitFor();
      await expect(page.getByLabel('Aktuelles Passwort').count()).resolves.toBe(0);
      await expectAccessible(page, 'account without a password');
      const [{ id }] = await app.dataSource.query(`SELECT id FROM users WHERE email = $1`, [
        people[eraser].email,
      ]);

      // The sign-in is eleven minutes old: the page explains, and offers to sign in again.
      await app.dataSource.query(
        `UPDATE oidc_sessions SET created_at = now() - interval '11 minutes' WHERE user_id = $1`,
        [id],
      );
      await page.locator('summary', { hasText: 'Konto löschen' }).click();
      await page.getByText('Ihr Konto hat kein Passwort. Zur Bestätigung genügt eine Anmeldung').waitFor();
      await expect(page.getByLabel('Ihr Passwort zur Bestätigung').count()).resolves.toBe(0);
      const erase = page.getByRole('button', { name: 'Konto löschen', exact: true });
      await expect(erase.isDisabled()).resolves.toBe(true);
      await page.getByLabel('Ich möchte mein Konto endgültig löschen.').check();
      await erase.click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'Ihre Anmeldung liegt länger als 10 Minuten zurück.' })
        .waitFor();
      await page.getByRole('button', { name: 'Abmelden und erneut anmelden' }).click();
      // Signed out at the provider too (it asks first), so the new sign-in is asked for, not handed over.
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await page
        .getByRole('link', { name: 'Anmelden mit Landratsamt Tübingen' })
        .waitFor({ timeout: 15_000 });
      await signInAtProvider(page, eraser);
      await page.locator('.whoami', { hasText: people[eraser].name }).waitFor({ timeout: 15_000 });
      await page.evaluate(() => (location.hash = '#/account'));
      await page.locator('summary', { hasText: 'Konto löschen' }).click();
      await page.getByLabel('Ich möchte mein Konto endgültig löschen.').check();
      await page.getByRole('button', { name: 'Konto löschen', exact: true }).click();
      await page.waitForURL(/#\/login$/);
      const [row] = await app.dataSource.query(`SELECT deleted_at, display_name FROM users WHERE id = $1`, [
        id,
      ]);
      expect(row.deleted_at).not.toBeNull();
      expect(row.display_name).toBe('');
      expect(visitor.errors).toEqual([]);
    } finally {
      await visitor.close();
    }
  }, 90_000);

  it('signing out of runde signs out at the provider too: the next sign-in asks again', async () => {
    const visitor = await openAs(browser, app, null, { path: '/login' });
    try {
      const { page } = visitor;
      await signInAtProvider(page, signer);
      await page.locator('.whoami', { hasText: people[signer].name }).waitFor({ timeout: 15_000 });
      const [{ id }] = await app.dataSource.query(`SELECT id FROM users WHERE email = $1`, [
        people[signer].email,
      ]);
      await page.getByRole('button', { name: 'Abmelden' }).click();
      // The provider's own sign-out page (oidc-provider asks before it ends its session), then back to runde.
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await page.waitForURL(`${app.url}/**`);
      await page
        .getByRole('link', { name: 'Anmelden mit Landratsamt Tübingen' })
        .waitFor({ timeout: 15_000 });
      expect(await page.evaluate('localStorage.getItem("runde.refreshToken")')).toBeNull();
      const sessions = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
        [id],
      );
      expect(sessions[0].n).toBe(0);
      // The provider asks for the login again: its session ended.
      await page.getByRole('link', { name: 'Anmelden mit Landratsamt Tübingen' }).click();
      await page.locator('input[name="login"]').waitFor({ timeout: 15_000 });
      expect(visitor.errors).toEqual([]);
    } finally {
      await visitor.close();
    }
  }, 60_000);

  it('signing out at the provider ends the runde session', async () => {
    const visitor = await openAs(browser, app, null, { path: '/login' });
    try {
      const { page } = visitor;
      await signInAtProvider(page, leaver);
      await page.locator('.whoami', { hasText: people[leaver].name }).waitFor({ timeout: 15_000 });
      const refreshToken = (await page.evaluate('localStorage.getItem("runde.refreshToken")')) as string;
      // The provider's own sign-out page, in another tab of the same browser.
      const provider = await visitor.context.newPage();
      await provider.goto(`${idp.issuer}/session/end`);
      await provider.getByRole('button', { name: 'Yes, sign me out' }).click();
      await provider.waitForLoadState();
      // The provider told runde over the back channel: the refresh token is dead, and the tab lands on sign-in.
      await request(app.url).post('/api/v1/auth/refresh').send({ refreshToken }).expect(401);
      await page.reload();
      await page.getByRole('heading', { name: 'Anmelden', level: 1 }).waitFor({ timeout: 15_000 });
      expect(await page.locator('.whoami').count()).toBe(0);
    } finally {
      await visitor.close();
    }
  }, 60_000);

  it('explains a sign-in that failed, in English too', async () => {
    const visitor = await openAs(browser, app, null, {
      path: '/auth/oidc-done?error=OIDC_STATE_INVALID',
      locale: 'en',
    });
    try {
      const { page } = visitor;
      await page.getByRole('heading', { name: 'Sign-in not possible', level: 1 }).waitFor();
      await page.getByText('The sign-in expired or was started in another browser').waitFor();
      await page.getByRole('link', { name: 'Back to sign-in' }).click();
      await page.getByRole('link', { name: 'Sign in with Landratsamt Tübingen' }).waitFor();
    } finally {
      await visitor.close();
    }
  }, 60_000);
});
