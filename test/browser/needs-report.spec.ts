import type { Browser, Page } from 'playwright-core';
import { as, givenAdmin, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { givenOrgPerson, organisationsByName } from '../consultations/consultation-support';
import {
  ensureWebBuilt,
  expectAccessible,
  launchBrowser,
  openAs,
  screenshot,
  type Person,
} from './browser-support';

const MINISTRY = 'Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg';

async function inputValue(page: Page, selector: string): Promise<string> {
  return page.locator(selector).inputValue();
}

/**
 * The report form between colleagues (issue 26): two people of Landkreis Tübingen draft the Bedarfsmeldung at
 * once and each sees the other's field of action arrive (merged, not overwritten); only the deputy releases; an
 * urgent ad-hoc report raises its signal; entries for the ministry only stay off the network's map; the ministry's
 * admin sets a rule's threshold; the radar speaks English on request.
 */
describe('browser: drafting a needs report together, ad hoc, rules (issue 26)', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: TestUser;
  let ministry: TestUser;
  let orgs: Map<string, string>;
  let member: TestUser;
  let deputy: TestUser;
  let reutlingen: TestUser;
  let periodId: string;
  const open: Person[] = [];
  let deputyScreen: Person;
  let ministryScreen: Person;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({ worker: true });
    browser = await launchBrowser();
    admin = await givenAdmin(app);
    orgs = await organisationsByName(app);
    ministry = await givenOrgPerson(app, admin, orgs.get(MINISTRY)!, 'admin', 'Miriam Ministerium');
    member = await givenOrgPerson(
      app,
      admin,
      orgs.get('Landkreis Tübingen')!,
      'member',
      'Sina Sachbearbeitung',
    );
    deputy = await givenOrgPerson(app, admin, orgs.get('Landkreis Tübingen')!, 'deputy', 'Volker Vertretung');
    reutlingen = await givenOrgPerson(
      app,
      admin,
      orgs.get('Landkreis Reutlingen')!,
      'admin',
      'Rita Reutlingen',
    );
    const round = await as(app, ministry)
      .post('/api/v1/needs/rounds')
      .send({
        title: 'Bedarfe Tübingen',
        cadence: 'monthly',
        reporters: { sets: ['regierungsbezirk:Tübingen'] },
        dueDays: 20,
      })
      .expect(201);
    expect(round.body.reporters).toBe(9);
    periodId = (await as(app, ministry).get(`/api/v1/needs/rounds/${round.body.id}/periods`).expect(200)).body
      .items[0].id;
  }, 180_000);

  afterEach(async () => {
    for (const [i, person] of open.entries())
      await screenshot(person.page, `needs-report-last-${i}`).catch(() => undefined);
  });

  afterAll(async () => {
    for (const person of open) await person.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('merges two colleagues’ fields of action live; only the deputy releases', async () => {
    const m = await openAs(browser, app, member, { path: '/bedarfe/melden' });
    const d = await openAs(browser, app, deputy, { path: '/bedarfe/melden' });
    open.push(m, d);
    deputyScreen = d;
    for (const p of [m.page, d.page]) await p.getByText('Für: Landkreis Tübingen').waitFor();
    // The member is told who releases; there is no button for them.
    await m.page.getByText('Freigeben können die Administration und die Vertretung').waitFor();
    expect(await m.page.getByRole('button', { name: 'Freigeben (Mitzeichnung)' }).count()).toBe(0);

    // An entry without a target group is not saved, and the form says why.
    await m.page.getByLabel('Bedarf melden: Sprachförderung').check();
    await m.page.getByText(/Noch nicht gespeichert: Bei Sprachförderung fehlt die Zielgruppe/).waitFor();
    await m.page.locator('#n-sprache-target').fill('Eltern von Kita-Kindern');
    await m.page.locator('#n-sprache-affected').fill('45');
    await m.page.locator('#n-sprache-trend').selectOption('rising');
    await m.page.getByText('Alle Änderungen sind gespeichert.').waitFor();

    // The deputy sees it arrive and adds another field; the member sees that one, and keeps their own.
    await d.page.waitForFunction(
      () =>
        (document.getElementById('n-sprache-target') as HTMLInputElement | null)?.value ===
        'Eltern von Kita-Kindern',
    );
    await d.page.getByText('Eine Kollegin oder ein Kollege hat die Meldung geändert').waitFor();
    await d.page.getByLabel('Bedarf melden: Wohnen').check();
    await d.page.locator('#n-wohnen-target').fill('Geflüchtete in Gemeinschaftsunterkünften');
    await d.page.locator('#n-wohnen-severity').selectOption('5');
    await d.page.locator('#n-wohnen-evidence').fill('Belegungsliste: https://example.org/belegung');
    await d.page.locator('fieldset[data-field="wohnen"]').getByLabel('Nur Ministerium').check();
    await d.page.getByText('Alle Änderungen sind gespeichert.').waitFor();
    await m.page.waitForFunction(
      () =>
        (document.getElementById('n-wohnen-target') as HTMLInputElement | null)?.value ===
        'Geflüchtete in Gemeinschaftsunterkünften',
    );
    expect(await inputValue(m.page, '#n-sprache-affected')).toBe('45');
    expect(await inputValue(d.page, '#n-sprache-affected')).toBe('45');
    const saved = (
      await as(app, member)
        .get(`/api/v1/needs/periods/${periodId}/reports/${orgs.get('Landkreis Tübingen')}`)
        .expect(200)
    ).body;
    expect(saved.entries.map((e: { field: string; visibility: string }) => [e.field, e.visibility])).toEqual([
      ['sprache', 'network'],
      ['wohnen', 'ministry'],
    ]);
    await expectAccessible(d.page, 'report form with two entries');

    // The deputy releases; the member's screen turns read-only with both entries.
    await d.page.getByRole('button', { name: 'Freigeben (Mitzeichnung)' }).click();
    const dialog = d.page.getByRole('dialog', { name: 'Bedarfsmeldung freigeben?' });
    await dialog.getByText('mit 2 Einträgen').waitFor();
    await dialog.getByRole('button', { name: 'Ja, freigeben' }).click();
    await d.page.locator('.n-report-released').first().waitFor();
    await m.page.locator('.n-report-released').first().waitFor();
    await m.page.getByRole('heading', { name: 'Wohnen', level: 3 }).waitFor();
    // Belege with a link can be followed.
    expect(
      await m.page.getByRole('link', { name: 'https://example.org/belegung' }).getAttribute('href'),
    ).toBe('https://example.org/belegung');
    expect(await m.page.locator('#n-sprache-target').count()).toBe(0);
  }, 120_000);

  it('keeps ministry-only entries off the network’s map; the ministry sees them', async () => {
    // Reutlingen's housing need is for the ministry only, Tübingen's too: the network sees neither on the map.
    await as(app, reutlingen)
      .put(`/api/v1/needs/periods/${periodId}/reports/${orgs.get('Landkreis Reutlingen')}`)
      .send({
        entries: [
          {
            field: 'wohnen',
            targetGroup: 'Familien',
            affected: 10,
            trend: 'stable',
            severity: 2,
            visibility: 'ministry',
          },
        ],
      })
      .expect(200);
    await as(app, reutlingen)
      .post(`/api/v1/needs/periods/${periodId}/reports/${orgs.get('Landkreis Reutlingen')}/release`)
      .expect(200);
    const r = await openAs(browser, app, reutlingen, { path: '/bedarfe' });
    const mi = await openAs(browser, app, ministry, { path: '/bedarfe' });
    open.push(r, mi);
    ministryScreen = mi;
    for (const p of [r.page, mi.page]) {
      await p.getByLabel('Handlungsfeld', { exact: true }).selectOption({ label: 'Wohnen' });
    }
    await mi.page.waitForFunction(
      () => document.querySelector('.n-tile[data-key="08415"] .n-tile-value')?.textContent === '1',
      undefined,
      { timeout: 20_000 },
    );
    expect(await mi.page.locator('.n-tile[data-key="08416"] .n-tile-value').textContent()).toBe('1');
    // Read again now that the roll-up holds both reports: the network's map still shows neither.
    await r.page.reload();
    await r.page.getByLabel('Handlungsfeld', { exact: true }).selectOption({ label: 'Wohnen' });
    await r.page
      .getByText('Gezählt sind die Einträge, die für das ganze Netzwerk freigegeben sind.')
      .waitFor();
    await r.page.getByRole('heading', { name: 'Karte der Kreise: Wohnen' }).waitFor();
    expect(await r.page.locator('.n-tile[data-key="08415"] .n-tile-value').textContent()).toBe('0');
    expect(await r.page.locator('.n-tile[data-key="08416"] .n-tile-value').textContent()).toBe('0');
    // A district person neither creates rounds nor sets rules, nor dismisses signals.
    expect(await r.page.getByRole('link', { name: 'Neue Berichtsrunde' }).count()).toBe(0);
    expect(await r.page.getByRole('button', { name: 'Verwerfen' }).count()).toBe(0);
    await expectAccessible(r.page, 'radar of a district');
  }, 120_000);

  it('sends an urgent report between rounds, which raises its signal on the ministry’s radar', async () => {
    const page = deputyScreen.page;
    const mi = ministryScreen;
    const form = page.locator('.n-adhoc');
    await form.getByLabel('Handlungsfeld').selectOption({ label: 'Gesundheit' });
    await form.getByLabel('Zielgruppe').fill('Traumatisierte Geflüchtete');
    await form.getByLabel('Betroffene (ungefähre Zahl)').fill('25');
    await form.getByLabel('Ganzes Netzwerk').check();
    await form.getByRole('button', { name: 'Dringende Meldung absenden' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dringende Meldung absenden?' });
    await dialog.getByRole('button', { name: 'Ja, absenden' }).click();
    await page.getByText('Die dringende Meldung (Gesundheit) ist freigegeben.').waitFor();
    await mi.page
      .locator('.n-signal', { hasText: 'Dringende Meldung (Stufe 5): Gesundheit' })
      .waitFor({ timeout: 20_000 });
  }, 60_000);

  it('lets the ministry’s admin set a rule’s threshold, and speaks English on request', async () => {
    const p = ministryScreen.page;
    await p.getByRole('link', { name: 'Regeln für Frühsignale' }).click();
    const rule = p.locator('form.n-rule', { hasText: 'Steigender Bedarf in mehreren Kreisen' });
    await rule.getByLabel('Anzahl der Kreise').fill('2');
    await rule.getByRole('button', { name: 'Regel speichern' }).click();
    await rule.getByText('Gespeichert.').waitFor();
    const rules = (await as(app, ministry).get('/api/v1/needs/rules').expect(200)).body.items as Array<{
      rule: string;
      params: Record<string, number>;
    }>;
    expect(rules.find((r) => r.rule === 'rising_cluster')!.params.districts).toBe(2);
    await expectAccessible(p, 'signal rules');
    await p.setViewportSize({ width: 390, height: 844 });
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await p.setViewportSize({ width: 1280, height: 900 });

    await p.getByRole('button', { name: 'Switch to English' }).click();
    await p.getByRole('link', { name: 'Needs', exact: true }).click();
    await p.getByRole('heading', { name: 'Needs radar', level: 1 }).waitFor();
    await p.getByRole('button', { name: 'Table', exact: true }).first().click();
    await p.locator('.n-district-table caption', { hasText: 'per district' }).waitFor();
    await p.getByRole('heading', { name: 'Early signals' }).waitFor();
  }, 60_000);
});
