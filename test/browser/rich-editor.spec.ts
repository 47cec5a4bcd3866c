import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { as, givenGroup, TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs, screenshot } from './browser-support';
import { EDITOR, caretAt, editorText, selectText } from './rich-editor-support';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

/** Pastes clipboard HTML into the editor as the browser delivers it (a paste event with text/html). */
async function paste(page: Page, html: string): Promise<void> {
  await page.locator(EDITOR).evaluate((el, data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/html', data);
    transfer.setData('text/plain', 'ignored');
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, html);
}

describe('browser: the draft editor (rich text on ProseMirror and Yjs)', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  let topicId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({ worker: true });
    browser = await launchBrowser();
    group = await givenGroup(app, 'AG Leitbild');
    topicId = (await givenTopic(app, group)).id;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function givenDraft(content: string, title = 'Leitbild Integration') {
    const res = await as(app, group.people.member)
      .post(`/api/v1/topics/${topicId}/drafts`)
      .send({ title, content })
      .expect(201);
    return res.body as { id: string; version: number };
  }
  const markdownOf = async (draftId: string): Promise<string> =>
    (await as(app, group.people.observer).get(`/api/v1/drafts/${draftId}`).expect(200)).body.content;

  it('formats through the toolbar and through shortcuts; the Markdown says so', async () => {
    const draft = await givenDraft('Titel\n\nEin fetter Satz.\n\nEins');
    const person = await openAs(browser, app, group.people.member, { path: `/drafts/${draft.id}` });
    try {
      const { page } = person;
      const editor = page.getByRole('textbox', { name: 'Entwurfstext' });
      await editor
        .getByText('Ein fetter Satz.')
        .waitFor({ timeout: 8000 })
        .catch(async (e) => {
          throw e;
        });
      await expect(editor.getAttribute('lang')).resolves.toBe('de');
      await expect(editor.getAttribute('spellcheck')).resolves.toBe('true');
      const toolbar = page.getByRole('toolbar', { name: 'Textformat' });

      // Toolbar: the first line becomes a heading, a word bold.
      await caretAt(page, 'Titel', 'end');
      const blockFormat = toolbar.getByLabel('Absatzformat');
      await blockFormat.selectOption({ label: 'Überschrift 1' });
      await expect(blockFormat.getAttribute('title')).resolves.toContain('Überschrift 1 (Strg+Alt+1)');
      await expect(toolbar.getByRole('button', { name: 'Fett' }).getAttribute('title')).resolves.toBe(
        'Fett (Strg+B)',
      );
      await selectText(page, 'fetter');
      await toolbar.getByRole('button', { name: 'Fett' }).click();
      await expect(toolbar.getByRole('button', { name: 'Fett' }).getAttribute('aria-pressed')).resolves.toBe(
        'true',
      );
      await expectEventually(async () =>
        expect(await markdownOf(draft.id)).toBe('# Titel\n\nEin **fetter** Satz.\n\nEins'),
      );

      // Shortcuts: italic, a bulleted list, a level-2 heading.
      await selectText(page, 'Satz');
      await page.keyboard.press('Control+i');
      await caretAt(page, 'Eins', 'end');
      await page.keyboard.press('Control+Shift+8');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Zwei');
      await page.keyboard.press('Tab');
      await expectEventually(async () =>
        expect(await markdownOf(draft.id)).toBe('# Titel\n\nEin **fetter** *Satz*.\n\n- Eins\n  - Zwei'),
      );
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Abschnitt');
      await page.keyboard.press('Control+Alt+2');
      await expect(blockFormat.inputValue()).resolves.toBe('h2');
      await expectEventually(async () =>
        expect(await markdownOf(draft.id)).toBe(
          '# Titel\n\nEin **fetter** *Satz*.\n\n- Eins\n- Zwei\n\n## Abschnitt',
        ),
      );

      // A table (3 × 3 with a header row), filled with Tab; a link through the dialog.
      await page.keyboard.press('Enter');
      await toolbar.getByRole('button', { name: 'Tabelle einfügen (3 × 3 mit Kopfzeile)' }).click();
      await page.keyboard.type('Kreis');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Bedarf');
      await toolbar.getByRole('button', { name: 'Spalte löschen' }).waitFor();
      await selectText(page, 'Abschnitt');
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog', { name: 'Link setzen' });
      await dialog.getByLabel('Adresse (https://… oder mailto:…)').fill('javascript:alert(1)');
      await dialog.getByRole('button', { name: 'Übernehmen' }).click();
      await dialog.getByRole('alert').waitFor();
      await dialog.getByLabel('Adresse (https://… oder mailto:…)').fill('https://example.org/leitbild');
      await dialog.getByRole('button', { name: 'Übernehmen' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expectEventually(async () => {
        const md = await markdownOf(draft.id);
        expect(md).toContain('## [Abschnitt](https://example.org/leitbild)');
        expect(md).toContain('| Kreis | Bedarf |  |\n| --- | --- | --- |\n|  |  |  |\n|  |  |  |');
      });
      // Undo takes back one's own last edit.
      await page.keyboard.press('Control+z');
      await expectEventually(async () => expect(await markdownOf(draft.id)).toContain('## Abschnitt\n'));
      await screenshot(page, 'rich-editor-formatting');
      await expectAccessible(page, 'rich editor with toolbar');
    } finally {
      await person.close();
    }
  }, 90_000);

  it.each([
    ['Word', 'paste-word.html'],
    ['LibreOffice', 'paste-libreoffice.html'],
  ])(
    'a paste from %s keeps headings, nested lists, the table and the link, and drops the styling',
    async (_from, file) => {
      const draft = await givenDraft('Platzhalter');
      const person = await openAs(browser, app, group.people.member, { path: `/drafts/${draft.id}` });
      try {
        const { page } = person;
        const editor = page.locator(EDITOR);
        await editor.getByText('Platzhalter').waitFor();
        await selectText(page, 'Platzhalter');
        await paste(page, fixture(file));
        await editor.locator('table').waitFor();
        // Structure: the heading (one level below the page's title), a nested bulleted list, a numbered list.
        await editor.getByRole('heading', { name: 'Leitbild Teilhabe' }).waitFor();
        await editor.locator('ul > li > ul > li', { hasText: 'im ländlichen Raum' }).waitFor();
        await editor.locator('ol > li', { hasText: 'Angebote planen' }).waitFor();
        await expect(editor.locator('table tr').count()).resolves.toBe(2);
        const html = await editor.innerHTML();
        expect(html).not.toMatch(/<font|\sstyle=|\scolor=|\sface=|class="Mso|mso-|<o:p/i);
        expect(html).not.toMatch(/Times New Roman|Calibri|Arial|Symbol|DejaVu/);
        await expectEventually(async () => {
          const md = await markdownOf(draft.id);
          expect(md).toContain('# Leitbild Teilhabe\n');
          expect(md).toContain(
            'Die Kommunen stärken die **Beratung** vor Ort, siehe [Leitbild](https://www.example.org/leitbild).',
          );
          expect(md).toContain('- Sprachkurse\n  - im ländlichen Raum\n- Beratung');
          expect(md).toContain('1. Bedarf erheben\n2. Angebote planen');
          expect(md).toMatch(
            /\| (\*\*)?Kreis(\*\*)? \| (\*\*)?Wartezeit(\*\*)? \|\n\| --- \| --- \|\n\| Tübingen \| 8 Wochen \|/,
          );
          expect(md).not.toContain('Platzhalter');
        });
      } finally {
        await person.close();
      }
    },
    60_000,
  );

  it('Randnummern of untouched paragraphs stay when a paragraph is written above them', async () => {
    const draft = await givenDraft('Erster Absatz.\n\nZweiter Absatz.\n\nDritter Absatz.');
    const person = await openAs(browser, app, group.people.member, { path: `/drafts/${draft.id}` });
    try {
      const { page } = person;
      const labels = () => page.locator(`${EDITOR} .rn`).allInnerTexts();
      await expectEventually(async () => expect(await labels()).toEqual(['Rn. 1', 'Rn. 2', 'Rn. 3']));
      await caretAt(page, 'Erster Absatz.', 'end');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Eingeschoben.');
      await expectEventually(async () =>
        expect(await labels()).toEqual(['Rn. 1', 'Rn. 1a', 'Rn. 2', 'Rn. 3']),
      );
      await expect(page.locator(`${EDITOR} p[data-rn="2"]`).innerText()).resolves.toBe('Zweiter Absatz.');
      // The numbers are the document's: the server and a reload have them too.
      await expectEventually(async () => {
        const blocks = await as(app, group.people.observer)
          .get(`/api/v1/drafts/${draft.id}/blocks`)
          .expect(200);
        const items = (blocks.body.items ?? blocks.body) as Array<{ rn: string | null }>;
        expect(items.map((b) => b.rn)).toEqual(['1', '1a', '2', '3']);
      });
      await page.reload();
      await expectEventually(async () =>
        expect(await labels()).toEqual(['Rn. 1', 'Rn. 1a', 'Rn. 2', 'Rn. 3']),
      );
    } finally {
      await person.close();
    }
  }, 60_000);

  it('a comment anchored inside a paragraph stays on its words while text is written around it', async () => {
    const draft = await givenDraft('Einleitung.\n\nDie Beratung muss mobil werden.\n\nSchluss.');
    const person = await openAs(browser, app, group.people.member, { path: `/drafts/${draft.id}` });
    try {
      const { page } = person;
      await page.locator(EDITOR).getByText('mobil').waitFor();
      await selectText(page, 'mobil');
      await page.getByRole('button', { name: 'Kommentieren' }).click();
      await page.getByLabel('Kommentar zur Markierung').fill('Mit welchem Fahrzeug?');
      await page.getByRole('button', { name: 'Kommentar speichern' }).click();
      const comment = page.locator('.comment', { hasText: 'Mit welchem Fahrzeug?' });
      await expect(comment.locator('.quote-button').textContent()).resolves.toBe('„mobil“');
      const highlight = page.locator(`${EDITOR} .anchor-comment`);
      await expectEventually(async () => expect(await highlight.allInnerTexts()).toEqual(['mobil']));

      // Text before it in the paragraph, a new paragraph above, and words after it.
      await caretAt(page, 'Die Beratung', 'start');
      await page.keyboard.type('Neu: ');
      await caretAt(page, 'Einleitung.', 'end');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Ein eingeschobener Absatz.');
      await caretAt(page, 'Die Beratung', 'end');
      await page.keyboard.type(' Bald.');
      await expectEventually(async () => expect(await highlight.allInnerTexts()).toEqual(['mobil']));
      await expectEventually(async () =>
        expect(await markdownOf(draft.id)).toBe(
          'Einleitung.\n\nEin eingeschobener Absatz.\n\nNeu: Die Beratung muss mobil werden. Bald.\n\nSchluss.',
        ),
      );
      // After a reload the anchor is found again; clicking the comment selects its words.
      await page.reload();
      await expectEventually(async () => expect(await highlight.allInnerTexts()).toEqual(['mobil']));
      await comment.locator('.quote-button').click();
      await expect(page.evaluate('getSelection().toString()')).resolves.toBe('mobil');
      const listed = await as(app, group.people.observer)
        .get(`/api/v1/drafts/${draft.id}/comments`)
        .expect(200);
      const anchor = listed.body.items[0].anchor;
      expect(anchor.detached).toBe(false);
      expect((await markdownOf(draft.id)).slice(anchor.start, anchor.end)).toBe('mobil');
    } finally {
      await person.close();
    }
  }, 60_000);

  it('two people suggest at once and see each other’s changes live; decisions reach every editor', async () => {
    const draft = await givenDraft('Erster Satz steht.\n\nZweiter Satz steht.');
    const path = `/drafts/${draft.id}`;
    const a = await openAs(browser, app, group.people.member, { path });
    const b = await openAs(browser, app, group.people.moderator, { path });
    const memberName = group.people.member.displayName;
    const moderatorName = group.people.moderator.displayName;
    try {
      for (const p of [a, b]) {
        await p.page.locator(EDITOR).getByText('Zweiter Satz steht.').waitFor();
        const suggest = p.page
          .getByRole('group', { name: 'Arbeitsweise' })
          .getByRole('button', { name: 'Vorschlagen' });
        await suggest.click();
        await expect(suggest.getAttribute('aria-pressed')).resolves.toBe('true');
      }
      await caretAt(a.page, 'Erster Satz steht.', 'end');
      await caretAt(b.page, 'Zweiter Satz steht.', 'end');
      await Promise.all([
        a.page.keyboard.type(' Neu von A.', { delay: 15 }),
        b.page.keyboard.type(' Neu von B.', { delay: 15 }),
      ]);
      await selectText(b.page, 'Zweiter ');
      await b.page.keyboard.press('Backspace');

      // Each sees both people's changes, inline (underlined / struck through) and named.
      for (const p of [a, b]) {
        const ins = p.page.locator(`${EDITOR} ins.tracked`);
        await expectEventually(async () =>
          expect((await ins.allInnerTexts()).map((t) => t.trim()).sort()).toEqual([
            'Neu von A.',
            'Neu von B.',
          ]),
        );
        await expectEventually(async () =>
          expect(await p.page.locator(`${EDITOR} del.tracked`).allInnerTexts()).toEqual(['Zweiter ']),
        );
        await expect(
          p.page
            .locator(`${EDITOR} [title^="Einfügung von ${memberName}, "]`, { hasText: 'Neu von A.' })
            .count(),
        ).resolves.toBeGreaterThan(0);
        await expect(
          p.page
            .locator(`${EDITOR} [title^="Löschung von ${moderatorName}, "]`, { hasText: 'Zweiter' })
            .count(),
        ).resolves.toBeGreaterThan(0);
      }
      await expectEventually(async () =>
        expect(await markdownOf(draft.id)).toBe(
          'Erster Satz steht.{++ Neu von A.++}\n\n{--Zweiter --}Satz steht.{++ Neu von B.++}',
        ),
      );
      const changes = b.page.locator('.change');
      await expectEventually(async () => expect(await changes.count()).toBe(3));
      await expectAccessible(b.page, 'editor with tracked changes');
      await screenshot(b.page, 'rich-editor-tracked-changes');

      // The moderator accepts A's insertion, rejects their own deletion, then accepts all of their own.
      await changes
        .filter({ hasText: 'Neu von A.' })
        .getByRole('button', { name: `Änderung von ${memberName} annehmen` })
        .click();
      await expectEventually(async () => expect(await changes.count()).toBe(2));
      await changes
        .filter({ hasText: 'Zweiter' })
        .getByRole('button', { name: `Änderung von ${moderatorName} ablehnen` })
        .click();
      await expectEventually(async () => expect(await changes.count()).toBe(1));
      await b.page.getByRole('button', { name: `Alle von ${moderatorName} annehmen` }).click();
      await expectEventually(async () => expect(await changes.count()).toBe(0));

      const final = 'Erster Satz steht. Neu von A.\n\nZweiter Satz steht. Neu von B.';
      await expectEventually(async () => expect(await markdownOf(draft.id)).toBe(final));
      for (const p of [a, b])
        await expectEventually(async () => {
          expect(await p.page.locator(`${EDITOR} ins.tracked, ${EDITOR} del.tracked`).count()).toBe(0);
          expect(await editorText(p.page)).toBe(
            'Erster Satz steht. Neu von A.\nZweiter Satz steht. Neu von B.',
          );
        });
      await a.page.reload();
      await a.page.locator(EDITOR).getByText('Neu von B.').waitFor();
      expect(await a.page.locator(`${EDITOR} ins.tracked`).count()).toBe(0);
      // The server's record: no change open any more.
      const open = await as(app, group.people.observer).get(`/api/v1/drafts/${draft.id}/changes`).expect(200);
      expect(open.body.items ?? open.body).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  }, 90_000);
});
