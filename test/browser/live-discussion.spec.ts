import type { Browser } from 'playwright-core';
import { as, givenGroup, givenUser, TestGroup } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp } from '../support/test-app';
import {
  ensureWebBuilt,
  expectAccessible,
  launchBrowser,
  openAs,
  postTexts,
  screenshot,
} from './browser-support';

/** Two people in two browser contexts of a real Chromium, against the api and worker booted in this process. */
describe('browser: following a discussion live', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  let topicId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    // With the worker: thread lists follow posts through its coalesced topic.activity.
    app = await startTestApp({ worker: true });
    browser = await launchBrowser();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('A posts and B sees it within 2 s without a reload; B sees A present and typing', async () => {
    const thread = await givenThread(
      app,
      group.people.member,
      topicId,
      'Wie organisieren wir die Sprachkurse?',
    );
    const a = await openAs(browser, app, group.people.member, { path: `/threads/${thread.id}` });
    const b = await openAs(browser, app, group.people.moderator, { path: `/threads/${thread.id}` });
    try {
      await a.page.locator('article.post').first().waitFor();
      await b.page.locator('article.post').first().waitFor();

      // Presence: B sees A (and A sees B).
      await b.page.locator('.presence-list li', { hasText: group.people.member.displayName }).waitFor();
      await a.page.locator('.presence-list li', { hasText: group.people.moderator.displayName }).waitFor();

      // Typing: A types, B sees who.
      const composer = a.page.getByLabel('Ihr Beitrag', { exact: true });
      await composer.click();
      await composer.pressSequentially('Ich schlage vor', { delay: 20 });
      await b.page
        .locator('[data-testid="typing"]', { hasText: `${group.people.member.displayName} schreibt` })
        .waitFor({ timeout: 5000 });
      await screenshot(b.page, 'thread-typing-and-presence');

      // A posts; B sees it appear within 2 s, no reload.
      await composer.fill('Ich schlage **Dienstag** vor.');
      const navigations: string[] = [];
      b.page.on('framenavigated', (f) => navigations.push(f.url()));
      const started = Date.now();
      await a.page.getByRole('button', { name: 'Senden' }).click();
      await b.page
        .locator('article.post', { hasText: 'Ich schlage Dienstag vor.' })
        .waitFor({ timeout: 2000 });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(navigations).toEqual([]);
      expect(await b.page.locator('article.post strong', { hasText: 'Dienstag' }).count()).toBe(1);
      // The typing indicator is gone once the post is there.
      await expectEventually(async () =>
        expect(await b.page.locator('[data-testid="typing"]').textContent()).toBe(''),
      );
      await screenshot(b.page, 'thread-live');
      await expectAccessible(b.page, 'thread (moderator)');
      await expectAccessible(a.page, 'thread (member)');
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);

  it('B goes offline while A posts 5 times; back online, all 5 appear in order, once, without a reload', async () => {
    const thread = await givenThread(app, group.people.member, topicId, 'Offline-Test');
    const b = await openAs(browser, app, group.people.moderator, { path: `/threads/${thread.id}` });
    try {
      await b.page.locator('article.post', { hasText: 'Offline-Test' }).waitFor();
      await b.page.locator('.presence-list li', { hasText: group.people.moderator.displayName }).waitFor();
      const navigations: string[] = [];
      b.page.on('framenavigated', (f) => navigations.push(f.url()));

      await b.context.setOffline(true);
      await b.page.locator('.connection-down', { hasText: 'Verbindung wird wiederhergestellt' }).waitFor();
      await screenshot(b.page, 'thread-reconnecting');

      for (let i = 1; i <= 5; i++)
        await givenPost(app, group.people.member, thread.id, `Nachricht ${i} von 5`);
      // Nothing arrives while offline.
      expect(await b.page.locator('article.post', { hasText: 'von 5' }).count()).toBe(0);

      await b.context.setOffline(false);
      await b.page.locator('article.post', { hasText: 'Nachricht 5 von 5' }).waitFor({ timeout: 15_000 });
      await expectEventually(async () => expect(await b.page.locator('.connection-down').count()).toBe(0));
      const texts = (await postTexts(b.page)).map((s) => s.trim());
      expect(texts).toEqual([
        'Offline-Test',
        'Nachricht 1 von 5',
        'Nachricht 2 von 5',
        'Nachricht 3 von 5',
        'Nachricht 4 von 5',
        'Nachricht 5 von 5',
      ]);
      const seqs = await b.page
        .locator('article.post')
        .evaluateAll((els) =>
          els.map((el) => Number((el as unknown as { dataset: { seq: string } }).dataset.seq)),
        );
      expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
      expect(navigations).toEqual([]);

      // And it stays live afterwards.
      await givenPost(app, group.people.member, thread.id, 'Wieder da');
      await b.page.locator('article.post', { hasText: 'Wieder da' }).waitFor({ timeout: 5000 });
      expect(await b.page.locator('article.post').count()).toBe(7);
    } finally {
      await b.close();
    }
  }, 60_000);

  it('new threads appear live in the topic with unread counts; the unread divider marks what is new', async () => {
    const earlier = await givenThread(app, group.people.member, topicId, 'Schon gelesen');
    const b = await openAs(browser, app, group.people.moderator, { path: `/threads/${earlier.id}` });
    try {
      await b.page.locator('article.post', { hasText: 'Schon gelesen' }).waitFor();
      // Opening the thread marks it read (up to the last post).
      await expectEventually(async () => {
        const res = await fetch(`${app.url}/api/v1/threads/${earlier.id}`, {
          headers: { Authorization: `Bearer ${group.people.moderator.accessToken}` },
        });
        expect(((await res.json()) as { unreadCount: number }).unreadCount).toBe(0);
      });

      await b.page.goto(`${app.url}/#/topics/${topicId}`);
      await b.page.locator('.thread-item', { hasText: 'Ein Thread' }).first().waitFor();
      const live = await givenThread(app, group.people.member, topicId, 'Ganz neu');
      const item = b.page.locator(`.thread-item[data-thread-id="${live.id}"]`);
      await item.waitFor({ timeout: 3000 });
      await expect(item.locator('.unread-badge').textContent()).resolves.toBe('1 neu');
      await screenshot(b.page, 'topic-threads');
      await expectAccessible(b.page, 'topic');

      // New posts in the earlier thread reach the list without a reload (topic.activity, at most one per
      // second): its post count, its unread badge, and its place at the top.
      await givenPost(app, group.people.member, earlier.id, 'Neu 1');
      await givenPost(app, group.people.member, earlier.id, 'Neu 2');
      const earlierItem = b.page.locator(`.thread-item[data-thread-id="${earlier.id}"]`);
      await earlierItem.locator('.unread-badge', { hasText: '2 neu' }).waitFor({ timeout: 5000 });
      await expect(earlierItem.locator('.meta').textContent()).resolves.toContain('3 Beiträge');
      await expect(b.page.locator('.thread-item').first().getAttribute('data-thread-id')).resolves.toBe(
        earlier.id,
      );

      // Opening it: the divider sits before the first unread one.
      await b.page.goto(`${app.url}/#/threads/${earlier.id}`);
      await b.page.locator('article.post', { hasText: 'Neu 2' }).waitFor();
      const afterDivider = b.page.locator('li:has(#unread-divider) article.post');
      await expect(afterDivider.textContent()).resolves.toContain('Neu 1');
      await screenshot(b.page, 'thread-unread-divider');

      // Back in the topic: a new post counts as unread live, and reading the thread elsewhere (another tab or
      // device: thread.read on the person's own stream) clears the count here at once.
      await b.page.goto(`${app.url}/#/topics/${topicId}`);
      const again = b.page.locator(`.thread-item[data-thread-id="${earlier.id}"]`);
      await again.waitFor();
      const readTo = async (seq: number) =>
        as(app, group.people.moderator).post(`/api/v1/threads/${earlier.id}/read`).send({ seq }).expect(200);
      const { lastPostSeq } = (await as(app, group.people.moderator).get(`/api/v1/threads/${earlier.id}`))
        .body;
      await readTo(lastPostSeq);
      await expectEventually(async () => expect(await again.locator('.unread-badge').count()).toBe(0));
      const third = await givenPost(app, group.people.member, earlier.id, 'Neu 3');
      await again.locator('.unread-badge', { hasText: '1 neu' }).waitFor({ timeout: 5000 });
      await readTo(third.seq);
      await again.locator('.unread-badge').waitFor({ state: 'detached', timeout: 5000 });
    } finally {
      await b.close();
    }
  }, 60_000);
  it('a moderator makes a network topic group-only; an outsider reading its thread is told at once', async () => {
    const open = await givenTopic(app, group, 'network');
    const thread = await givenThread(app, group.people.member, open.id, 'Offen für alle?');
    const outsider = await givenUser(app, { displayName: 'Olaf Außenstehend' });
    const mod = await openAs(browser, app, group.people.moderator, { path: `/topics/${open.id}` });
    const out = await openAs(browser, app, outsider, { path: `/threads/${thread.id}` });
    try {
      await out.page.locator('article.post').first().waitFor();
      await mod.page.getByText('Ganzes Netzwerk').first().waitFor();
      await mod.page.getByText('Thema bearbeiten').click();
      await mod.page.getByLabel('Titel des Themas').fill('Nur für die AG');
      await mod.page.getByLabel('Nur diese Gruppe').check();
      await mod.page.getByText('Wer nicht zur Gruppe gehört').waitFor();
      await mod.page.getByRole('button', { name: 'Speichern' }).click();
      await mod.page.getByRole('heading', { name: 'Nur für die AG' }).waitFor();
      await mod.page.locator('p.meta', { hasText: 'Nur diese Gruppe' }).waitFor();
      await expectAccessible(mod.page, 'topic settings');
      // The outsider's open thread learns of it live, without a reload.
      await out.page
        .getByRole('alert')
        .filter({ hasText: 'Sie haben keinen Zugriff mehr auf diese Diskussion.' })
        .waitFor({ timeout: 10_000 });
      // Nothing left to write into, and nobody shown as present.
      await expectEventually(async () =>
        expect(await out.page.getByLabel('Ihr Beitrag', { exact: true }).count()).toBe(0),
      );
      expect(await out.page.locator('.presence-list li').count()).toBe(0);
      await screenshot(out.page, 'thread-access-revoked');
    } finally {
      await mod.close();
      await out.close();
    }
  }, 60_000);
});
