import type { Browser, Page } from 'playwright-core';
import { as, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs, screenshot } from './browser-support';
import { EDITOR } from './rich-editor-support';

/**
 * Issue 23, findings 2, 3 and 5 in Chromium: the open-flag count is the server's and stays right; moderation
 * notices arrive live in the bell; archiving, adopting and restoring ask first, and only those who may restore
 * see it.
 */
describe('browser: moderation that is seen, counts that are right, no one-click irreversible steps', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  let other: TestGroup;
  let topicId: string;
  let otherTopicId: string;
  /** A second moderator of the group (the first is group.people.moderator, who also moderates `other`). */
  let keller: TestUser;
  let colleague: TestUser;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({ worker: true });
    browser = await launchBrowser();
    group = await givenGroup(app, 'Steuerungskreis');
    other = await givenGroup(app, 'AG Wohnen');
    topicId = (await givenTopic(app, group)).id;
    otherTopicId = (await givenTopic(app, other)).id;
    keller = await givenUser(app, { displayName: 'Julia Keller' });
    colleague = await givenUser(app, { displayName: 'Sevda Yilmaz' });
    const add = (g: TestGroup, user: TestUser, role: string) =>
      as(app, g.owner).post(`/api/v1/groups/${g.id}/members`).send({ userId: user.id, role }).expect(201);
    await add(group, keller, 'moderator');
    await add(group, colleague, 'member');
    await add(other, group.people.moderator, 'moderator');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const flag = (user: TestUser, postId: string, reason = 'Bitte prüfen') =>
    as(app, user).post(`/api/v1/posts/${postId}/flags`).send({ reason }).expect(201);
  const openFlagIds = async (groupId: string) =>
    (
      (await as(app, group.people.moderator).get(`/api/v1/groups/${groupId}/moderation/queue?limit=100`)).body
        .items as Array<{ id: string; post: { id: string } }>
    ).map((f) => ({ id: f.id, postId: f.post.id }));
  /** The moderation link's text on a group page, as the person sees it. */
  const countShown = (page: Page, text: string) =>
    page
      .getByRole('link', { name: `Meldungen und Moderationsprotokoll ${text}` })
      .waitFor({ timeout: 10_000 });

  it('the open-flag count is the server’s for two moderators: after flags, resolutions, reloads and a move', async () => {
    const thread = await givenThread(app, group.people.member, topicId, 'Wartezeiten');
    const first = await givenPost(app, group.people.member, thread.id, 'Erster Beitrag');
    const second = await givenPost(app, group.people.member, thread.id, 'Zweiter Beitrag');
    // Two open flags before anyone opens the page: the page starts from them, not from zero.
    await flag(colleague, first.id);
    await flag(group.people.observer, first.id);
    const path = `/groups/${group.id}`;
    const one = await openAs(browser, app, keller, { path });
    const two = await openAs(browser, app, group.people.moderator, { path });
    const member = await openAs(browser, app, colleague, { path });
    try {
      for (const p of [one.page, two.page]) await countShown(p, '(2 offene Meldungen)');
      await member.page.getByRole('heading', { name: 'Steuerungskreis', level: 1 }).waitFor();
      expect(await member.page.getByText('Meldungen und Moderationsprotokoll').count()).toBe(0);
      await expectAccessible(one.page, 'group page with open flags');
      await screenshot(one.page, 'group-open-flags');

      // A flag arrives: both see three, live.
      await flag(colleague, second.id);
      for (const p of [one.page, two.page]) await countShown(p, '(3 offene Meldungen)');

      // Resolving one flag closes both on the first post: one left, for both, and after a reload too.
      const onFirst = (await openFlagIds(group.id)).find((f) => f.postId === first.id)!;
      await as(app, keller)
        .post(`/api/v1/flags/${onFirst.id}/resolve`)
        .send({ action: 'dismiss' })
        .expect(200);
      for (const p of [one.page, two.page]) await countShown(p, '(1 offene Meldung)');
      await one.page.reload();
      await countShown(one.page, '(1 offene Meldung)');

      // The thread moves to another group: its open flag leaves this count and joins the other's.
      // (Another account: one person's session is open in one context at a time, its refresh token rotates.)
      const there = await openAs(browser, app, other.owner, { path: `/groups/${other.id}` });
      try {
        await there.page.getByRole('heading', { name: 'AG Wohnen', level: 1 }).waitFor();
        await as(app, group.people.moderator)
          .post(`/api/v1/threads/${thread.id}/move`)
          .send({ topicId: otherTopicId })
          .expect(200);
        await countShown(there.page, '(1 offene Meldung)');
        for (const p of [one.page, two.page])
          await p
            .getByRole('link', { name: 'Meldungen und Moderationsprotokoll', exact: true })
            .waitFor({ timeout: 10_000 });
        await two.page.reload();
        await two.page
          .getByRole('link', { name: 'Meldungen und Moderationsprotokoll', exact: true })
          .waitFor();
      } finally {
        await there.close();
      }
      for (const person of [one, two, member]) expect(person.errors).toEqual([]);
    } finally {
      await one.close();
      await two.close();
      await member.close();
    }
  }, 120_000);

  it('a flag rings the moderators’ bell; a hide rings the author’s with the reason and note — nobody else’s', async () => {
    const thread = (
      await as(app, keller)
        .post(`/api/v1/topics/${topicId}/threads`)
        .send({ title: 'Umgangston', body: 'Regeln' })
        .expect(201)
    ).body as { id: string };
    const secret = 'Das ist doch Unsinn, ihr Dummköpfe!';
    const post = await givenPost(app, group.people.member, thread.id, secret);
    const moderator = await openAs(browser, app, keller, { path: `/groups/${group.id}` });
    const author = await openAs(browser, app, group.people.member, { path: '/' });
    const bystander = await openAs(browser, app, colleague, { path: '/' });
    try {
      for (const p of [moderator.page, author.page, bystander.page])
        await p.locator('.bell-button').waitFor();

      // The observer flags: the moderator's bell rings, live.
      await flag(group.people.observer, post.id, 'Beleidigend.');
      await moderator.page.locator('.bell-button .badge').waitFor({ timeout: 15_000 });
      await moderator.page.locator('.bell-button').click();
      const flagged = moderator.page.locator('.bell-list li', {
        hasText: 'Observer Person hat einen Beitrag in „Umgangston“ gemeldet',
      });
      await flagged.waitFor();
      await expectAccessible(moderator.page, 'bell with a flag notice');
      await flagged.locator('.bell-item').click();
      await moderator.page.getByRole('heading', { name: 'Offene Meldungen' }).waitFor();
      expect(moderator.page.url()).toContain(`#/groups/${group.id}/moderation`);
      await moderator.page.locator('.flag-item', { hasText: 'Beleidigend.' }).waitFor();
      await expectAccessible(moderator.page, 'moderation queue opened from the bell');

      // The moderator hides it from the queue, with a reason and a note: the author's bell rings.
      const item = moderator.page.locator('.flag-item', { hasText: 'Beleidigend.' });
      await item.getByLabel('Grund', { exact: true }).selectOption('insult');
      await item.getByLabel('Hinweis an die Person (optional)').fill('Bitte bleiben Sie sachlich.');
      await item.getByRole('button', { name: 'Beitrag ausblenden' }).click();
      await moderator.page.getByText('Keine offenen Meldungen.').waitFor();

      await author.page.locator('.bell-button .badge').waitFor({ timeout: 15_000 });
      await author.page.locator('.bell-button').click();
      const hidden = author.page.locator('.bell-list li', {
        hasText:
          'Die Moderation hat Ihren Beitrag in „Umgangston“ ausgeblendet. Grund: Beleidigung. Hinweis der Moderation: „Bitte bleiben Sie sachlich.“',
      });
      await hidden.waitFor();
      await screenshot(author.page, 'bell-post-hidden');
      await expectAccessible(author.page, 'bell with a hide notice');
      await hidden.locator('.bell-item').click();
      await author.page.locator(`article[data-post-id="${post.id}"] .hidden-reason`).waitFor();

      // Shown again: the author hears of it too.
      await author.page.goto(`${app.url}/#/`);
      await author.page.locator('.bell-button').waitFor();
      await as(app, keller).post(`/api/v1/posts/${post.id}/unhide`).expect(200);
      await author.page.locator('.bell-button .badge').waitFor({ timeout: 15_000 });
      await author.page.locator('.bell-button').click();
      await author.page
        .locator('.bell-list li.unread', {
          hasText: 'Die Moderation hat Ihren Beitrag in „Umgangston“ wieder eingeblendet',
        })
        .waitFor({ timeout: 10_000 });

      // The bystander heard of nothing; nobody else's notices carry the text or the note.
      await bystander.page.locator('.bell-button').click();
      await bystander.page.locator('.bell-panel').waitFor();
      const panel = (await bystander.page.locator('.bell-panel').textContent()) ?? '';
      expect(panel).not.toContain('Unsinn');
      expect(panel).not.toContain('ausgeblendet');
      for (const user of [keller, group.people.moderator, group.owner, colleague, group.people.observer]) {
        const body = JSON.stringify(
          (await as(app, user).get('/api/v1/notifications?limit=100').expect(200)).body,
        );
        expect(body).not.toContain('Dummköpfe');
        expect(body).not.toContain('sachlich');
      }
      for (const person of [moderator, author, bystander]) expect(person.dialogs).toEqual([]);
    } finally {
      await moderator.close();
      await author.close();
      await bystander.close();
    }

    // The notification list, in English: both notices of the author, worded in English.
    const english = await openAs(browser, app, group.people.member, { path: '/notifications', locale: 'en' });
    try {
      const list = english.page.locator('.notification-list');
      await list
        .locator('li', { hasText: 'The moderators showed your post in “Umgangston” again' })
        .waitFor({ timeout: 10_000 });
      await list
        .locator('li', {
          hasText:
            'The moderators hid your post in “Umgangston”. Reason: Insult. Note from the moderators: “Bitte bleiben Sie sachlich.”',
        })
        .waitFor();
      await expectAccessible(english.page, 'notifications (English) with moderation notices');
      await screenshot(english.page, 'notifications-moderation-en');
    } finally {
      await english.close();
    }
  }, 120_000);

  it('archiving asks first: cancel changes nothing, confirm archives; adopting asks too', async () => {
    const draft = (
      await as(app, group.people.member)
        .post(`/api/v1/topics/${topicId}/drafts`)
        .send({ title: 'Eckpunkte Wohnen', content: 'Erstens: bezahlbarer Wohnraum.' })
        .expect(201)
    ).body as { id: string };
    const statusOf = async () =>
      (await as(app, keller).get(`/api/v1/drafts/${draft.id}`).expect(200)).body.status as string;
    const person = await openAs(browser, app, keller, { path: `/drafts/${draft.id}` });
    try {
      const { page } = person;
      const archive = page.getByRole('button', { name: 'Weiter zu: Archiviert' });
      await archive.click();
      const dialog = page.getByRole('dialog', { name: 'Entwurf archivieren?' });
      await dialog.waitFor();
      await dialog.getByText('„Eckpunkte Wohnen“ wird archiviert.').waitFor();
      // The safe choice has the focus; the page behind the modal is inert.
      await expect(
        page.evaluate('document.activeElement && document.activeElement.textContent'),
      ).resolves.toBe('Abbrechen');
      await expectAccessible(page, 'draft with the archive confirmation open');
      await screenshot(page, 'draft-confirm-archive');
      await dialog.getByRole('button', { name: 'Abbrechen' }).click();
      await dialog.waitFor({ state: 'detached' });
      // The focus goes back to the button that opened the dialog (once the dialog has closed).
      await expectEventually(async () =>
        expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe(
          'Weiter zu: Archiviert',
        ),
      );
      expect(await statusOf()).toBe('draft');

      // Escape cancels too.
      await archive.click();
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await statusOf()).toBe('draft');

      // Into revision without asking (it can go back), then "Beschlossen" asks.
      await as(app, keller)
        .post(`/api/v1/drafts/${draft.id}/status`)
        .send({ status: 'consultation', deadline: new Date(Date.now() + 86_400_000).toISOString() })
        .expect(200);
      await page.getByRole('button', { name: 'Weiter zu: Überarbeitung' }).click();
      await page.locator('.title-tools .status', { hasText: 'Überarbeitung' }).waitFor({ timeout: 10_000 });
      await page.getByRole('button', { name: 'Weiter zu: Beschlossen' }).click();
      const adopt = page.getByRole('dialog', { name: 'Entwurf beschließen?' });
      await adopt.waitFor();
      await adopt.getByRole('button', { name: 'Abbrechen' }).click();
      expect(await statusOf()).toBe('revision');

      // Confirmed: archived, and the steps are gone.
      await archive.click();
      await dialog.getByRole('button', { name: 'Archivieren' }).click();
      await page.locator('.title-tools .status', { hasText: 'Archiviert' }).waitFor({ timeout: 10_000 });
      await dialog.waitFor({ state: 'detached' });
      expect(await statusOf()).toBe('archived');
      expect(await page.getByRole('button', { name: /Weiter zu/ }).count()).toBe(0);
      expect(person.dialogs).toEqual([]);
    } finally {
      await person.close();
    }
  }, 120_000);

  it('restoring asks first and is offered only to those who may: not to a member who did not start the draft', async () => {
    const draft = (
      await as(app, group.owner)
        .post(`/api/v1/topics/${topicId}/drafts`)
        .send({ title: 'Eckpunkte Sprache', content: 'Mehr Sprachkurse.' })
        .expect(201)
    ).body as { id: string };
    await as(app, group.owner)
      .post(`/api/v1/drafts/${draft.id}/revisions`)
      .send({ label: 'Anfang' })
      .expect(201);
    await as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Mehr Sprachkurse im ländlichen Raum.', baseVersion: 1 })
      .expect(200);
    const contentOf = async () =>
      (await as(app, keller).get(`/api/v1/drafts/${draft.id}`).expect(200)).body.content as string;
    const path = `/drafts/${draft.id}`;
    const member = await openAs(browser, app, group.people.member, { path });
    const moderator = await openAs(browser, app, keller, { path });
    try {
      const anfang = (p: Page) => p.locator('.revision-list li', { hasText: 'Anfang' });
      await anfang(member.page).waitFor();
      await anfang(member.page)
        .getByRole('button', { name: /vergleichen/ })
        .waitFor();
      expect(await member.page.getByRole('button', { name: /wiederherstellen/i }).count()).toBe(0);
      await as(app, group.people.member)
        .post(
          `/api/v1/drafts/${draft.id}/revisions/${(await as(app, keller).get(`/api/v1/drafts/${draft.id}/revisions`)).body.items[0].id}/restore`,
        )
        .expect(403);

      const restore = anfang(moderator.page).getByRole('button', { name: 'Fassung 1 wiederherstellen' });
      await restore.click();
      const dialog = moderator.page.getByRole('dialog', { name: 'Fassung 1 wiederherstellen?' });
      await dialog.waitFor();
      await dialog.getByText('Der jetzige Text wird vorher als eigene Fassung gespeichert').waitFor();
      await expectAccessible(moderator.page, 'draft with the restore confirmation open');
      await screenshot(moderator.page, 'draft-confirm-restore');
      await dialog.getByRole('button', { name: 'Abbrechen' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await contentOf()).toBe('Mehr Sprachkurse im ländlichen Raum.');

      await restore.click();
      await dialog.getByRole('button', { name: 'Wiederherstellen' }).click();
      await dialog.waitFor({ state: 'detached', timeout: 10_000 });
      await expectEventually(async () => expect(await contentOf()).toBe('Mehr Sprachkurse.'));
      // The replaced text is kept, for both, live; the member sees the text change in the editor.
      for (const p of [moderator.page, member.page])
        await p
          .locator('.revision-list li', { hasText: 'Stand vor der Wiederherstellung von Fassung 1' })
          .waitFor({ timeout: 10_000 });
      await member.page
        .locator(`${EDITOR} p`, { hasText: /^Mehr Sprachkurse\.$/ })
        .waitFor({ timeout: 10_000 });
      await expectAccessible(member.page, 'draft for a member (no restore)');
      for (const person of [member, moderator]) expect(person.dialogs).toEqual([]);
    } finally {
      await member.close();
      await moderator.close();
    }
  }, 120_000);
});
