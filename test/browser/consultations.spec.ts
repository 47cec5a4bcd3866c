/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { ConsultationDueJobs } from '@runde/consultations';
import { givenTopic } from '../support/discussion-factories';
import { as, givenAdmin, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import {
  ensureWebBuilt,
  expectAccessible,
  launchBrowser,
  openAs,
  screenshot,
  type Person,
} from './browser-support';

interface Org {
  id: string;
  name: string;
}

const DRAFT = [
  '# Eckpunkte Integrationsmanagement',
  '',
  'Die Kommunen stärken die Sprachförderung vor Ort.',
  '',
  'Integrationskurse werden in allen Landkreisen wohnortnah angeboten.',
  '',
  'Die Beratung der Integrationsbeauftragten wird verstetigt.',
].join('\n');

/** An `<input type="datetime-local">` value, in the browser's (and this process's) time zone. */
function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The values of every point text box on the answering screen. */
async function pointTexts(page: Page): Promise<string[]> {
  return page
    .locator('.c-point textarea[id$="-text"]')
    .evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value));
}

async function waitForPointText(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      [...document.querySelectorAll('.c-point textarea')].some(
        (el) => (el as HTMLTextAreaElement).value === wanted,
      ),
    text,
    { timeout: 15_000 },
  );
}

/** The board's row of one organisation. */
const row = (page: Page, orgId: string) => page.locator(`.c-org-table tr[data-org="${orgId}"]`);

