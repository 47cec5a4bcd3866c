import type { Browser, Locator, Page } from 'playwright-core';
import { ConsultationsService } from '@runde/consultations';
import { as, givenGroup, givenUser, type TestGroup, type TestUser } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  ensureWebBuilt,
  expectAccessible,
  launchBrowser,
  openAs,
  screenshot,
  type Person,
} from './browser-support';

const DRAFT = [
  '# Eckpunkte Integrationsmanagement',
  '',
  'Die Kommunen stärken die Sprachförderung vor Ort.',
  '',
  'Integrationskurse werden in allen Landkreisen wohnortnah angeboten.',
  '',
  'Die Beratung der Integrationsbeauftragten wird verstetigt.',
].join('\n');

const DAY = 86_400_000;
/** Points of Landkreis Böblingen on Rn. 2, and of Landkreis Esslingen on Rn. 3. */
const MANY = 120;
const SOME = 30;

/** The rows the table of one block has in the DOM. */
const rows = (section: Locator) => section.locator('table tbody tr');

/** The point texts in the rows of one block's table (the third column). */
const pointTexts = async (section: Locator) =>
  (await rows(section).locator('td:nth-of-type(2)').allTextContents()).map((text) => text.trim());

/** The text of the element that has the focus. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

/**
 * Issue: a round to 1,100 organisations has 22,000 points, hundreds on one Randnummer; the Synopse drew them all
 * and froze the tab. Now each list shows a page of 25 and real buttons show more (a page, or all); the counts
 * stay exact.
 */
