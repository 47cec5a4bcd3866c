import type { Browser } from 'playwright-core';
import { givenGroup, TestGroup } from '../support/factories';
import { connectSocket, TestSocket } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs, screenshot } from './browser-support';

/** An account over SOCKET_MAX_PER_USER: the page says why it is not live and comes back by itself. */
describe('browser: too many connections for one account', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({ env: { SOCKET_MAX_PER_USER: '1', SOCKET_RETRY_AFTER_SECONDS: '2' } });
    browser = await launchBrowser();
    group = await givenGroup(app);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.each(['de', 'en'] as const)(
    'names the reason and the time of the next try (%s), then connects once a place is free',
    async (locale) => {
      // One person per case: the server may not yet have let go of the previous case's page.
      const person = locale === 'de' ? group.people.member : group.people.moderator;
      // Another tab of the same account holds the one place.
      const other: TestSocket = await connectSocket(app, person.accessToken);
      const b = await openAs(browser, app, person, { locale });
      try {
        const banner = b.page.locator('.connection[data-state="limited"] .connection-limited');
        await banner.waitFor({ timeout: 10_000 });
        const text = await banner.innerText();
        expect(text).toMatch(
          locale === 'de'
            ? /zu viele Verbindungen.*Neuer Versuch um \d/
            : /too many connections.*Trying again at \d/,
        );
        await expectAccessible(b.page, `connection-limited-${locale}`);
        await screenshot(b.page, `connection-limited-${locale}`);
        other.close();
        // The client tries again by itself after the server's retryAfterSeconds and is live.
        await b.page
          .locator('.connection[data-state="online"] .connection-back')
          .waitFor({ timeout: 15_000 });
        expect(await b.page.locator('.connection-limited').count()).toBe(0);
      } finally {
        other.close();
        await b.close();
      }
    },
    60_000,
  );
});
