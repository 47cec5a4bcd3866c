import type { Browser } from 'playwright-core';
import { givenGroup, TestGroup } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, launchBrowser, openAs } from './browser-support';

/** Short-lived access tokens (64 s): the client must refresh a minute before they expire. */
describe('browser: the session', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  let topicId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    // The api alone: nothing here needs the worker (see apps/web/README.md, Tests).
    app = await startTestApp({ env: { ACCESS_TOKEN_TTL_SECONDS: '64' } });
    browser = await launchBrowser();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('refreshes the access token before it expires (rotating the refresh token) and stays live', async () => {
    const thread = await givenThread(app, group.people.member, topicId, 'Token-Test');
    const b = await openAs(browser, app, group.people.moderator, { path: `/threads/${thread.id}` });
    try {
      await b.page.locator('article.post', { hasText: 'Token-Test' }).waitFor();
      const first = await b.page.evaluate('localStorage.getItem("runde.refreshToken")');
      const refreshes: string[] = [];
      b.page.on('request', (r) => r.url().endsWith('/api/v1/auth/refresh') && refreshes.push(r.url()));
      // 64 s tokens are refreshed 60 s before expiry, i.e. after a few seconds.
      await expectEventually(
        async () =>
          expect(await b.page.evaluate('localStorage.getItem("runde.refreshToken")')).not.toBe(first),
        { timeoutMs: 20_000, intervalMs: 250 },
      );
      expect(refreshes.length).toBeGreaterThanOrEqual(1);
      expect(b.page.url()).not.toMatch(/token|eyJ/i);

      // Still signed in and still live.
      await givenPost(app, group.people.member, thread.id, 'Nach dem Erneuern');
      await b.page.locator('article.post', { hasText: 'Nach dem Erneuern' }).waitFor({ timeout: 5000 });
      await b.page.reload();
      await b.page.locator('article.post', { hasText: 'Nach dem Erneuern' }).waitFor();
    } finally {
      await b.close();
    }
  }, 60_000);

  it('signing out forgets the session in this browser', async () => {
    const person = await openAs(browser, app, group.people.observer, { path: '/' });
    try {
      const { page } = person;
      await page.getByRole('heading', { name: 'Übersicht', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Abmelden' }).click();
      await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
      expect(await page.evaluate('localStorage.getItem("runde.refreshToken")')).toBeNull();
      await page.reload();
      await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    } finally {
      await person.context.close();
    }
  }, 60_000);
});
