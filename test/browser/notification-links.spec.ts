import type { Browser } from 'playwright-core';
import { as, givenGroup, givenUser, type TestUser } from '../support/factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, waitForQueuesToDrain, type TestApp } from '../support/test-app';
import { givenOrgPerson, surveyBody } from '../consultations/consultation-support';
import { entry, givenNeedsWorld, type NeedsWorld } from '../needs/needs-support';
import { ensureWebBuilt, expectAccessible, launchBrowser, openAs } from './browser-support';

/**
 * Every kind of notice leads somewhere people can act: a consultation notice to its round, a membership request to
 * the organisation, a needs signal to the radar — not only posts and drafts (those had their own tests).
 */
describe('browser: where notifications lead', () => {
  let app: TestApp;
  let browser: Browser;
  let world: NeedsWorld;
  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({ worker: true });
    browser = await launchBrowser();
    world = await givenNeedsWorld(app);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a round, a membership request and a needs signal each open their own screen from the notification list', async () => {
    const tuebingen = world.orgs.get('Landkreis Tübingen')!;
    const lead = await givenOrgPerson(app, world.admin, tuebingen, 'admin', 'Landkreis Tübingen Leitung');
    // A round addressed to Tübingen (its people are told), a request to belong (its admins are told), and an
    // urgent report (the ministry is told).
    const group = await givenGroup(app);
    const round = (
      await as(app, group.owner)
        .post(`/api/v1/groups/${group.id}/consultations`)
        .send(surveyBody([tuebingen], { title: 'Abfrage Wartezeiten' }))
        .expect(201)
    ).body;
    const newcomer = await givenUser(app, { displayName: 'Nina Neu' });
    await as(app, newcomer).patch('/api/v1/me').send({ organisationId: tuebingen }).expect(200);
    await as(app, lead)
      .post(`/api/v1/needs/reports/adhoc/${tuebingen}`)
      .send({ entries: [entry({ field: 'gesundheit', severity: 5 })] })
      .expect(201);
    await waitForQueuesToDrain(app);
    await expectEventually(async () => {
      const kinds = async (user: TestUser) =>
        (await as(app, user).get('/api/v1/notifications').expect(200)).body.items.map(
          (n: { kind: string }) => n.kind,
        );
      expect(await kinds(lead)).toEqual(expect.arrayContaining(['consult_addressed', 'org_request']));
      expect(await kinds(world.ministry)).toContain('needs_signal');
    });

    const district = await openAs(browser, app, lead, { path: '/notifications' });
    try {
      const { page } = district;
      const roundLink = page.getByRole('link', {
        name: 'Neue Anhörung an Landkreis Tübingen: „Abfrage Wartezeiten“',
      });
      await expect(roundLink.getAttribute('href')).resolves.toBe(`#/consultations/${round.id}`);
      const request = page.getByRole('link', { name: /^Nina Neu möchte zu Landkreis Tübingen gehören/ });
      await expect(request.getAttribute('href')).resolves.toBe(`#/organisations/${tuebingen}`);
      await expectAccessible(page, 'notifications of a district');
      await roundLink.click();
      await page.getByRole('heading', { name: 'Abfrage Wartezeiten', level: 1 }).waitFor();
      expect(district.errors).toEqual([]);
    } finally {
      await district.close();
    }

    const ministry = await openAs(browser, app, world.ministry, { path: '/notifications' });
    try {
      const { page } = ministry;
      const signal = page.getByRole('link', {
        name: 'Neues Signal im Bedarfsradar: Dringende Meldung (Stufe 5): Gesundheit, Landkreis Tübingen',
      });
      await expect(signal.getAttribute('href')).resolves.toBe('#/bedarfe');
      await signal.click();
      await page.waitForURL(/#\/bedarfe$/);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(ministry.errors).toEqual([]);
    } finally {
      await ministry.close();
    }
  }, 120_000);
});
