import type { Browser, Locator } from 'playwright-core';
import { as, givenGroup, TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs, screenshot } from './browser-support';

const LONG =
  'Die Landkreise stärken die Beratung für Zugewanderte, indem sie mobile Teams einsetzen, die regelmäßig in ' +
  'die Gemeinden fahren und dort Sprechstunden anbieten. Dabei arbeiten sie mit den Jobcentern zusammen.';

/** A mark's visible text: without the words that name it for screen readers. */
async function visibleText(mark: Locator): Promise<string> {
  return mark.evaluate((el) => {
    const copy = (
      el as unknown as {
        cloneNode(deep: boolean): {
          querySelectorAll(s: string): ArrayLike<{ remove(): void }>;
          textContent: string;
        };
      }
    ).cloneNode(true);
    for (const hidden of Array.from(copy.querySelectorAll('.visually-hidden'))) hidden.remove();
    return copy.textContent;
  });
}

describe('browser: comparing two revisions of a draft word by word', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  let draftId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp();
    browser = await launchBrowser();
    group = await givenGroup(app, 'AG Beratung');
    const topicId = (await givenTopic(app, group)).id;
    const member = as(app, group.people.member);
    const text = (long: string, extra = '') =>
      `# Beratung vor Ort\n\nEinleitung.\n\n${long}\n\nZweiter Absatz.\n\nDritter Absatz.${extra}`;
    const draft = await member
      .post(`/api/v1/topics/${topicId}/drafts`)
      .send({ title: 'Beratungskonzept', content: text(LONG) })
      .expect(201);
    draftId = draft.body.id;
    const save = (label: string) =>
      member.post(`/api/v1/drafts/${draftId}/revisions`).send({ label }).expect(201);
    await save('Erster Stand');
    await member
      .put(`/api/v1/drafts/${draftId}/content`)
      .send({ content: text(LONG.replace('regelmäßig', 'wöchentlich')), baseVersion: 1 })
      .expect(200);
    await save('Zweiter Stand');
    await member
      .put(`/api/v1/drafts/${draftId}/content`)
      .send({
        content: text(LONG.replace('regelmäßig', 'wöchentlich'), '\n\nNeuer Schlussabsatz über Gemeinden.'),
        baseVersion: 2,
      })
      .expect(200);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('marks the changed word, not the paragraph; "Nur Änderungen" hides unchanged paragraphs', async () => {
    const person = await openAs(browser, app, group.people.observer, { path: `/drafts/${draftId}` });
    try {
      const { page } = person;
      await page.getByRole('heading', { name: 'Beratungskonzept', level: 1 }).waitFor();
      const pick = page.getByRole('group', { name: 'Fassungen vergleichen' });
      await pick.getByLabel('Vorher', { exact: true }).selectOption({ label: '#1 Erster Stand' });
      await pick.getByLabel('Nachher', { exact: true }).selectOption({ label: '#2 Zweiter Stand' });
      await pick.getByRole('button', { name: 'Vergleichen' }).click();

      const diff = page.getByRole('region', { name: 'Vergleich: #1 Erster Stand → #2 Zweiter Stand' });
      await diff.waitFor();
      await expect(diff.locator('h3').evaluate((h) => h === h.ownerDocument.activeElement)).resolves.toBe(
        true,
      );
      await diff
        .getByText('Absätze: 1 geändert, 0 neu, 0 gelöscht, 4 unverändert', { exact: true })
        .waitFor();
      // One changed paragraph: only the word is marked, deleted and inserted, named for screen readers too.
      const changed = diff.locator('.diff-para.diff-change');
      await expect(changed.count()).resolves.toBe(1);
      // Named by its Randnummer: the third paragraph is Rn. 2 (the heading has none).
      await changed.getByText('Rn. 2: geändert').waitFor();
      const del = changed.locator('del');
      const ins = changed.locator('ins');
      await expect(del.count()).resolves.toBe(1);
      await expect(ins.count()).resolves.toBe(1);
      await expect(del.textContent()).resolves.toBe('[Gelöscht: regelmäßig]');
      await expect(ins.textContent()).resolves.toBe('[Eingefügt: wöchentlich]');
      await expect(visibleText(del)).resolves.toBe('regelmäßig');
      await expect(visibleText(changed.locator('.diff-text'))).resolves.toBe(
        LONG.replace('regelmäßig', 'regelmäßigwöchentlich'),
      );
      // Not by colour alone: struck through and underlined.
      const line = (l: Locator) =>
        l.evaluate(
          (el) =>
            (
              globalThis as unknown as {
                getComputedStyle(e: unknown): { textDecorationLine: string };
              }
            ).getComputedStyle(el).textDecorationLine,
        );
      await expect(line(del)).resolves.toContain('line-through');
      await expect(line(ins)).resolves.toContain('underline');
      await expect(diff.locator('.diff-para.diff-equal').count()).resolves.toBe(4);
      await expectAccessible(page, 'diff of two revisions');
      await screenshot(page, 'draft-diff-words');

      // Changes only: the unchanged paragraphs fold into lines that count them.
      await diff.getByLabel('Nur Änderungen').check();
      await expect(diff.locator('.diff-para.diff-equal').count()).resolves.toBe(0);
      await expect(diff.locator('.diff-skipped').allTextContents()).resolves.toEqual([
        '… 2 unveränderte Absätze …',
        '… 2 unveränderte Absätze …',
      ]);
      await expect(diff.locator('.diff-para.diff-change').count()).resolves.toBe(1);
      await expectAccessible(page, 'diff, changes only');
      await screenshot(page, 'draft-diff-changes-only');

      // The newest revision against the current text: a new paragraph, the view still showing changes only.
      await pick.getByLabel('Vorher', { exact: true }).selectOption({ label: '#2 Zweiter Stand' });
      await pick.getByLabel('Nachher', { exact: true }).selectOption({ label: 'Aktueller Text' });
      await pick.getByRole('button', { name: 'Vergleichen' }).click();
      const current = page.getByRole('region', { name: 'Vergleich: #2 Zweiter Stand → Aktueller Text' });
      const inserted = current.locator('.diff-para.diff-insert');
      await inserted.getByText('Rn. 5: neu').waitFor();
      await expect(inserted.locator('ins').textContent()).resolves.toBe(
        '[Eingefügt: Neuer Schlussabsatz über Gemeinden.]',
      );
      await expect(current.locator('.diff-skipped').allTextContents()).resolves.toEqual([
        '… 5 unveränderte Absätze …',
      ]);
      await current.getByLabel('Nur Änderungen').uncheck();
      await expect(current.locator('.diff-para').count()).resolves.toBe(6);

      // The same revision on both sides: no differences.
      await pick.getByLabel('Nachher', { exact: true }).selectOption({ label: '#2 Zweiter Stand' });
      await pick.getByRole('button', { name: 'Vergleichen' }).click();
      await page.getByText('Keine Unterschiede: Beide Fassungen haben denselben Text.').waitFor();
      expect(person.errors).toEqual([]);
    } finally {
      await person.close();
    }
  }, 90_000);

  it('at 390 px the comparison fits the window, in the revisions tab', async () => {
    const person = await openAs(browser, app, group.people.member, { path: `/drafts/${draftId}` });
    try {
      const { page } = person;
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('heading', { name: 'Beratungskonzept', level: 1 }).waitFor();
      await page.getByRole('tab', { name: 'Fassungen' }).click();
      await page.getByRole('button', { name: 'Fassung 1: mit aktuellem Text vergleichen' }).click();
      const diff = page.getByRole('region', { name: 'Vergleich: #1 Erster Stand → Aktueller Text' });
      await diff.locator('.diff-change del').waitFor();
      await diff.getByLabel('Nur Änderungen').check();
      const widths = (await page.evaluate(
        '({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })',
      )) as { scroll: number; inner: number };
      expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
      await expectAccessible(page, 'diff at 390px');
      await screenshot(page, 'draft-diff-390');
    } finally {
      await person.close();
    }
  }, 60_000);

  it('in English: "Changes only" and the marks named in English', async () => {
    const person = await openAs(browser, app, group.people.member, {
      path: `/drafts/${draftId}`,
      locale: 'en',
    });
    try {
      const { page } = person;
      await page.getByRole('heading', { name: 'Beratungskonzept', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Revision 1: compare with current text' }).click();
      const diff = page.getByRole('region', { name: 'Comparison: #1 Erster Stand → Current text' });
      await diff.getByText('Paragraphs: 1 changed, 1 new, 0 deleted, 4 unchanged', { exact: true }).waitFor();
      await expect(diff.locator('.diff-change del').textContent()).resolves.toBe('[Deleted: regelmäßig]');
      await diff.getByLabel('Changes only').check();
      await expect(diff.locator('.diff-skipped').allTextContents()).resolves.toEqual([
        '… 2 unchanged paragraphs …',
        '… 2 unchanged paragraphs …',
      ]);
      await expectAccessible(page, 'diff in English');
    } finally {
      await person.close();
    }
  }, 60_000);
});
