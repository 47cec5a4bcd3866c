import type { Browser } from 'playwright-core';
import { as, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs, screenshot } from './browser-support';

describe('browser: moderation and safe rendering', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  let topicId: string;
  let colleague: TestUser;

  beforeAll(async () => {
    ensureWebBuilt();
    // The api alone: nothing here needs the worker (see apps/web/README.md, Tests).
    app = await startTestApp();
    browser = await launchBrowser();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
    colleague = await givenUser(app, { displayName: 'Kollegin Kraus' });
    await as(app, group.owner)
      .post(`/api/v1/groups/${group.id}/members`)
      .send({ userId: colleague.id, role: 'member' })
      .expect(201);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a moderator hides a post with a reason: the author sees the reason, another member the placeholder', async () => {
    const thread = await givenThread(app, group.people.moderator, topicId, 'Bitte um Rückmeldung');
    const post = await givenPost(app, group.people.member, thread.id, 'Das ist doch Unsinn, ihr Dummköpfe!');
    const path = `/threads/${thread.id}`;
    const moderator = await openAs(browser, app, group.people.moderator, { path });
    const author = await openAs(browser, app, group.people.member, { path });
    const other = await openAs(browser, app, colleague, { path });
    try {
      const target = moderator.page.locator(`article[data-post-id="${post.id}"]`);
      await target.waitFor();
      await author.page.locator(`article[data-post-id="${post.id}"]`, { hasText: 'Unsinn' }).waitFor();
      await other.page.locator(`article[data-post-id="${post.id}"]`, { hasText: 'Unsinn' }).waitFor();

      await target.getByRole('button', { name: 'Ausblenden' }).click();
      await target.getByLabel('Grund', { exact: true }).selectOption('insult');
      await target.getByLabel('Hinweis an die Person (optional)').fill('Bitte bleiben Sie sachlich.');
      await screenshot(moderator.page, 'moderation-hide-form');
      await target.getByRole('button', { name: 'Beitrag ausblenden' }).click();
      await target.locator('.hidden-reason', { hasText: 'Grund: Beleidigung' }).waitFor();

      // Live, without reload: the author sees why; the colleague sees only the placeholder.
      const mine = author.page.locator(`article[data-post-id="${post.id}"]`);
      await mine.locator('.hidden-reason', { hasText: 'Grund: Beleidigung' }).waitFor({ timeout: 5000 });
      await expect(mine.textContent()).resolves.toContain('Bitte bleiben Sie sachlich.');
      const theirs = other.page.locator(`article[data-post-id="${post.id}"]`);
      await theirs
        .locator('.placeholder', { hasText: 'Dieser Beitrag wurde von der Moderation ausgeblendet.' })
        .waitFor({ timeout: 5000 });
      await expect(theirs.textContent()).resolves.not.toContain('Unsinn');
      await expect(theirs.textContent()).resolves.not.toContain('Beleidigung');
      await screenshot(author.page, 'thread-hidden-author-view');
      await screenshot(other.page, 'thread-hidden-member-view');

      // The same after a reload.
      await author.page.reload();
      await mine.locator('.hidden-reason', { hasText: 'Grund: Beleidigung' }).waitFor();
      await other.page.reload();
      await theirs.locator('.placeholder', { hasText: 'ausgeblendet' }).waitFor();
      await expect(theirs.textContent()).resolves.not.toContain('Unsinn');
      await expectAccessible(author.page, 'thread with a hidden post (author)');
    } finally {
      await moderator.close();
      await author.close();
      await other.close();
    }
  }, 60_000);

  it('a post with an event-handler image and javascript: links renders inert', async () => {
    const thread = await givenThread(app, group.people.member, topicId, 'Harmloser Anfang');
    const evil = [
      'Hallo <img src=x onerror=alert(1)> zusammen.',
      '',
      '[Markdown-Link](javascript:alert(2)) und <a href="javascript:alert(3)" onclick="alert(4)">HTML-Link</a>',
      '',
      '<script>alert(5)</script><svg onload=alert(6)></svg><iframe src="javascript:alert(7)"></iframe>',
      '<img src=x onerror="document.title=\'pwned\'">',
      '',
      '[Ein guter Link](https://www.baden-wuerttemberg.de)',
    ].join('\n');
    const post = await givenPost(app, group.people.member, thread.id, evil);
    // The sanitizer parses the hostile HTML in an inert document (nothing in it runs); Chromium still reports its
    // inline handlers against the page's policy. Those reports, and only those, are allowed here.
    const reader = await openAs(browser, app, colleague, {
      path: `/threads/${thread.id}`,
      mayBlock: /^Executing inline event handler violates/,
    });
    try {
      const article = reader.page.locator(`article[data-post-id="${post.id}"]`);
      await article.locator('.post-body', { hasText: 'HTML-Link' }).waitFor();
      const body = article.locator('.post-body');
      expect(await body.locator('img, script, svg, iframe').count()).toBe(0);
      const handlers = await body.evaluate((el) => {
        const all = (
          el as unknown as {
            querySelectorAll(s: string): ArrayLike<{ attributes: ArrayLike<{ name: string }> }>;
          }
        ).querySelectorAll('*');
        return Array.from(all)
          .flatMap((n) => Array.from(n.attributes).map((a) => a.name))
          .filter((a) => /^on/i.test(a));
      });
      expect(handlers).toEqual([]);
      const mdLink = body.getByText('Markdown-Link');
      const htmlLink = body.getByText('HTML-Link');
      expect(await mdLink.getAttribute('href')).toBeNull();
      expect(await htmlLink.getAttribute('href')).toBeNull();
      expect(await htmlLink.getAttribute('onclick')).toBeNull();
      expect(await body.getByText('Ein guter Link').getAttribute('href')).toBe(
        'https://www.baden-wuerttemberg.de',
      );
      expect(await body.getByText('Ein guter Link').getAttribute('rel')).toContain('noopener');
      await mdLink.click();
      await htmlLink.click();

      // The composer's preview uses the same sanitizer.
      const composer = reader.page.getByRole('textbox', { name: 'Ihr Beitrag' });
      await composer.fill('Vorschau <img src=x onerror=alert(8)> [x](javascript:alert(9))');
      await reader.page.getByRole('tab', { name: 'Vorschau' }).click();
      const preview = reader.page.locator('.preview');
      await preview.getByText('Vorschau').waitFor();
      expect(await preview.locator('img').count()).toBe(0);
      expect(await preview.getByText('x', { exact: true }).getAttribute('href')).toBeNull();

      await expect(reader.page.title()).resolves.not.toBe('pwned');
      expect(reader.dialogs).toEqual([]);
      expect(reader.errors).toEqual([]);
      await screenshot(reader.page, 'thread-xss-inert');
    } finally {
      await reader.close();
    }
  }, 60_000);

  it('flags reach the moderators’ queue; lock and pin show live; the log records it all', async () => {
    const thread = await givenThread(app, group.people.moderator, topicId, 'Regeln für die Runde');
    const post = await givenPost(
      app,
      group.people.member,
      thread.id,
      'Werbung: Jetzt Kurse buchen bei example.com!',
    );
    const reporter = await openAs(browser, app, colleague, { path: `/threads/${thread.id}` });
    const moderator = await openAs(browser, app, group.people.moderator, {
      path: `/groups/${group.id}/moderation`,
    });
    try {
      await moderator.page.getByRole('heading', { name: 'Offene Meldungen' }).waitFor();
      const target = reporter.page.locator(`article[data-post-id="${post.id}"]`);
      await target.getByRole('button', { name: 'Melden' }).click();
      await target.getByLabel('Warum melden Sie diesen Beitrag?').fill('Das ist Werbung.');
      await target.getByRole('button', { name: 'Meldung senden' }).click();
      await target.getByText('Danke. Die Moderation sieht sich den Beitrag an.').waitFor();

      // The queue updates live (flag.created on the group stream).
      const flag = moderator.page.locator('.flag-item', { hasText: 'Das ist Werbung.' });
      await flag.waitFor({ timeout: 5000 });
      await expectAccessible(moderator.page, 'moderation');
      await screenshot(moderator.page, 'moderation-queue');
      await flag.getByLabel('Grund', { exact: true }).selectOption('spam');
      await flag.getByRole('button', { name: 'Beitrag ausblenden' }).click();
      await moderator.page.getByText('Keine offenen Meldungen.').waitFor();
      await moderator.page.locator('.log-table td', { hasText: 'Werbung oder Spam' }).waitFor();

      // Lock and pin from the thread; the member sees the lock at once.
      await moderator.page.goto(`${app.url}/#/threads/${thread.id}`);
      await moderator.page.getByRole('button', { name: 'Sperren' }).click();
      await moderator.page.getByRole('button', { name: 'Anheften' }).click();
      await reporter.page.getByText('Diese Diskussion ist gesperrt.').waitFor({ timeout: 5000 });
      expect(await reporter.page.getByRole('textbox', { name: 'Ihr Beitrag' }).count()).toBe(0);
      await moderator.page.getByRole('button', { name: 'Entsperren' }).waitFor();

      // Slow mode: the moderator sets an interval; both see it on the thread at once.
      await moderator.page.getByLabel('Langsamer Modus').selectOption('300');
      await moderator.page.getByRole('button', { name: 'Übernehmen' }).click();
      await reporter.page
        .locator('.tag', { hasText: 'Langsamer Modus: ein Beitrag je 5 Minuten' })
        .waitFor({ timeout: 5000 });
      await moderator.page
        .locator('.tag', { hasText: 'Langsamer Modus: ein Beitrag je 5 Minuten' })
        .waitFor();
      await expectEventually(async () => {
        const res = await as(app, group.people.moderator).get(`/api/v1/threads/${thread.id}`).expect(200);
        expect(res.body.slowModeSeconds).toBe(300);
      });

      await moderator.page.goto(`${app.url}/#/groups/${group.id}/moderation`);
      for (const action of ['Ausgeblendet', 'Gesperrt', 'Angeheftet', 'Langsamer Modus'])
        await moderator.page.locator('.log-table td', { hasText: action }).first().waitFor();
      await screenshot(moderator.page, 'moderation-log');
      await expectEventually(async () => {
        const res = await as(app, group.people.moderator).get(`/api/v1/threads/${thread.id}`).expect(200);
        expect(res.body).toMatchObject({ locked: true, pinned: true });
      });
    } finally {
      await reporter.close();
      await moderator.close();
    }
  }, 60_000);
});
