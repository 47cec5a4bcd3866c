import { as, givenAdmin, type TestUser } from '../support/factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, waitForQueuesToDrain, type TestApp } from '../support/test-app';
import { givenOrgPerson, organisationsByName } from '../consultations/consultation-support';

const MINISTRY = 'Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg';
/** Regierungsbezirk Tübingen's districts, in the order they release. */
const DISTRICTS = [
  'Landkreis Tübingen',
  'Landkreis Reutlingen',
  'Zollernalbkreis',
  'Alb-Donau-Kreis',
  'Landkreis Biberach',
];

/**
 * A rising cluster that grows: the fourth and fifth district's releases update the signal (its reports and
 * summary), and every release still reaches the roll-up (the aggregate consumer and the rules run in one transaction; found by bench/needs, where the fourth
 * release of a Regierungsbezirk failed the consumer and its aggregates never counted).
 */
describe('needs: a growing rising cluster', () => {
  let app: TestApp;
  let ministry: TestUser;
  const admins = new Map<string, { orgId: string; admin: TestUser }>();

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    const platformAdmin = await givenAdmin(app);
    const orgs = await organisationsByName(app);
    ministry = await givenOrgPerson(app, platformAdmin, orgs.get(MINISTRY)!, 'admin', 'Ministerium');
    for (const name of DISTRICTS) {
      const orgId = orgs.get(name)!;
      admins.set(name, { orgId, admin: await givenOrgPerson(app, platformAdmin, orgId, 'admin', name) });
    }
  });
  afterAll(() => app.close());

  it('updates the signal with the fourth district and counts every release in the roll-up', async () => {
    const round = await as(app, ministry)
      .post('/api/v1/needs/rounds')
      .send({
        title: 'Bedarfsmeldung',
        cadence: 'quarterly',
        reporters: { sets: ['regierungsbezirk:Tübingen'] },
        dueDays: 30,
      })
      .expect(201);
    const periods = await as(app, ministry).get(`/api/v1/needs/rounds/${round.body.id}/periods`).expect(200);
    const periodId: string = periods.body.items[0].id;
    // The third release raises the signal, the fourth and fifth grow it (severity 3 keeps the other rules quiet).
    for (const name of DISTRICTS) {
      const { orgId, admin } = admins.get(name)!;
      await as(app, admin)
        .put(`/api/v1/needs/periods/${periodId}/reports/${orgId}`)
        .send({
          entries: [
            {
              field: 'sprache',
              targetGroup: 'Neu Zugewanderte',
              affected: 10,
              trend: 'rising',
              severity: 3,
              visibility: 'network',
            },
          ],
        })
        .expect(200);
      await as(app, admin).post(`/api/v1/needs/periods/${periodId}/reports/${orgId}/release`).expect(200);
      await waitForQueuesToDrain(app);
    }

    const rollup = await expectEventually(async () => {
      const res = await as(app, ministry)
        .get(`/api/v1/needs/rollup?field=sprache&periodId=${periodId}&level=land`)
        .expect(200);
      if (res.body.items[0]?.reports !== DISTRICTS.length) throw new Error(JSON.stringify(res.body.items));
      return res.body.items[0];
    });
    expect(rollup).toMatchObject({ key: 'BW', reports: 5, affected: 50, trend: { rising: 5 } });
    const signals: Array<{ rule: string; report_ids: string[]; summary: string }> =
      await app.dataSource.query(
        `SELECT rule, report_ids, summary FROM needs_signals WHERE rule = 'rising_cluster'`,
      );
    expect(signals).toHaveLength(1);
    expect(signals[0].report_ids).toHaveLength(5);
    expect(signals[0].summary).toContain('5 Kreise');
    const failed: Array<{ n: number }> = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM event_outbox WHERE last_error IS NOT NULL`,
    );
    expect(failed[0].n).toBe(0);
  });
});