describe('browser: an Anhörung from opening to the Synopse (issue 25)', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: TestUser;
  let group: TestGroup;
  let draftId: string;
  let orgs: Record<string, Org>;
  const people: Record<'clerk' | 'deputy' | 'reutlingen', TestUser> = {} as never;
  const open: Person[] = [];

  async function member(org: Org, role: 'admin' | 'member' | 'deputy', displayName: string) {
    const user = await givenUser(app, { displayName });
    await as(app, user).post(`/api/v1/organisations/${org.id}/membership-requests`).expect(201);
    await as(app, admin).put(`/api/v1/organisations/${org.id}/members/${user.id}`).send({ role }).expect(200);
    return user;
  }

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({ worker: true });
    browser = await launchBrowser();
    admin = await givenAdmin(app);
    group = await givenGroup(app, 'Steuerungskreis Netzwerk Integration');
    // The draft sits in a topic of the whole network: the districts read the consulted text.
    const topic = await givenTopic(app, group, 'network');
    const draft = await as(app, group.owner)
      .post(`/api/v1/topics/${topic.id}/drafts`)
      .send({ title: 'Eckpunkte Integrationsmanagement 2027', content: DRAFT })
      .expect(201);
    draftId = draft.body.id;
    await as(app, group.owner)
      .post(`/api/v1/drafts/${draftId}/status`)
      .send({ status: 'consultation', deadline: new Date(Date.now() + 30 * 86_400_000).toISOString() })
      .expect(200);
    const register = (await as(app, admin).get('/api/v1/organisations').expect(200)).body.items as Org[];
    const find = (name: string) => {
      const org = register.find((o) => o.name === name);
      if (!org) throw new Error(`${name} is not in the register`);
      return org;
    };
    orgs = {
      tuebingen: find('Landkreis Tübingen'),
      reutlingen: find('Landkreis Reutlingen'),
      zollernalb: find('Zollernalbkreis'),
      landkreistag: find('Landkreistag Baden-Württemberg'),
    };
    people.clerk = await member(orgs.tuebingen, 'member', 'Tanja Sachbearbeiterin');
    people.deputy = await member(orgs.tuebingen, 'deputy', 'Theo Vertretung');
    people.reutlingen = await member(orgs.reutlingen, 'admin', 'Rita Amtsleitung');
  }, 180_000);

  afterEach(async () => {
    // What each browser showed when something failed (test/artifacts).
    for (const [i, person] of open.entries())
      await screenshot(person.page, `consultations-last-${i}`).catch(() => undefined);
  });

  afterAll(async () => {
    for (const person of open) await person.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('opens a round, drafts a statement live in two browsers, releases, answers, extends, closes and evaluates', async () => {
    const blocks = (await as(app, group.owner).get(`/api/v1/drafts/${draftId}/blocks`).expect(200)).body
      .items as Array<{ rn: string | null; text: string }>;
    const rnOf = (start: string) => blocks.find((b) => b.text.startsWith(start))!.rn!;
    const rnCourses = rnOf('Integrationskurse');
    const rnAdvice = rnOf('Die Beratung');

    // The ministry's person opens the round: Regierungsbezirk Tübingen and the Landkreistag, one by one.
    const owner = await openAs(browser, app, group.owner, { path: `/groups/${group.id}` });
    open.push(owner);
    const o = owner.page;
    await o
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Anhörungen' })
      .waitFor();
    await go(o, `/groups/${group.id}/consultations/new`);
    await o.getByRole('heading', { name: 'Neue Anhörung oder Abfrage', level: 1 }).waitFor();
    await o.getByLabel('Titel', { exact: true }).fill('Anhörung Eckpunkte Integrationsmanagement');
    await o
      .getByLabel('Entwurf', { exact: true })
      .selectOption({ label: 'Eckpunkte Integrationsmanagement 2027' });
    await o.getByLabel('Stadt- und Landkreise im Regierungsbezirk Tübingen').check();
    await o
      .getByLabel('Organisation suchen (Name, Kreisschlüssel oder Regierungsbezirk)')
      .fill('Landkreistag');
    await o.getByLabel('Landkreistag Baden-Württemberg').check();
    await o.getByText('Die Anhörung geht an 10 Organisationen.').waitFor();
    await o.getByLabel('Frist', { exact: true }).fill(localInput(new Date(Date.now() + 14 * 86_400_000)));
    await o.getByRole('button', { name: 'Anhörung eröffnen' }).click();
    await o.getByRole('heading', { name: 'Anhörung Eckpunkte Integrationsmanagement', level: 1 }).waitFor();
    const id = /#\/consultations\/([0-9a-f-]{36})/.exec(o.url())![1];
    await row(o, orgs.tuebingen.id).getByText('nicht begonnen').waitFor();
    expect(await o.locator('.c-org-table tbody tr').count()).toBe(10);
    await o.locator('.c-rb-table tr[data-rb="Tübingen"]').getByText('9', { exact: true }).first().waitFor();

    // Two people of Landkreis Tübingen answer together.
    const clerk = await openAs(browser, app, people.clerk, { path: '/my-consultations' });
    const deputy = await openAs(browser, app, people.deputy, { path: `/consultations/${id}` });
    open.push(clerk, deputy);
    const c = clerk.page;
    const d = deputy.page;
    await c.getByRole('heading', { name: 'Meine Anhörungen', level: 1 }).waitFor();
    await c.getByRole('link', { name: 'Anhörung Eckpunkte Integrationsmanagement' }).click();
    await c.getByRole('heading', { name: 'Stellungnahme', level: 2 }).waitFor();
    await d.getByRole('heading', { name: 'Stellungnahme', level: 2 }).waitFor();
    // The consulted text with its Randnummern beside the statement.
    await c.locator(`#rn-${rnCourses}`).getByText('Integrationskurse werden').waitFor();
    // Only admins and deputies release: the clerk is told who does.
    await c.getByText('Freigeben oder eine Fehlanzeige melden können die Administration').waitFor();
    expect(await c.getByRole('button', { name: 'Freigeben (Mitzeichnung)' }).count()).toBe(0);
    await expectAccessible(c, 'answering screen');

    await c.getByRole('button', { name: 'Punkt hinzufügen' }).click();
    const first = c.locator('.c-point').nth(0);
    await first.getByLabel('Randnummer').selectOption(rnCourses);
    await first.getByLabel('Position').selectOption({ label: 'Änderungswunsch' });
    await first
      .getByLabel('Formulierungsvorschlag (freiwillig)')
      .fill('… werden in allen Stadt- und Landkreisen angeboten.');
    await first
      .getByLabel('Stellungnahme zum Punkt')
      .fill('Auch die Stadtkreise brauchen wohnortnahe Kurse.');
    await c.getByText('Alle Änderungen sind gespeichert.').waitFor();
    // The deputy sees the clerk's point appear, then adds one of their own, which the clerk sees.
    await waitForPointText(d, 'Auch die Stadtkreise brauchen wohnortnahe Kurse.');
    await d.getByLabel('Allgemeiner Teil').fill('Der Landkreis Tübingen begrüßt die Eckpunkte.');
    await d.getByRole('button', { name: 'Punkt hinzufügen' }).click();
    const second = d.locator('.c-point').nth(1);
    await second.getByLabel('Randnummer').selectOption(rnAdvice);
    await second.getByLabel('Position').selectOption({ label: 'Zustimmung' });
    await second.getByLabel('Stellungnahme zum Punkt').fill('Die Verstetigung der Beratung ist richtig.');
    await d.getByText('Alle Änderungen sind gespeichert.').waitFor();
    await waitForPointText(c, 'Die Verstetigung der Beratung ist richtig.');
    await c.waitForFunction(() =>
      (document.getElementById('c-general') as HTMLTextAreaElement).value.includes('begrüßt'),
    );
    expect(await pointTexts(c)).toEqual([
      'Auch die Stadtkreise brauchen wohnortnahe Kurse.',
      'Die Verstetigung der Beratung ist richtig.',
    ]);
    // At 390 px the draft and the statement stack; nothing is wider than the window.
    await c.setViewportSize({ width: 390, height: 844 });
    await c.getByRole('heading', { name: 'Der Entwurf', level: 2 }).waitFor();
    expect(await c.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(c, 'consultation-answer-390');
    await c.setViewportSize({ width: 1280, height: 900 });
    // The board, open all along, shows the district at work.
    await row(o, orgs.tuebingen.id).getByText('in Arbeit').waitFor();

    // The deputy releases (Mitzeichnung) after a confirmation; the clerk's screen turns read-only.
    await d.getByRole('button', { name: 'Freigeben (Mitzeichnung)' }).click();
    const dialog = d.getByRole('dialog', { name: 'Stellungnahme freigeben?' });
    await dialog.getByRole('button', { name: 'Ja, freigeben' }).click();
    await d.getByText(/^Freigegeben am/).waitFor();
    await c.getByText(/^Freigegeben am/).waitFor();
    await c.getByRole('button', { name: 'Korrektur beginnen' }).waitFor();
    await row(o, orgs.tuebingen.id).getByText('freigegeben').waitFor();

    // Another district answers with a Fehlanzeige.
    const reutlingen = await openAs(browser, app, people.reutlingen, { path: `/consultations/${id}` });
    open.push(reutlingen);
    const r = reutlingen.page;
    await r.getByRole('button', { name: 'Fehlanzeige melden' }).click();
    await r
      .getByRole('dialog', { name: 'Fehlanzeige melden?' })
      .getByRole('button', { name: 'Ja, Fehlanzeige melden' })
      .click();
    await r.getByText(/^Fehlanzeige gemeldet am/).waitFor();
    await row(o, orgs.reutlingen.id).getByText('Fehlanzeige').waitFor();
    await o.getByText('2 von 10 Adressaten haben geantwortet (20 %).').waitFor();

    // The owner extends the Zollernalbkreis' Frist.
    const zollernalb = row(o, orgs.zollernalb.id);
    await zollernalb.getByRole('button', { name: 'Frist verlängern (Zollernalbkreis)' }).click();
    await zollernalb
      .getByLabel('Neue Frist für Zollernalbkreis')
      .fill(localInput(new Date(Date.now() + 21 * 86_400_000)));
    await zollernalb.getByRole('button', { name: 'Verlängern', exact: true }).click();
    await zollernalb.getByText('(verlängert)').waitFor();
    await expectAccessible(o, 'board');
    await screenshot(o, 'consultation-board');
    await o.setViewportSize({ width: 390, height: 844 });
    await o.locator('.c-bars').waitFor();
    expect(await o.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(o, 'consultation-board-390');
    await o.setViewportSize({ width: 1280, height: 900 });

    // The Frist passes: the test moves the round's (and the unextended addressees') Frist to now and runs the
    // worker's sweep, as it does every minute; the board learns of the close live.
    await app.dataSource.query(
      `UPDATE consultations SET deadline = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    await app.dataSource.query(
      `UPDATE consultation_addressees SET deadline = now() - interval '1 second'
        WHERE consultation_id = $1 AND organisation_id <> $2`,
      [id, orgs.zollernalb.id],
    );
    const swept = await app.worker!.get(ConsultationDueJobs).sweep();
    expect(swept.closed).toBe(1);
    await o.locator('.c-round-closed').first().waitFor({ timeout: 15_000 });

    // Evaluation: every point with its organisation, an assessment and a reason.
    await o.getByRole('link', { name: 'Auswertung' }).click();
    await o.getByText('0 von 2 Punkten bewertet.').waitFor();
    const points = o.locator('.c-eval-point');
    await points.nth(0).getByLabel('Bewertung').selectOption({ label: 'teilweise übernommen' });
    await points
      .nth(0)
      .getByLabel('Begründung')
      .fill('Die Stadtkreise werden ergänzt, die Finanzierung bleibt.');
    await points.nth(0).getByRole('button', { name: 'Bewertung speichern' }).click();
    await points.nth(0).getByText('Gespeichert.').waitFor();
    await points.nth(1).getByLabel('Bewertung').selectOption({ label: 'zur Kenntnis genommen' });
    await points.nth(1).getByRole('button', { name: 'Bewertung speichern' }).click();
    await points.nth(1).getByText('Gespeichert.').waitFor();
    await o.getByText('2 von 2 Punkten bewertet.').waitFor();

    // The Synopse: each point under its Randnummer, with the assessment.
    await o.getByRole('link', { name: 'Synopse' }).click();
    const courses = o.getByRole('region', { name: `Rn. ${rnCourses}`, exact: true });
    await courses.getByText('Auch die Stadtkreise brauchen wohnortnahe Kurse.').waitFor();
    await courses.getByRole('rowheader', { name: 'Landkreis Tübingen' }).waitFor();
    await courses.getByText('teilweise übernommen').waitFor();
    const advice = o.getByRole('region', { name: `Rn. ${rnAdvice}`, exact: true });
    await advice.getByText('Die Verstetigung der Beratung ist richtig.').waitFor();
    await advice.getByText('zur Kenntnis genommen').waitFor();
    await o.getByText('Der Landkreis Tübingen begrüßt die Eckpunkte.').waitFor();
    // A filter narrows it to one position.
    await o.getByLabel('Position').selectOption({ label: 'Zustimmung' });
    await o.getByText('1 Punkt angezeigt.').waitFor();
    expect(await o.getByText('Auch die Stadtkreise brauchen wohnortnahe Kurse.').count()).toBe(0);
    await expectAccessible(o, 'Synopse');
    await screenshot(o, 'consultation-synopsis');

    for (const person of [owner, clerk, deputy, reutlingen]) expect(person.errors).toEqual([]);
  }, 240_000);

  async function go(page: Page, path: string): Promise<void> {
    await page.goto(`${app.url}/#${path}`);
  }
});