describe('browser: the Synopse of a round with many points', () => {
  let app: TestApp;
  let browser: Browser;
  let group: TestGroup;
  let roundId: string;
  /** Rn. 2's point texts in the order the api gives them. */
  let rn2Texts: string[];

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp();
    browser = await launchBrowser();
    group = await givenGroup(app, 'Steuerungskreis Synopse');
    const owner = group.owner;
    const topic = await givenTopic(app, group);
    const draftId = (
      await as(app, owner)
        .post(`/api/v1/topics/${topic.id}/drafts`)
        .send({ title: 'Eckpunkte Integrationsmanagement 2027', content: DRAFT })
        .expect(201)
    ).body.id as string;
    await as(app, owner)
      .post(`/api/v1/drafts/${draftId}/status`)
      .send({ status: 'consultation', deadline: new Date(Date.now() + 30 * DAY).toISOString() })
      .expect(200);
    // Landkreis Böblingen and Esslingen (the register every installation has), each with an admin.
    const orgs: Array<{ id: string; name: string }> = await app.dataSource.query(
      `SELECT id, name FROM organisations WHERE kreisschluessel IN ('08115', '08116') ORDER BY kreisschluessel`,
    );
    const admins: TestUser[] = [];
    for (const org of orgs)
      admins.push(await givenUser(app, { organisationId: org.id, organisationRole: 'admin' }));
    roundId = (
      await as(app, owner)
        .post(`/api/v1/groups/${group.id}/consultations`)
        .send({
          title: 'Anhörung Eckpunkte',
          kind: 'hearing',
          draftId,
          questions: [{ id: 'q1', text: 'Gibt es Wartelisten?', type: 'yesno' }],
          addressees: { organisationIds: orgs.map((o) => o.id) },
          deadline: new Date(Date.now() + 14 * DAY).toISOString(),
        })
        .expect(201)
    ).body.id as string;

    const statement = (i: number, body: object) =>
      as(app, admins[i])
        .put(`/api/v1/consultations/${roundId}/statements/${orgs[i].id}`)
        .send(body)
        .expect(200);
    await statement(0, {
      general: 'Der Landkreis Böblingen begrüßt die Eckpunkte.',
      comments: [
        ...Array.from({ length: MANY }, (_, k) => ({
          anchor: { randnummer: '2' },
          position: (['agree', 'change', 'reject', 'note'] as const)[k % 4],
          text: `Böblingen, Anmerkung ${k + 1} zu den Integrationskursen.`,
        })),
        { anchor: { randnummer: '1' }, position: 'agree', text: 'Die Sprachförderung vor Ort ist richtig.' },
        { position: 'note', text: 'Bitte die Träger frühzeitig einbinden.' },
      ],
      answers: [{ questionId: 'q1', value: true }],
    });
    await statement(1, {
      general: 'Der Landkreis Esslingen unterstützt die Eckpunkte.',
      comments: Array.from({ length: SOME }, (_, k) => ({
        anchor: { randnummer: '3' },
        position: 'note',
        text: `Esslingen, Anmerkung ${k + 1} zur Beratung.`,
      })),
      answers: [{ questionId: 'q1', value: false }],
    });
    for (const [i, org] of orgs.entries())
      await as(app, admins[i])
        .post(`/api/v1/consultations/${roundId}/statements/${org.id}/release`)
        .expect(200);

    // The Frist passes (the Synopse is a tab of closed rounds).
    expect(await app.api.get(ConsultationsService).closeIfDue(roundId, new Date(Date.now() + 15 * DAY))).toBe(
      true,
    );

    const synopsis = (await as(app, owner).get(`/api/v1/consultations/${roundId}/synopsis`).expect(200)).body;
    const rn2 = synopsis.blocks.find((b: { randnummer: string | null }) => b.randnummer === '2');
    rn2Texts = rn2.points.map((p: { text: string }) => p.text);
    expect(rn2Texts).toHaveLength(MANY);
  }, 180_000);

  /**
   * The group's owner in a browser at `path` for `use`: photographed (test/artifacts) when it fails, closed after
   * (which keeps the rotated refresh token for the next one).
   */
  async function asOwner(path: string, name: string, use: (person: Person) => Promise<void>): Promise<void> {
    const person = await openAs(browser, app, group.owner, { path });
    try {
      await use(person);
      expect(person.errors).toEqual([]);
    } catch (error) {
      await screenshot(person.page, `${name}-failed`).catch(() => undefined);
      throw error;
    } finally {
      await person.close();
    }
  }

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    'shows 25 points per block, more a page or all at a time by mouse and keyboard, with exact counts',
    () =>
      asOwner(`/consultations/${roundId}/synopsis`, 'synopsis-large', async ({ page: o }) => {
        const total = MANY + 2 + SOME;
        // The count says every point, not just the ones drawn.
        await o.getByText(`${total} Punkte angezeigt.`).waitFor();
        const rn2 = o.getByRole('region', { name: 'Rn. 2', exact: true });
        const rn3 = o.getByRole('region', { name: 'Rn. 3', exact: true });
        await rows(rn2).first().waitFor();
        await rows(rn3).first().waitFor();
        expect(await rows(rn2).count()).toBe(25);
        expect(await pointTexts(rn2)).toEqual(rn2Texts.slice(0, 25));
        expect(await rows(rn3).count()).toBe(25);
        await rn2.getByText(`25 von ${MANY} Punkten sichtbar.`).waitFor();
        // Fewer than a page left: one button for the rest.
        await rn3.getByRole('button', { name: 'Weitere 5 Punkte anzeigen' }).waitFor();
        expect(await rn3.getByRole('button', { name: /^Alle/ }).count()).toBe(0);
        // A short list has no buttons; the Fehlanzeigen and answers are there too.
        const rn1 = o.getByRole('region', { name: 'Rn. 1', exact: true });
        expect(await rows(rn1).count()).toBe(1);
        expect(await rn1.getByRole('button').count()).toBe(0);
        await o.getByText('Der Landkreis Esslingen unterstützt die Eckpunkte.').waitFor();
        await expectAccessible(o, 'Synopse with many points');

        // Keyboard: the button is reachable and works with Enter; the focus goes to the first new row, and the new
        // number is announced.
        const more = rn2.getByRole('button', { name: 'Weitere 25 Punkte anzeigen' });
        expect(await more.getAttribute('aria-describedby')).toMatch(/^syn-\S+ syn-\S+-page-shown$/);
        await more.focus();
        await o.keyboard.press('Enter');
        await o.waitForFunction(
          () =>
            document.activeElement?.tagName === 'TH' &&
            document.activeElement.closest('tr')?.rowIndex === 26 /* the head's row is 0 */,
        );
        expect(await rows(rn2).count()).toBe(50);
        expect(await focused(o)).toBe('Landkreis Böblingen');
        expect((await pointTexts(rn2)).slice(25)).toEqual(rn2Texts.slice(25, 50));
        expect(await rn2.getByRole('status').textContent()).toBe(`50 von ${MANY} Punkten sichtbar.`);
        await rn2.getByText(`50 von ${MANY} Punkten sichtbar.`, { exact: true }).first().waitFor();
        // Tab from there reaches the button again.
        await o.keyboard.press('Tab');
        expect(await focused(o)).toBe('Weitere 25 Punkte anzeigen');

        // "Alle anzeigen" draws the rest; its buttons go, the focus is on the first new row.
        await rn2.getByRole('button', { name: `Alle ${MANY} Punkte anzeigen` }).click();
        await rows(rn2)
          .nth(MANY - 1)
          .waitFor();
        expect(await rows(rn2).count()).toBe(MANY);
        expect(await rn2.getByRole('button').count()).toBe(0);
        expect(await o.evaluate(() => document.activeElement?.closest('tr')?.rowIndex)).toBe(51);
        expect(await rn2.getByRole('status').textContent()).toBe(`${MANY} von ${MANY} Punkten sichtbar.`);
        expect(await pointTexts(rn2)).toEqual(rn2Texts);
        expect(await rows(rn3).count()).toBe(25);
        await o.getByText(`${total} Punkte angezeigt.`).waitFor();

        // A filter: the counts follow it, exactly; each list starts again at its first page.
        await o.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Landkreis Esslingen' });
        await o.getByText(`${SOME} Punkte angezeigt.`).waitFor();
        await rn2.waitFor({ state: 'detached' });
        expect(await rows(rn3).count()).toBe(25);
        await rn3.getByRole('button', { name: 'Weitere 5 Punkte anzeigen' }).click();
        await rows(rn3)
          .nth(SOME - 1)
          .waitFor();
        expect(await rn3.getByRole('button').count()).toBe(0);
        expect(await rn3.getByRole('status').textContent()).toBe(`${SOME} von ${SOME} Punkten sichtbar.`);
        await o.getByLabel('Organisation', { exact: true }).selectOption({ label: 'alle' });
        await o.getByText(`${total} Punkte angezeigt.`).waitFor();
        await rows(rn2).first().waitFor();
        expect(await rows(rn2).count()).toBe(25);
        expect(await rows(rn3).count()).toBe(25);
        expect(await rn3.getByRole('status').textContent()).toBe('');
        await o.getByLabel('Position').selectOption({ label: 'Zustimmung' });
        await o.getByText(`${MANY / 4 + 1} Punkte angezeigt.`).waitFor();
        await rn2.getByText(`25 von ${MANY / 4} Punkten sichtbar.`).waitFor();
        expect(await rows(rn2).count()).toBe(25);
        await rn2.getByRole('button', { name: 'Weitere 5 Punkte anzeigen' }).waitFor();
        await expectAccessible(o, 'Synopse, filtered');
        await screenshot(o, 'synopsis-large');
      }),
    120_000,
  );

  it(
    'draws a round to 1,100 organisations (22,000 points) with at most a page of rows per list',
    () =>
      // The round's real Synopse, blown up to the size of a real one: 55 blocks of 400 points, 1,100 statements
      // and answers (served in place of the api's answer; the screen cannot tell).
      asOwner(`/consultations/${roundId}`, 'synopsis-22000', async ({ page }) => {
        await page.route(
          (url) =>
            url.pathname.endsWith(`/consultations/${roundId}/synopsis`) &&
            url.searchParams.get('format') === 'json',
          async (route) => {
            const real = await (await route.fetch()).json();
            const point = real.blocks.find((b: { randnummer: string | null }) => b.randnummer === '2')
              .points[0];
            const orgs = Array.from({ length: 1100 }, (_, i) => ({
              id: `org-${i}`,
              name: `Organisation ${i + 1}`,
            }));
            const blocks = Array.from({ length: 55 }, (_, b) => ({
              randnummer: String(b + 1),
              blockId: `block-${b}`,
              type: 'paragraph',
              text: `Absatz ${b + 1} des Entwurfs.`,
              points: Array.from({ length: 400 }, (_, k) => ({
                ...point,
                id: `point-${b}-${k}`,
                randnummer: String(b + 1),
                organisation: orgs[(b * 400 + k) % orgs.length],
                text: `Anmerkung ${k + 1} zu Absatz ${b + 1}.`,
              })),
            }));
            const statements = orgs.map((organisation, i) => ({
              statementId: `statement-${i}`,
              organisation,
              status: 'released',
              general: `Allgemeiner Teil der Organisation ${i + 1}.`,
              late: false,
            }));
            const questions = real.questions.map((q: object) => ({
              ...q,
              answers: orgs.map((organisation, i) => ({ organisation, text: i % 2 ? 'Ja' : 'Nein' })),
            }));
            await route.fulfill({
              json: { ...real, blocks, general: [], unplaced: [], statements, questions },
            });
          },
        );
        await page.getByRole('link', { name: 'Synopse' }).click();
        await page.getByText('22000 Punkte angezeigt.').waitFor();
        // Every block comes (a few at a time), then the statements part.
        await page.getByRole('heading', { name: 'Gibt es Wartelisten?', level: 3 }).waitFor();
        expect(await page.locator('.c-syn-group').count()).toBe(55 + 2);
        expect(await page.locator('.c-syn-table tbody tr').count()).toBe(55 * 25);
        expect(await page.locator('.c-answers-view dt').count()).toBe(2 * 25);
        const rn55 = page.getByRole('region', { name: 'Rn. 55', exact: true });
        await rn55.getByText('25 von 400 Punkten sichtbar.').waitFor();
        await rn55.getByRole('button', { name: 'Alle 400 Punkte anzeigen' }).click();
        await rows(rn55).nth(399).waitFor();
        expect(await page.locator('.c-syn-table tbody tr').count()).toBe(54 * 25 + 400);
        const generals = page.getByRole('region', { name: 'Allgemeine Teile und Fehlanzeigen' });
        await generals.getByText('25 von 1100 Stellungnahmen sichtbar.').waitFor();
        await generals.getByRole('button', { name: 'Weitere 25 Stellungnahmen anzeigen' }).click();
        expect(await generals.locator('dt').count()).toBe(50);
        expect(await focused(page)).toBe('Organisation 26');
      }),
    120_000,
  );
});
