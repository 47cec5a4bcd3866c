import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { givenPost, givenThread } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { as, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { addMember, eventuallyNotified } from '../notifications/notification-helpers';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs, screenshot } from './browser-support';

/**
 * Selects `phrase` inside the body of the post that contains it (as a reader's mouse would). Runs in the page;
 * the test's own TypeScript has no DOM types, hence the minimal shapes.
 */
async function selectInPost(page: Page, phrase: string): Promise<void> {
  interface TextNode {
    nodeValue: string | null;
    parentElement: { closest(selector: string): unknown } | null;
  }
  interface PageDocument {
    querySelector(selector: string): unknown;
    createTreeWalker(root: unknown, show: number): { nextNode(): TextNode | null };
    createRange(): { setStart(node: TextNode, at: number): void; setEnd(node: TextNode, at: number): void };
    getSelection(): { removeAllRanges(): void; addRange(range: unknown): void };
  }
  await page.evaluate((text: string) => {
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    const walker = doc.createTreeWalker(doc.querySelector('.thread-posts'), 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.nodeValue!.indexOf(text);
      if (at < 0 || !node.parentElement?.closest('.post-body')) continue;
      const range = doc.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const selection = doc.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${text}" is not in a post`);
  }, phrase);
}

const composer = (page: Page) => page.locator('form.composer textarea');

/**
 * Discussion basics as Discourse users expect them (issue 23, finding 8): quoting a selection, @mentions with
 * suggestions and highlighted names, a composer that grows, the topic in the breadcrumb, thread lists with post
 * counts and last activity (live), and "New discussion" at the top with the visibility choices explained.
 */
describe('browser: discussion basics', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  let topicId: string;
  let jurgen: TestUser;
  let orgName: string;
  const groupName = `AG Sprachkurse ${randomUUID().slice(0, 4)}`;
  const topicTitle = 'Integrationskurse im ländlichen Raum';

  beforeAll(async () => {
    ensureWebBuilt();
    // With the worker: mention notifications and the topic's coalesced activity.
    app = await startTestApp({ worker: true });
    browser = await launchBrowser();
    group = await givenGroup(app, groupName);
    topicId = (
      await as(app, group.owner)
        .post(`/api/v1/groups/${group.id}/topics`)
        .send({ title: topicTitle, visibility: 'group' })
        .expect(201)
    ).body.id;
    orgName = `Landratsamt Hohenlohekreis ${randomUUID().slice(0, 4)}`;
    const [org] = await app.dataSource.query(
      `INSERT INTO organisations (name, kind) VALUES ($1, 'Landkreis') RETURNING id`,
      [orgName],
    );
    jurgen = await givenUser(app, { displayName: 'Jürgen Öztürk-Weiß', organisationId: org.id });
    await addMember(app, group, jurgen);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('quotes a selection, suggests and highlights a mention that notifies, grows the composer; the breadcrumb names the topic (German)', async () => {
    const thread = await givenThread(
      app,
      group.people.member,
      topicId,
      'Die Wartezeiten sind zu lang. Wir brauchen mehr Kursplätze im Landkreis.',
    );
    const mod = await openAs(browser, app, group.people.moderator, { path: `/threads/${thread.id}` });
    const page = mod.page;
    try {
      await page.locator('article.post').first().waitFor();

      // Breadcrumb: group › topic (its title, not "Diskussionen") › thread.
      const crumbs = page.locator('nav.breadcrumb');
      await crumbs.getByRole('link', { name: topicTitle }).waitFor();
      expect((await crumbs.textContent())!.replace(/\s+/g, ' ')).toContain(
        ` › ${groupName} › ${topicTitle} › Ein Thread`,
      );
      expect(await crumbs.textContent()).not.toContain('Diskussionen');
      expect(await crumbs.getByRole('link', { name: topicTitle }).getAttribute('href')).toBe(
        `#/topics/${topicId}`,
      );

      // Quote: select a passage, the button appears beside it and puts the quote into the composer.
      await selectInPost(page, 'Wir brauchen mehr Kursplätze');
      const quoteButton = page.getByRole('button', { name: /zitieren/i });
      await quoteButton.waitFor();
      await screenshot(page, 'thread-quote-selection');
      await expectAccessible(page, 'thread (quote button)');
      await quoteButton.click();
      await expect(composer(page).inputValue()).resolves.toBe(
        `> [Member Person schrieb:](#/threads/${thread.id}?seq=1)\n> Wir brauchen mehr Kursplätze\n\n`,
      );
      await page.locator('.replying', { hasText: 'Member Person' }).waitFor();
      await expectEventually(async () =>
        expect(await page.evaluate('document.activeElement?.tagName')).toBe('TEXTAREA'),
      );
      await composer(page).pressSequentially('Dem stimme ich zu.');
      await page.getByRole('button', { name: 'Senden' }).click();
      const reply = page.locator('article.post[data-seq="2"]');
      await reply.locator('.post-body blockquote', { hasText: 'Wir brauchen mehr Kursplätze' }).waitFor();
      const byline = reply.locator('.post-body blockquote a', { hasText: 'Member Person schrieb:' });
      expect(await byline.getAttribute('href')).toBe(`#/threads/${thread.id}?seq=1`);
      await reply.locator('.reply-quote', { hasText: 'Member Person' }).waitFor();
      await expect(composer(page).inputValue()).resolves.toBe('');

      // Mention: "@" and part of the name suggests the member, with the organisation.
      await composer(page).pressSequentially('Was meinen Sie, @jür');
      const list = page.getByRole('listbox', { name: 'Personen zum Erwähnen' });
      const option = list.getByRole('option', { name: /Jürgen Öztürk-Weiß/ });
      await option.waitFor();
      await expect(option.textContent()).resolves.toContain(orgName);
      await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
      const listId = await list.getAttribute('id');
      await expect(composer(page).getAttribute('aria-controls')).resolves.toBe(listId);
      await expect(composer(page).getAttribute('aria-activedescendant')).resolves.toBe(
        await option.getAttribute('id'),
      );
      await page.getByRole('status').filter({ hasText: '1 Vorschlag' }).waitFor();
      await screenshot(page, 'thread-mention-suggestions');
      await expectAccessible(page, 'thread (mention suggestions open)');
      await page.keyboard.press('Enter');
      await list.waitFor({ state: 'detached' });
      await expect(composer(page).inputValue()).resolves.toBe(`Was meinen Sie, @${jurgen.id} `);
      // The preview shows the name, marked.
      await page.getByRole('tab', { name: 'Vorschau' }).click();
      await page.locator('.preview .mention', { hasText: '@Jürgen Öztürk-Weiß' }).waitFor();
      await page.getByRole('tab', { name: 'Schreiben' }).click();

      // Escape closes the suggestions and leaves the text as typed; the keys go on to the text after it.
      await composer(page).pressSequentially('und @Olg');
      await list.getByRole('option', { name: /Olga Owner/ }).waitFor();
      await page.keyboard.press('Escape');
      await list.waitFor({ state: 'detached' });
      await composer(page).pressSequentially('?');
      await expect(composer(page).inputValue()).resolves.toBe(`Was meinen Sie, @${jurgen.id} und @Olg?`);
      await expect(composer(page).getAttribute('aria-controls')).resolves.toBeNull();
      await page.getByRole('button', { name: 'Senden' }).click();

      // The post shows the name, highlighted, and no raw id; the person is notified.
      const mentioned = page.locator('article.post[data-seq="3"] .post-body .mention');
      await mentioned.waitFor();
      await expect(mentioned.textContent()).resolves.toBe('@Jürgen Öztürk-Weiß');
      await expect(mentioned.getAttribute('title')).resolves.toBe(orgName);
      expect(await page.locator('article.post[data-seq="3"]').textContent()).not.toContain(jurgen.id);
      const notification = await eventuallyNotified(app, jurgen, (n) => n.threadId === thread.id);
      expect(notification).toMatchObject({
        kind: 'mention',
        postSeq: 3,
        actor: { id: group.people.moderator.id },
      });

      // The composer grows with its text, up to a limit; then it scrolls.
      const height = () =>
        composer(page).evaluate((el) => (el as unknown as { offsetHeight: number }).offsetHeight);
      const empty = await height();
      await composer(page).fill(Array.from({ length: 8 }, (_, i) => `Zeile ${i + 1}`).join('\n'));
      const eight = await height();
      expect(eight).toBeGreaterThan(empty + 40);
      await composer(page).fill(Array.from({ length: 80 }, (_, i) => `Zeile ${i + 1}`).join('\n'));
      const tall = await composer(page).evaluate((el) => {
        const ta = el as unknown as { offsetHeight: number; scrollHeight: number; clientHeight: number };
        return { offset: ta.offsetHeight, scroll: ta.scrollHeight, client: ta.clientHeight };
      });
      expect(tall.offset).toBeGreaterThan(eight);
      expect(tall.offset).toBeLessThanOrEqual(Math.round(900 * 0.5) + 2);
      expect(tall.scroll).toBeGreaterThan(tall.client);
      await composer(page).fill('');
      await expectEventually(async () => expect(await height()).toBe(empty));
      await screenshot(page, 'thread-mention-highlighted');
      await expectAccessible(page, 'thread (mention posted)');
      expect(mod.errors).toEqual([]);
    } finally {
      await mod.close();
    }

    // The person mentioned sees their own name marked as theirs.
    const j = await openAs(browser, app, jurgen, { path: `/threads/${thread.id}` });
    try {
      await j.page
        .locator('article.post[data-seq="3"] .mention.mention-me', { hasText: '@Jürgen' })
        .waitFor();
    } finally {
      await j.close();
    }
  }, 90_000);

  it('mentions and quotes in English: suggestions by organisation, Tab inserts, "wrote:" in the quote', async () => {
    const thread = await givenThread(app, group.people.owner, topicId, 'Please review the figures for 2026.');
    const m = await openAs(browser, app, group.people.member, {
      path: `/threads/${thread.id}`,
      locale: 'en',
    });
    // On a phone: the quote button and the suggestions stay on the screen.
    await m.page.setViewportSize({ width: 360, height: 740 });
    const onScreen = async (selector: string) => {
      const box = (await m.page.locator(selector).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    };
    try {
      await m.page.locator('article.post').first().waitFor();
      await expect(m.page.locator('nav.breadcrumb').textContent()).resolves.toContain(
        `${groupName} › ${topicTitle} › Ein Thread`,
      );
      await selectInPost(m.page, 'the figures for 2026');
      await m.page.getByRole('button', { name: /quote/i }).waitFor();
      await onScreen('.post-quote-button');
      await screenshot(m.page, 'thread-quote-selection-360');
      await m.page.getByRole('button', { name: /quote/i }).click();
      await expect(composer(m.page).inputValue()).resolves.toBe(
        `> [Olga Owner wrote:](#/threads/${thread.id}?seq=1)\n> the figures for 2026\n\n`,
      );
      // By part of the organisation's name.
      await composer(m.page).pressSequentially('Asking @hohenlohe');
      const option = m.page.getByRole('listbox', { name: 'People to mention' }).getByRole('option');
      await expect(option.textContent()).resolves.toContain('Jürgen Öztürk-Weiß');
      await m.page.getByRole('status').filter({ hasText: '1 suggestion' }).waitFor();
      await onScreen('.mention-list');
      await screenshot(m.page, 'thread-mention-suggestions-360');
      await m.page.keyboard.press('Tab');
      await expect(composer(m.page).inputValue()).resolves.toContain(`Asking @${jurgen.id} `);
      // Nobody matches: no list, and it is said.
      await composer(m.page).pressSequentially('and @zzzz');
      await m.page.getByRole('status').filter({ hasText: 'Nobody in this group matches.' }).waitFor();
      expect(await m.page.getByRole('listbox').count()).toBe(0);
      await expectAccessible(m.page, 'thread (English, quote and mention)');
    } finally {
      await m.close();
    }
  }, 60_000);

  it('thread lists show post counts and last activity, live; "New discussion" is at the top and the visibility choices say who can read (German and English)', async () => {
    const older = await givenThread(app, group.people.member, topicId, 'Ältere Diskussion');
    const owner = await openAs(browser, app, group.owner, { path: `/topics/${topicId}` });
    const page = owner.page;
    try {
      const item = page.locator(`.thread-item[data-thread-id="${older.id}"]`);
      await item.waitFor();
      await expect(item.locator('.thread-count').textContent()).resolves.toBe('1 Beitrag');
      const time = item.locator('.thread-activity time');
      await expect(time.textContent()).resolves.toBe('gerade eben');
      expect(await time.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await time.getAttribute('title')).toMatch(/\d{4}.*\d\d:\d\d/);
      await expect(item.locator('.thread-activity').textContent()).resolves.toBe(
        'Letzte Aktivität gerade eben',
      );

      // Someone posts: the count and the time follow live, and the thread moves to the top.
      await givenPost(app, group.people.moderator, older.id, 'Noch ein Gedanke');
      await givenPost(app, jurgen, older.id, 'Und noch einer');
      await item.locator('.thread-count', { hasText: '3 Beiträge' }).waitFor({ timeout: 5000 });
      await expect(page.locator('.thread-item').first().getAttribute('data-thread-id')).resolves.toBe(
        older.id,
      );
      // A time an hour ago reads relative, with the exact time as its title.
      const hourAgo = new Date(Date.now() - 3_600_000 - 5000).toISOString();
      await app.dataSource.query(`UPDATE threads SET last_activity_at = $2 WHERE id = $1`, [
        older.id,
        hourAgo,
      ]);
      await page.reload();
      await item.locator('.thread-activity time', { hasText: 'vor 1 Stunde' }).waitFor();

      // "Neue Diskussion" is a primary button above the list; it opens the form (focus in its title).
      const button = page.getByRole('button', { name: 'Neue Diskussion' });
      expect(await button.getAttribute('class')).toContain('primary');
      const buttonBox = (await button.boundingBox())!;
      const listBox = (await page.locator('.thread-list').boundingBox())!;
      expect(buttonBox.y + buttonBox.height).toBeLessThan(listBox.y);
      await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
      await button.click();
      await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
      const form = page.locator('#new-thread');
      await form.getByRole('heading', { name: 'Neue Diskussion' }).waitFor();
      await expectEventually(async () =>
        expect(await page.evaluate('document.activeElement?.id')).toBe('thread-title'),
      );
      expect((await form.boundingBox())!.y).toBeLessThan(
        (await page.locator('.thread-list').boundingBox())!.y,
      );
      // Who can read this topic is said on it.
      await page
        .locator('.topic-visibility', {
          hasText: 'Nur die Mitglieder dieser Gruppe können das Thema und seine Diskussionen lesen.',
        })
        .waitFor();
      // The first post suggests mentions too.
      await page.getByLabel('Titel', { exact: true }).fill('Kursplätze 2027');
      await form.locator('textarea').pressSequentially('Frage an @Jürg');
      await form.getByRole('option', { name: /Jürgen Öztürk-Weiß/ }).waitFor();
      await screenshot(page, 'topic-new-thread');
      await expectAccessible(page, 'topic (new discussion form, mention suggestions open)');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Diskussion starten' }).click();
      await page.getByRole('heading', { name: 'Kursplätze 2027' }).waitFor();
      await page.locator('article.post .mention', { hasText: '@Jürgen Öztürk-Weiß' }).waitFor();

      // The visibility choice of a new topic explains each option (in German and English).
      await page.goto(`${app.url}/#/groups/${group.id}`);
      await page.getByText('Neues Thema', { exact: false }).first().click();
      const groupOnly = page.getByLabel('Nur diese Gruppe');
      await groupOnly.waitFor();
      const hintId = await groupOnly.getAttribute('aria-describedby');
      await expect(page.locator(`[id="${hintId}"]`).textContent()).resolves.toBe(
        'Nur die Mitglieder dieser Gruppe können das Thema und seine Diskussionen lesen.',
      );
      await page
        .getByText('Nur die Mitglieder dieser Gruppe können das Thema und seine Diskussionen lesen.')
        .waitFor();
      await page
        .getByText('Alle angemeldeten Personen im Netzwerk können das Thema lesen und mitdiskutieren.')
        .waitFor();
      await expectAccessible(page, 'group (new topic, visibility explained)');
      await screenshot(page, 'group-new-topic-visibility');
    } finally {
      await owner.close();
    }

    const en = await openAs(browser, app, group.owner, { path: `/groups/${group.id}`, locale: 'en' });
    try {
      await en.page.getByText('New topic', { exact: false }).first().click();
      await en.page.getByText('Only members of this group can read the topic and its discussions.').waitFor();
      await en.page
        .getByText('Everyone signed in to the network can read the topic and join its discussions.')
        .waitFor();
      await en.page.goto(`${app.url}/#/topics/${topicId}`);
      const item = en.page.locator(`.thread-item[data-thread-id="${older.id}"]`);
      await expect(item.locator('.thread-count').textContent()).resolves.toBe('3 posts');
      await expect(item.locator('.thread-activity').textContent()).resolves.toBe('Last activity 1 hour ago');
      await en.page.getByRole('button', { name: 'New discussion' }).waitFor();
      await expectAccessible(en.page, 'topic (English)');
    } finally {
      await en.close();
    }
  }, 90_000);

  it('someone outside the group reading a network topic gets no member suggestions, but the thread’s authors', async () => {
    const network = (
      await as(app, group.owner)
        .post(`/api/v1/groups/${group.id}/topics`)
        .send({ title: 'Offen für alle', visibility: 'network' })
        .expect(201)
    ).body.id as string;
    // A name that is markup: shown as text, never run.
    const eve = await givenUser(app, { displayName: 'Eve <img src=x onerror=alert(1)>' });
    await addMember(app, group, eve);
    const thread = await givenThread(
      app,
      group.people.member,
      network,
      `Hallo @${jurgen.id} und @<${eve.id.toUpperCase()}>, nicht aber \`@${eve.id}\` im Code.`,
    );
    const outsider = await givenUser(app, { displayName: 'Olaf Außenstehend' });
    const o = await openAs(browser, app, outsider, { path: `/threads/${thread.id}` });
    try {
      // The mention reads as the name (the thread names them anyway) …
      await o.page.locator('article.post .mention', { hasText: '@Jürgen Öztürk-Weiß' }).waitFor();
      const mentions = o.page.locator('article.post .mention');
      await expect(mentions.allTextContents()).resolves.toEqual([
        '@Jürgen Öztürk-Weiß',
        '@Eve <img src=x onerror=alert(1)>',
      ]);
      expect(await o.page.locator('article.post img').count()).toBe(0);
      await expect(o.page.locator('article.post code').textContent()).resolves.toBe(`@${eve.id}`);
      // … the thread's author is suggested, the group's other members are not.
      await composer(o.page).pressSequentially('@Mem');
      await o.page.getByRole('option', { name: /Member Person/ }).waitFor();
      await composer(o.page).fill('');
      await composer(o.page).pressSequentially('@Mod');
      await o.page.getByRole('status').filter({ hasText: 'Keine passende Person' }).waitFor();
      expect(await o.page.getByRole('option').count()).toBe(0);
      expect(o.dialogs).toEqual([]);
      expect(o.errors).toEqual([]);
    } finally {
      await o.close();
    }
  }, 60_000);
});
