import type { Browser } from 'playwright-core';
import { as, givenGroup, type TestGroup } from '../support/factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { ensureWebBuilt, launchBrowser, openAs } from './browser-support';

/**
 * A screen reads its state over REST and follows its stream at the same time. A change that happens after the
 * read but before the read's answer is drawn must not be lost: the answer is old, and the change's event came
 * while there was nothing to apply it to. The group page reads again (on the event, and once subscribed).
 */
describe('browser: a change during the first load is not lost', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp();
    browser = await launchBrowser();
    group = await givenGroup(app);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the group page shows a role changed while its member list was on the way', async () => {
    const { observer } = group.people;
    const member = await openAs(browser, app, group.people.member, { path: '/' });
    try {
      const { page } = member;
      // The first read of the member list is answered only after the change, with what it read before it.
      let reads = 0;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(`**/api/v1/groups/${group.id}/members*`, async (route) => {
        if (++reads > 1) return route.continue();
        const response = await route.fetch();
        const body = await response.text();
        await held;
        await route.fulfill({ response, body });
      });
      await page.evaluate((path) => (location.hash = path), `#/groups/${group.id}`);
      await expectEventually(async () => expect(reads).toBeGreaterThanOrEqual(1));
      await as(app, group.owner)
        .patch(`/api/v1/groups/${group.id}/members/${observer.id}`)
        .send({ role: 'moderator' })
        .expect(200);
      release();
      await page
        .locator(`.member-list li[data-user-id="${observer.id}"]`, { hasText: 'Moderation' })
        .waitFor({ timeout: 10_000 });
      expect(reads).toBeGreaterThan(1);
      expect(member.errors).toEqual([]);
    } finally {
      await member.close();
    }
  }, 60_000);
});
