import type { Browser } from 'playwright-core';
import { as, givenGroup, TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs, screenshot } from './browser-support';
import { caretAt, selectText } from './rich-editor-support';

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
});
