import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { as, givenGroup, TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs, screenshot } from './browser-support';
import { EDITOR, caretAt } from './rich-editor-support';

/** Messages that say what is wrong and what to do: the 404 page, a failed load, a refusal, a read-only draft. */
describe('browser: messages that say what happened and what to do', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  let topicId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({ worker: true });
    browser = await launchBrowser();
    group = await givenGroup(app, 'AG Teilhabe');
    topicId = (await givenTopic(app, group)).id;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function givenDraft(title: string, content = '# Ziele\n\nMehr Beratung vor Ort.') {
    const res = await as(app, group.people.member)
      .post(`/api/v1/topics/${topicId}/drafts`)
      .send({ title, content })
      .expect(201);
    return res.body as { id: string };
  }

  it('a broken link, an unknown page and an unknown id show the 404 page with a way to the overview', async () => {
    const person = await openAs(browser, app, group.people.member, { path: '/threads/not-a-uuid' });
    try {
      const { page } = person;
      for (const path of ['/threads/not-a-uuid', '/gibt-es-nicht', `/drafts/${randomUUID()}`]) {
        await page.goto(`${app.url}/#${path}`);
        await page.getByRole('heading', { level: 1, name: 'Diese Seite gibt es nicht' }).waitFor();
        await page.getByText('Vielleicht ist der Link unvollständig oder veraltet').waitFor();
        expect(await page.getByRole('button', { name: 'Erneut versuchen' }).count()).toBe(0);
        expect(await page.locator('main').innerText()).not.toMatch(/schiefgegangen|Eingabe/);
      }
      await expectAccessible(page, '404');
      await screenshot(page, 'not-found');
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'This page does not exist' }).waitFor();
      await page.getByRole('link', { name: 'Go to the overview' }).click();
      await page.waitForURL((url) => url.hash === '#/' || url.hash === '');
      await page
        .getByRole('heading', { level: 1, name: 'This page does not exist' })
        .waitFor({ state: 'detached' });
    } finally {
      await person.close();
    }
  }, 60_000);

  it('a page that fails to load says why and offers to try again; trying again loads it', async () => {
    const person = await openAs(browser, app, group.people.member, { path: '/' });
    try {
      const { page } = person;
      const route = `**/api/v1/groups/${group.id}`;
      await page.route(route, (r) =>
        r.fulfill({
          status: 500,
          contentType: 'application/json',
          body: JSON.stringify({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' }),
        }),
      );
      await page.goto(`${app.url}/#/groups/${group.id}`);
      await page
        .getByRole('heading', { level: 1, name: 'Diese Seite konnte nicht geladen werden' })
        .waitFor();
      await page
        .getByText('Auf dem Server ist ein Fehler aufgetreten. Bitte versuchen Sie es noch einmal')
        .waitFor();
      await page.getByRole('link', { name: 'Zur Übersicht' }).waitFor();
      await expectAccessible(page, 'load failed');
      await screenshot(page, 'load-failed');

      // No connection at all: said as such.
      await page.unroute(route);
      await page.route(route, (r) => r.abort('internetdisconnected'));
      await page.reload();
      await page.getByText('Keine Verbindung zu runde. Bitte prüfen Sie Ihre Internetverbindung').waitFor();

      await page.unroute(route);
      await page.getByRole('button', { name: 'Erneut versuchen' }).click();
      await page.getByRole('heading', { level: 1, name: 'AG Teilhabe' }).waitFor();
    } finally {
      await person.close();
    }
  }, 60_000);

  it('a consultation deadline in the past: "Die Frist muss in der Zukunft liegen."', async () => {
    const draft = await givenDraft('Eckpunkte Frist');
    const person = await openAs(browser, app, group.people.moderator, { path: `/drafts/${draft.id}` });
    try {
      const { page } = person;
      await page.getByRole('heading', { level: 1, name: 'Eckpunkte Frist' }).waitFor();
      await page.getByLabel('Frist der Anhörung').fill('2020-01-15T10:00');
      await page.getByRole('button', { name: 'Weiter zu: Anhörung' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'Die Frist muss in der Zukunft liegen. Bitte wählen Sie ein späteres Datum.' })
        .waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(/prüfe deine Eingabe/i);
      await expectAccessible(page, 'deadline refused');
    } finally {
      await person.close();
    }
  }, 60_000);

  it('the draft names its saved revisions, not keystrokes; a locked draft says it is read-only and why', async () => {
    const draft = await givenDraft('Eckpunkte Fassungen');
    const person = await openAs(browser, app, group.people.member, { path: `/drafts/${draft.id}` });
    try {
      const { page } = person;
      const state = page.locator('.draft-state');
      const revision = page.getByTestId('revision-state');
      await page.locator(EDITOR).getByText('Mehr Beratung vor Ort.').waitFor();
      await revision.filter({ hasText: 'Noch keine gespeicherte Fassung' }).waitFor();

      // Typing changes the text, not the count of saved revisions.
      await caretAt(page, 'Mehr Beratung vor Ort.', 'end');
      await page.keyboard.type(' Auch in kleinen Gemeinden.', { delay: 10 });
      await page.getByTestId('save-state').filter({ hasText: 'Gespeichert' }).waitFor({ timeout: 10_000 });
      expect(await revision.innerText()).toBe('Noch keine gespeicherte Fassung');

      await page.getByLabel('Bezeichnung der Fassung').fill('Vor der Sitzung');
      await page.getByRole('button', { name: 'Fassung speichern' }).click();
      await revision.filter({ hasText: /^Fassung 1, gespeichert am / }).waitFor();
      await caretAt(page, 'Auch in kleinen Gemeinden.', 'end');
      await page.keyboard.type(' Und online.', { delay: 10 });
      await revision.filter({ hasText: /^Fassung 1, gespeichert am .* \(seitdem geändert\)$/ }).waitFor();

      // A moderator opens the consultation: the member may only suggest now, and the editor says so.
      const deadline = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString();
      await as(app, group.people.moderator)
        .post(`/api/v1/drafts/${draft.id}/status`)
        .send({ status: 'consultation', deadline })
        .expect(200);
      await page
        .getByText(
          'Sie können hier nur vorschlagen: Ihre Änderungen erscheinen als Vorschläge, über die andere entscheiden.',
        )
        .waitFor({ timeout: 10_000 });
      // The status change saved a revision of its own.
      await revision.filter({ hasText: /^Fassung 2, gespeichert am / }).waitFor({ timeout: 10_000 });
      await expectAccessible(page, 'draft in consultation (suggestions only)');
      await screenshot(page, 'draft-suggest-only');

      // Adopted: read only, and it says why; nothing says "live".
      await as(app, group.people.moderator)
        .post(`/api/v1/drafts/${draft.id}/status`)
        .send({ status: 'revision' })
        .expect(200);
      await as(app, group.people.moderator)
        .post(`/api/v1/drafts/${draft.id}/status`)
        .send({ status: 'adopted' })
        .expect(200);
      await state
        .filter({ hasText: 'Nur lesen: Der Entwurf ist beschlossen, sein Text ist endgültig.' })
        .waitFor({ timeout: 10_000 });
      expect(await state.innerText()).not.toMatch(/Live|sofort|Version/);
      await expectAccessible(page, 'draft read-only when adopted');
      await screenshot(page, 'draft-read-only');

      await page.getByRole('button', { name: 'Switch to English' }).click();
      await state.filter({ hasText: 'Read only: the draft has been adopted; its text is final.' }).waitFor();
      await revision.filter({ hasText: /^Revision \d+, saved / }).waitFor();
    } finally {
      await person.close();
    }
  }, 90_000);
});
