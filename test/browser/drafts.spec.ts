import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { as, givenGroup, TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs, screenshot } from './browser-support';
import { EDITOR, caretAt, editorText } from './rich-editor-support';

/**
 * Does the server speak the live draft protocol (`draft:sync` over the socket)? Without it the client edits over
 * REST (merged by the server) and the live-only assertions (remote cursors) are replaced by the fallback's.
 */
async function serverAnswersDraftSync(app: TestApp, token: string, draftId: string): Promise<boolean> {
  const socket = await connectSocket(app, token);
  try {
    if (!(await subscribe(socket, `draft:${draftId}`)).ok) return false;
    const ack = await socket.timeout(3000).emitWithAck('draft:sync', { draftId });
    return ack.ok === true;
  } catch {
    return false;
  } finally {
    socket.close();
  }
}

describe('browser: co-editing a strategy draft', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  let topicId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({ worker: true });
    browser = await launchBrowser();
    group = await givenGroup(app, 'AG Integrationsstrategie');
    topicId = (await givenTopic(app, group)).id;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function givenDraft(content: string, title = 'Integrationsstrategie 2027') {
    const res = await as(app, group.people.member)
      .post(`/api/v1/topics/${topicId}/drafts`)
      .send({ title, content })
      .expect(201);
    return res.body as { id: string; version: number };
  }

  it('the bell tells of a decision on one’s suggestion, live and in German, and opens the draft', async () => {
    const draft = await givenDraft('Erstens die Sprache. Zweitens die Arbeit.', 'Eckpunkte Arbeit');
    const suggestion = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/suggestions`)
      .send({
        anchor: { start: 21, end: 41 },
        replacement: 'Zweitens die Ausbildung.',
        rationale: 'Genauer.',
      })
      .expect(201);
    const person = await openAs(browser, app, group.people.member, { path: '/' });
    try {
      const { page } = person;
      await page.locator('.bell-button').waitFor();
      await as(app, group.owner)
        .post(`/api/v1/drafts/${draft.id}/suggestions/${suggestion.body.id}/reject`)
        .send({ reason: 'Die Arbeit bleibt.' })
        .expect(200);
      await page.locator('.bell-button .badge').waitFor({ timeout: 15_000 });
      await page.locator('.bell-button').click();
      const item = page.locator('.bell-list li', {
        hasText: 'hat Ihren Änderungsvorschlag in „Eckpunkte Arbeit“ abgelehnt',
      });
      await item.waitFor();
      await expectAccessible(page, 'bell with a draft notice');
      await item.locator('.bell-item').click();
      await page.getByRole('heading', { name: 'Eckpunkte Arbeit', level: 1 }).waitFor();
      expect(page.url()).toContain(`#/drafts/${draft.id}`);
    } finally {
      await person.close();
    }
  }, 60_000);

  it('opening a draft reads its notices: the bell’s badge goes without a click on it', async () => {
    const draft = await givenDraft('Erstens die Sprache.', 'Eckpunkte Sprache');
    const person = await openAs(browser, app, group.people.member, { path: '/' });
    try {
      const { page } = person;
      await page.locator('.bell-button').waitFor();
      await as(app, group.people.moderator)
        .post(`/api/v1/drafts/${draft.id}/comments`)
        .send({ body: 'Welche Sprache?', anchor: { start: 13, end: 20 } })
        .expect(201);
      await page.locator('.bell-button .badge').waitFor({ timeout: 15_000 });
      await page.goto(`${app.url}/#/drafts/${draft.id}`);
      await page.getByRole('heading', { name: 'Eckpunkte Sprache', level: 1 }).waitFor();
      await page.locator('.bell-button .badge').waitFor({ state: 'detached', timeout: 15_000 });
      const unread = await as(app, group.people.member).get('/api/v1/notifications/unread-count').expect(200);
      expect(unread.body.count).toBe(0);
    } finally {
      await person.close();
    }
  }, 60_000);

  it('A and B type into the same draft at once; both end with the same text, and a reload shows it', async () => {
    const draft = await givenDraft('# Ziele\n\nWir wollen gemeinsam planen.');
    const live = await serverAnswersDraftSync(app, group.people.member.accessToken, draft.id);
    const path = `/drafts/${draft.id}`;
    const a = await openAs(browser, app, group.people.member, { path });
    const b = await openAs(browser, app, group.people.moderator, { path });
    try {
      for (const p of [a, b]) {
        await p.page.locator(EDITOR).getByText('Wir wollen gemeinsam planen.').waitFor();
        await p.page
          .locator('.draft-state', { hasText: live ? 'Live:' : 'Eingeschränkter Modus' })
          .waitFor({ timeout: 10_000 });
      }
      // Both place the cursor and type at the same time: A at the start, B at the end.
      await caretAt(a.page, 'Ziele', 'start');
      await caretAt(b.page, 'Wir wollen gemeinsam planen.', 'end');
      await Promise.all([
        a.page.keyboard.type('Entwurf: ', { delay: 15 }),
        b.page.keyboard.type(' Bis Ende 2027.', { delay: 15 }),
      ]);

      const expected = 'Entwurf: Ziele\nWir wollen gemeinsam planen. Bis Ende 2027.';
      await expectEventually(async () => expect(await editorText(a.page)).toBe(expected), {
        timeoutMs: 15_000,
      });
      await expectEventually(async () => expect(await editorText(b.page)).toBe(expected), {
        timeoutMs: 15_000,
      });
      await expectEventually(async () => {
        const res = await as(app, group.people.observer).get(`/api/v1/drafts/${draft.id}`).expect(200);
        expect(res.body.content).toBe('# Entwurf: Ziele\n\nWir wollen gemeinsam planen. Bis Ende 2027.');
      });
      if (live) {
        // Remote cursors carry names.
        await a.page.locator('.remote-caret-name', { hasText: group.people.moderator.displayName }).waitFor();
      }
      await screenshot(a.page, live ? 'draft-coediting-live' : 'draft-coediting-rest');

      if (live) {
        // B edits while offline; A edits meanwhile; back online, both edits are everywhere.
        await b.context.setOffline(true);
        await b.page.keyboard.type(' Offline ergänzt.', { delay: 10 });
        await a.page.keyboard.type('Stand: ', { delay: 10 });
        await b.context.setOffline(false);
        await expectEventually(async () => expect(await editorText(a.page)).toContain('Offline ergänzt.'), {
          timeoutMs: 20_000,
        });
        await expectEventually(async () => expect(await editorText(b.page)).toBe(await editorText(a.page)), {
          timeoutMs: 20_000,
        });
        expect(await editorText(a.page)).toContain('Stand: ');
      }
      const final = await editorText(a.page);
      await expectEventually(async () => {
        const res = await as(app, group.people.observer).get(`/api/v1/drafts/${draft.id}`).expect(200);
        expect(res.body.content).toBe(`# ${final.replace('\n', '\n\n')}`);
      });

      await a.page.reload();
      await a.page.locator(EDITOR).getByText('Bis Ende 2027.').waitFor();
      expect(await editorText(a.page)).toBe(final);
      await expectAccessible(a.page, 'draft');
    } finally {
      await a.close();
      await b.close();
    }
  }, 90_000);

  it('comments and suggestions on a selection, accept, revisions with a diff, workflow and export', async () => {
    const draft = await givenDraft(
      '# Ziele\n\nMehr Sprachkurse im ländlichen Raum.\n\n## Maßnahmen\n\nBeratung vor Ort ausbauen.',
      'Strategie Sprachförderung',
    );
    const path = `/drafts/${draft.id}`;
    const member = await openAs(browser, app, group.people.member, { path });
    const moderator = await openAs(browser, app, group.people.moderator, { path });
    try {
      const { page } = member;
      await page.locator(EDITOR).getByText('Beratung vor Ort').waitFor();
      // The outline follows the headings.
      await page.locator('.outline li', { hasText: 'Ziele' }).waitFor();
      await page.locator('.outline li', { hasText: 'Maßnahmen' }).waitFor();

      // Select "ländlichen Raum" with the keyboard and comment on it.
      await caretAt(page, 'Mehr Sprachkurse', 'end');
      await page.keyboard.press('ArrowLeft');
      for (let i = 0; i < 'ländlichen Raum'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
      await page.getByRole('button', { name: 'Kommentieren' }).click();
      await page.getByLabel('Kommentar zur Markierung').fill('Welche Landkreise genau?');
      await page.getByRole('button', { name: 'Kommentar speichern' }).click();
      const comment = page.locator('.comment', { hasText: 'Welche Landkreise genau?' });
      await comment.waitFor();
      await expect(comment.locator('.quote-button').textContent()).resolves.toContain('ländlichen Raum');
      await page.locator('.anchor-comment', { hasText: 'ländlichen Raum' }).waitFor();
      // The moderator sees it live.
      await moderator.page
        .locator('.comment', { hasText: 'Welche Landkreise genau?' })
        .waitFor({ timeout: 5000 });

      // Suggest a change to "Beratung vor Ort".
      await caretAt(page, 'Beratung vor Ort', 'start');
      for (let i = 0; i < 'Beratung'.length; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.getByRole('button', { name: 'Änderung vorschlagen' }).click();
      await page.getByLabel('Neuer Text').fill('Mobile Beratung');
      await page.getByLabel('Begründung').fill('Erreicht mehr Menschen.');
      await page.getByRole('button', { name: 'Vorschlag einreichen' }).click();
      await page.locator('.suggestion', { hasText: 'Erreicht mehr Menschen.' }).waitFor();
      await expectAccessible(page, 'draft with comment and suggestion');
      await screenshot(page, 'draft-comments-suggestions');

      // The moderator saves a revision, accepts the suggestion; both editors show the new text.
      const mod = moderator.page;
      await mod.getByLabel('Bezeichnung der Fassung').fill('Vor der Klausur');
      await mod.getByRole('button', { name: 'Fassung speichern' }).click();
      await mod.locator('.revision-list li', { hasText: 'Vor der Klausur' }).waitFor();
      const suggestion = mod.locator('.suggestion', { hasText: 'Erreicht mehr Menschen.' });
      await suggestion.getByRole('button', { name: 'Annehmen' }).click();
      await suggestion.getByText('angenommen').waitFor();
      // (Compared without the remote cursors, which sit inside the text.)
      for (const p of [mod, page])
        await expectEventually(
          async () => expect(await editorText(p)).toContain('Mobile Beratung vor Ort ausbauen.'),
          { timeoutMs: 10_000 },
        );

      // The revision against the current text, word by word (test/browser/draft-diff.spec.ts has more).
      await mod
        .locator('.revision-list li', { hasText: 'Vor der Klausur' })
        .getByRole('button', { name: 'Mit aktuellem Text vergleichen' })
        .click();
      const changed = mod.locator('.diff .diff-change', { hasText: 'Beratung vor Ort ausbauen.' });
      await changed.locator('ins', { hasText: 'Mobile' }).waitFor();
      await expect(changed.locator('del').count()).resolves.toBe(0);
      await expectAccessible(mod, 'draft with diff');
      await screenshot(mod, 'draft-diff');

      // Workflow: into consultation with a deadline; the member's editor becomes read-only, live.
      const deadline = new Date(Date.now() + 14 * 24 * 3600 * 1000);
      const local = new Date(deadline.getTime() - deadline.getTimezoneOffset() * 60_000)
        .toISOString()
        .slice(0, 16);
      await mod.getByLabel('Frist der Anhörung').fill(local);
      await mod.getByRole('button', { name: 'Weiter zu: Anhörung' }).click();
      await page.locator('.title-tools .status', { hasText: 'Anhörung' }).waitFor({ timeout: 10_000 });
      await page.locator('.title-tools .tag', { hasText: 'Frist:' }).waitFor();
      // In the consultation members may only suggest: the switch stands on "Vorschlagen" and says why.
      const modes = page.getByRole('group', { name: 'Arbeitsweise' });
      await page.getByText('Sie können hier nur vorschlagen').waitFor({ timeout: 10_000 });
      await expect(
        modes.getByRole('button', { name: 'Vorschlagen' }).getAttribute('aria-pressed'),
      ).resolves.toBe('true');
      await expect(modes.getByRole('button', { name: 'Bearbeiten' }).isDisabled()).resolves.toBe(true);
      // The observer reads only.
      const observer = await openAs(browser, app, group.people.observer, { path });
      try {
        await observer.page.locator(EDITOR).getByText('Beratung vor Ort').waitFor();
        await expect(observer.page.locator(EDITOR).getAttribute('aria-readonly')).resolves.toBe('true');
        await expect(observer.page.locator(EDITOR).getAttribute('contenteditable')).resolves.toBe('false');
      } finally {
        await observer.close();
      }
      await screenshot(page, 'draft-consultation');
      // The status change made a revision, named in the reader's language.
      await page.locator('.revision-list li', { hasText: 'Anhörung eröffnet' }).waitFor({ timeout: 10_000 });

      // Export: a download through the api (the token never goes into a link).
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Markdown herunterladen' }).click(),
      ]);
      const file = await download.path();
      const markdown = readFileSync(file, 'utf8');
      expect(markdown).toContain('Mobile Beratung vor Ort ausbauen.');
      // In the language of the page: German.
      expect(markdown).toMatch(/## Anhang[\s\S]*### Entscheidungen[\s\S]*\*\*Übernommen\*\*/);
      // And as a Word document with Randnummern, named after the draft (test/drafts/documents-export.spec.ts
      // reads such documents through).
      const [docx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Word (DOCX)' }).click(),
      ]);
      expect(docx.suggestedFilename()).toBe('Strategie Sprachfoerderung.docx');
      expect(
        readFileSync(await docx.path())
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
      await page.getByRole('button', { name: 'PDF' }).waitFor();
      await page.getByRole('button', { name: 'OpenDocument (ODT)' }).waitFor();
    } finally {
      await member.close();
      await moderator.close();
    }
  }, 120_000);
});
