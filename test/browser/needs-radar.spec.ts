import type { Browser, Page } from 'playwright-core';
import { as, givenAdmin, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { givenOrgPerson, organisationsByName } from '../consultations/consultation-support';
import {
  ensureWebBuilt,
  expectAccessible,
  go,
  launchBrowser,
  openAs,
  screenshot,
  type Person,
} from './browser-support';

const MINISTRY = 'Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg';
const KS = { tuebingen: '08416', reutlingen: '08415', zollernalb: '08417' };

const rising = (overrides: Record<string, unknown> = {}) => ({
  field: 'sprache',
  targetGroup: 'Neu zugewanderte Eltern',
  affected: 80,
  trend: 'rising',
  severity: 4,
  missing: 'Kurse mit Kinderbetreuung',
  visibility: 'network',
  ...overrides,
});

/** The map's numbers by Kreisschlüssel, as the tiles write them. */
async function mapNumbers(page: Page): Promise<Record<string, string>> {
  return page
    .locator('.n-tile')
    .evaluateAll((tiles) =>
      Object.fromEntries(
        tiles.map((tile) => [
          tile.getAttribute('data-key') ?? '',
          tile.querySelector('.n-tile-value')?.textContent?.trim() ?? '',
        ]),
      ),
    );
}

/** The table view's numbers of one measure by Kreisschlüssel. */
async function tableNumbers(page: Page, measure: string): Promise<Record<string, string>> {
  return page
    .locator('.n-district-table tbody tr')
    .evaluateAll(
      (rows, m) =>
        Object.fromEntries(
          rows.map((row) => [
            row.getAttribute('data-key') ?? '',
            row.querySelector(`td[data-measure="${m}"]`)?.textContent?.trim() ?? '',
          ]),
        ),
      measure,
    );
}

async function tileValue(page: Page, key: string): Promise<string> {
  return (await page.locator(`.n-tile[data-key="${key}"] .n-tile-value`).textContent())?.trim() ?? '';
}

/** A cell of the completeness board: row by Regierungsbezirk (`land` for the total), column by name. */
const completeness = (page: Page, rb: string, col: string) =>
  page.locator(`.n-completeness tr[data-rb="${rb}"] td[data-col="${col}"]`);

/**
 * Issue 26's acceptance in the browser: the ministry's person creates a quarterly round to the 44 districts and
 * keeps the radar open; three districts of Regierungsbezirk Tübingen release "steigend" for Sprachförderung (one
 * in the browser, two over the API); the signal appears live and becomes a topic with the three reports linked;
 * a Fehlanzeige counts and a late report is marked late; the map and its table show the same numbers; axe finds
 * nothing serious on the radar or the report form.
 */
describe('browser: the needs radar, live (issue 26)', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: TestUser;
  let ministry: TestUser;
  let groupId: string;
  let orgs: Map<string, string>;
  const leads = new Map<string, TestUser>();
  const open: Person[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({ worker: true });
    browser = await launchBrowser();
    admin = await givenAdmin(app);
    orgs = await organisationsByName(app);
    ministry = await givenOrgPerson(app, admin, orgs.get(MINISTRY)!, 'admin', 'Miriam Ministerium');
    // The ministry's person leads a group: signals become its topics.
    groupId = (
      await as(app, ministry).post('/api/v1/groups').send({ name: 'Steuerungskreis Bedarfe' }).expect(201)
    ).body.id;
    for (const [name, person] of [
      ['Landkreis Tübingen', 'Tobias Tübingen'],
      ['Landkreis Reutlingen', 'Rita Reutlingen'],
      ['Zollernalbkreis', 'Zora Zollernalb'],
      ['Stadtkreis Ulm', 'Ulla Ulm'],
      ['Ortenaukreis', 'Otto Ortenau'],
    ]) {
      const orgId = orgs.get(name);
      if (!orgId) throw new Error(`${name} is not in the register`);
      leads.set(name, await givenOrgPerson(app, admin, orgId, 'admin', person));
    }
  }, 180_000);

  afterEach(async () => {
    for (const [i, person] of open.entries())
      await screenshot(person.page, `needs-radar-last-${i}`).catch(() => undefined);
  });

  afterAll(async () => {
    for (const person of open) await person.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('creates a round, reports live, raises a signal that becomes a topic, counts a Fehlanzeige and a late report', async () => {
    // The ministry's person creates a quarterly round to all 44 districts.
    const m = await openAs(browser, app, ministry, { path: '/bedarfe' });
    open.push(m);
    const mp = m.page;
    await mp.getByRole('link', { name: 'Bedarfe', exact: true }).waitFor();
    await mp.getByRole('heading', { name: 'Bedarfsradar', level: 1 }).waitFor();
    await mp.getByRole('link', { name: 'Neue Berichtsrunde' }).click();
    await mp.getByRole('heading', { name: 'Neue Berichtsrunde', level: 1 }).waitFor();
    await expectAccessible(mp, 'new reporting round');
    await mp.setViewportSize({ width: 390, height: 844 });
    expect(await mp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await mp.setViewportSize({ width: 1280, height: 900 });
    await mp.getByLabel('Titel', { exact: true }).fill('Bedarfsmeldung Integration 2027');
    await mp.getByLabel('vierteljährlich').check();
    await mp.getByLabel('Alle Stadt- und Landkreise').check();
    await mp.getByText('Die Runde geht an 44 Organisationen.').waitFor();
    await mp.getByRole('button', { name: 'Berichtsrunde anlegen' }).click();
    await mp.getByRole('heading', { name: 'Bedarfsradar', level: 1 }).waitFor();
    await mp.locator('.n-tile').first().waitFor();
    expect(await mp.locator('.n-tile').count()).toBe(44);
    await completeness(mp, 'land', 'expected').getByText('44', { exact: true }).waitFor();
    await completeness(mp, 'Tübingen', 'expected').getByText('9', { exact: true }).waitFor();

    const rounds = (await as(app, ministry).get('/api/v1/needs/rounds').expect(200)).body.items as Array<{
      id: string;
      title: string;
      cadence: string;
      reporters: number;
    }>;
    const round = rounds.find((r) => r.title === 'Bedarfsmeldung Integration 2027')!;
    expect(round).toMatchObject({ cadence: 'quarterly', reporters: 44 });
    const periodId = (await as(app, ministry).get(`/api/v1/needs/rounds/${round.id}/periods`).expect(200))
      .body.items[0].id as string;

    // Landkreis Tübingen reports in the browser: Sprachförderung, steigend; its admin releases (Mitzeichnung).
    const tue = await openAs(browser, app, leads.get('Landkreis Tübingen')!, { path: '/' });
    open.push(tue);
    const tp = tue.page;
    // The start page names the report the district owes, with its Frist.
    const owed = tp.locator('section[aria-labelledby="overview-needs"] li', {
      hasText: 'Bedarfsmeldung Integration 2027',
    });
    await owed.getByText('nicht begonnen').waitFor();
    await owed.getByText(/^Frist /).waitFor();
    await tp.getByRole('link', { name: 'Bedarfe', exact: true }).click();
    await tp.getByRole('heading', { name: 'Bedarfsradar', level: 1 }).waitFor();
    await tp.getByRole('link', { name: 'Bedarfsmeldung abgeben' }).click();
    await tp.getByRole('heading', { name: 'Bedarfsmeldung', level: 1 }).waitFor();
    await tp.getByText('Für: Landkreis Tübingen').waitFor();
    await tp.getByLabel('Bedarf melden: Sprachförderung').check();
    const sprache = tp.locator('fieldset[data-field="sprache"]');
    await sprache.getByLabel('Zielgruppe').fill('Geflüchtete Frauen mit Kleinkindern');
    await sprache.getByLabel('Betroffene (ungefähre Zahl)').fill('120');
    await sprache.getByLabel('Tendenz').selectOption({ label: 'steigend' });
    await sprache.getByLabel('Dringlichkeit').selectOption('4');
    await sprache.getByLabel('Was fehlt?').fill('Integrationskurse mit Kinderbetreuung');
    await sprache.getByLabel('Ganzes Netzwerk').check();
    await tp.getByText('Alle Änderungen sind gespeichert.').waitFor();
    await expectAccessible(tp, 'report form');
    await screenshot(tp, 'needs-report-form');
    // At 390 px the form fits the window.
    await tp.setViewportSize({ width: 390, height: 844 });
    await sprache.getByLabel('Zielgruppe').waitFor();
    expect(await tp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(tp, 'needs-report-form-390');
    await tp.setViewportSize({ width: 1280, height: 900 });
    const drafted = await as(app, leads.get('Landkreis Tübingen')!)
      .get(`/api/v1/needs/periods/${periodId}/reports/${orgs.get('Landkreis Tübingen')}`)
      .expect(200);
    expect(drafted.body).toMatchObject({
      status: 'drafting',
      entries: [{ field: 'sprache', affected: 120, trend: 'rising', severity: 4, visibility: 'network' }],
    });
    await tp.getByRole('button', { name: 'Freigeben (Mitzeichnung)' }).click();
    const dialog = tp.getByRole('dialog', { name: 'Bedarfsmeldung freigeben?' });
    await dialog.getByRole('button', { name: 'Ja, freigeben' }).click();
    await tp.locator('.n-report-released').first().waitFor();
    await tp.getByText('Integrationskurse mit Kinderbetreuung').waitFor();

    // The ministry's open radar follows: Tübingen's tile shows 1 without a reload.
    await mp.waitForFunction(
      (key) => document.querySelector(`.n-tile[data-key="${key}"] .n-tile-value`)?.textContent === '1',
      KS.tuebingen,
      { timeout: 20_000 },
    );

    // Reutlingen and the Zollernalbkreis over the API: the third district of the Regierungsbezirk is the signal.
    for (const name of ['Landkreis Reutlingen', 'Zollernalbkreis']) {
      const orgId = orgs.get(name)!;
      await as(app, leads.get(name)!)
        .put(`/api/v1/needs/periods/${periodId}/reports/${orgId}`)
        .send({ entries: [rising(name === 'Zollernalbkreis' ? { severity: 5, affected: 60 } : {})] })
        .expect(200);
      await as(app, leads.get(name)!)
        .post(`/api/v1/needs/periods/${periodId}/reports/${orgId}/release`)
        .expect(200);
    }
    const signal = mp.locator('.n-signal', {
      hasText: '3 Kreise im Regierungsbezirk Tübingen melden steigenden Bedarf: Sprachförderung',
    });
    await signal.waitFor({ timeout: 20_000 });
    await signal.getByText('Steigender Bedarf in mehreren Kreisen').waitFor();
    await signal.getByText('Regierungsbezirk Tübingen', { exact: true }).waitFor();
    await signal.locator('.n-status-open').waitFor();
    for (const key of [KS.reutlingen, KS.zollernalb])
      await mp.waitForFunction(
        (k) => document.querySelector(`.n-tile[data-key="${k}"] .n-tile-value`)?.textContent === '1',
        key,
        { timeout: 20_000 },
      );
    await mp
      .locator('.n-rollup-table tr[data-key="Tübingen"] td')
      .first()
      .getByText('3', { exact: true })
      .waitFor();

    // A Fehlanzeige (Ulm) counts as an answer; a late report (Ortenau, after the due date) is marked late.
    const ulm = orgs.get('Stadtkreis Ulm')!;
    await as(app, leads.get('Stadtkreis Ulm')!)
      .put(`/api/v1/needs/periods/${periodId}/reports/${ulm}`)
      .send({ nilReturn: true })
      .expect(200);
    await as(app, leads.get('Stadtkreis Ulm')!)
      .post(`/api/v1/needs/periods/${periodId}/reports/${ulm}/release`)
      .expect(200);
    await completeness(mp, 'Tübingen', 'nilReturns').getByText('1', { exact: true }).waitFor();
    await completeness(mp, 'Tübingen', 'released').getByText('3', { exact: true }).waitFor();
    await completeness(mp, 'Tübingen', 'rate').getByText('44 %').waitFor(); // 4 of 9 answered

    await app.dataSource.query(`UPDATE needs_periods SET due_at = now() - interval '1 hour' WHERE id = $1`, [
      periodId,
    ]);
    // Ortenau's person sees the late notice before releasing in the browser.
    const ort = await openAs(browser, app, leads.get('Ortenaukreis')!, { path: '/bedarfe/melden' });
    open.push(ort);
    const op = ort.page;
    await op.getByText('Die Frist ist abgelaufen. Sie können noch melden').waitFor();
    await op.getByLabel('Fehlanzeige: Wir haben in diesem Zeitraum nichts zu melden.').check();
    await op.getByText('Alle Änderungen sind gespeichert.').waitFor();
    await op.getByRole('button', { name: 'Freigeben (Mitzeichnung)' }).click();
    const nilDialog = op.getByRole('dialog', { name: 'Fehlanzeige freigeben?' });
    await nilDialog.getByText('die Meldung wird als verspätet gekennzeichnet').waitFor();
    await nilDialog.getByRole('button', { name: 'Ja, freigeben' }).click();
    await op.locator('.n-status-line .n-late', { hasText: 'verspätet' }).waitFor();
    await completeness(mp, 'Freiburg', 'late').getByText('1', { exact: true }).waitFor();
    await completeness(mp, 'land', 'late').getByText('1', { exact: true }).waitFor();
    await completeness(mp, 'land', 'nilReturns').getByText('2', { exact: true }).waitFor();
    const board = (await as(app, ministry).get(`/api/v1/needs/periods/${periodId}/completeness`).expect(200))
      .body;
    expect(board).toMatchObject({ expected: 44, released: 3, nilReturns: 2, late: 1 });

    // The map and its table show the same numbers, for two measures.
    for (const [measure, label] of [
      ['reports', 'Gemeldete Bedarfe'],
      ['affected', 'Betroffene'],
    ] as const) {
      await mp.getByRole('radio', { name: label, exact: true }).check();
      if (measure === 'affected')
        await mp.waitForFunction(
          (key) => document.querySelector(`.n-tile[data-key="${key}"] .n-tile-value`)?.textContent === '120',
          KS.tuebingen,
        );
      const onMap = await mapNumbers(mp);
      await mp.getByRole('button', { name: 'Tabelle', exact: true }).first().click();
      const inTable = await tableNumbers(mp, measure);
      expect(Object.keys(onMap)).toHaveLength(44);
      expect(inTable).toEqual(onMap);
      await mp.getByRole('button', { name: 'Karte', exact: true }).click();
    }
    expect(await tileValue(mp, KS.zollernalb)).toBe('60');
    expect(await tileValue(mp, '08111')).toBe('0'); // Stuttgart reported nothing
    await mp.getByRole('radio', { name: 'Gemeldete Bedarfe', exact: true }).check();
    await mp.waitForFunction(
      (key) => document.querySelector(`.n-tile[data-key="${key}"] .n-tile-value`)?.textContent === '1',
      KS.tuebingen,
    );
    await expectAccessible(mp, 'needs radar');
    await screenshot(mp, 'needs-radar');
    // At 390 px the map scrolls inside its own box (or the table is used); the page is no wider than the window.
    await mp.setViewportSize({ width: 390, height: 844 });
    await mp.locator('.n-tile').first().waitFor();
    expect(await mp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(mp, 'needs-radar-390');
    await mp.getByRole('button', { name: 'Tabelle', exact: true }).first().click();
    expect(await mp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await mp.getByRole('button', { name: 'Karte', exact: true }).click();
    await mp.setViewportSize({ width: 1280, height: 900 });

    // The signal becomes a topic of the ministry's group, the three reports linked in its description.
    const signals = (await as(app, ministry).get('/api/v1/needs/signals').expect(200)).body.items as Array<{
      id: string;
      rule: string;
      reportIds: string[];
    }>;
    const cluster = signals.find((s) => s.rule === 'rising_cluster')!;
    expect(cluster.reportIds).toHaveLength(3);
    await signal.getByLabel('Gruppe für das Thema').selectOption({ label: 'Steuerungskreis Bedarfe' });
    await signal.getByRole('button', { name: 'Als Thema anlegen' }).click();
    await signal.locator('.n-status-topic').waitFor();
    const topicLink = signal.getByRole('link', { name: 'Zum Thema' });
    const topicId = /#\/topics\/([0-9a-f-]{36})/.exec((await topicLink.getAttribute('href')) ?? '')![1];
    const topic = (await as(app, ministry).get(`/api/v1/topics/${topicId}`).expect(200)).body;
    expect(topic.groupId).toBe(groupId);
    for (const name of ['Landkreis Tübingen', 'Landkreis Reutlingen', 'Zollernalbkreis'])
      expect(topic.description).toContain(name);
    for (const reportId of cluster.reportIds)
      expect(topic.description).toContain(`#/bedarfe/meldungen/${reportId}`);
    await topicLink.click();
    await mp.getByRole('heading', { name: topic.title, level: 1 }).waitFor();
    await mp.getByText('Zugrunde liegende Bedarfsmeldungen').waitFor();
    // A linked report opens in the browser.
    const tueReport = (
      await as(app, ministry)
        .get(`/api/v1/needs/periods/${periodId}/reports/${orgs.get('Landkreis Tübingen')}`)
        .expect(200)
    ).body.id as string;
    expect(cluster.reportIds).toContain(tueReport);
    await go(mp, app, `/bedarfe/meldungen/${tueReport}`);
    await mp.getByRole('heading', { name: 'Bedarfsmeldung: Landkreis Tübingen', level: 1 }).waitFor();
    await mp.getByText('Geflüchtete Frauen mit Kleinkindern').waitFor();

    expect(m.errors).toEqual([]);
    expect(tue.errors).toEqual([]);
    expect(ort.errors).toEqual([]);
  }, 240_000);
});
