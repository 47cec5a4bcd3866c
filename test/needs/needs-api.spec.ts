import { NeedsAggregator, NeedsScheduler } from '@runde/needs';
import { as, givenAdmin, givenGroup, givenUser, type TestGroup, type TestUser } from '../support/factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe, type TestSocket } from '../support/sockets';
import { startTestApp, waitForQueuesToDrain, type TestApp } from '../support/test-app';
import { givenOrgPerson, organisationsByName } from '../consultations/consultation-support';

const entry = (overrides: Record<string, unknown> = {}) => ({
  field: 'sprache',
  targetGroup: 'Neu Zugewanderte mit Kindern',
  affected: 120,
  trend: 'rising',
  severity: 4,
  missing: 'Kurse mit Kinderbetreuung',
  visibility: 'network',
  ...overrides,
});

/**
 * The needs radar end to end over the API and the worker: a quarterly round to the 44 districts; three districts
 * of Regierungsbezirk Tübingen release "steigend" for Sprachförderung → a signal (live on `needs`) that becomes a
 * topic with the three reports; a Fehlanzeige counts; roll-ups match a straight count and a rebuild.
 */
describe('needs reports (Bedarfsmeldungen)', () => {
  let app: TestApp;
  let admin: TestUser;
  let group: TestGroup;
  let orgs: Map<string, string>;
  let ministry: TestUser;
  const people = new Map<string, { admin: TestUser; member: TestUser }>();
  let roundId: string;
  let periodId: string;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await givenAdmin(app);
    group = await givenGroup(app);
    orgs = await organisationsByName(app);
    ministry = await givenOrgPerson(
      app,
      admin,
      orgs.get('Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg')!,
      'admin',
      'Ministerium',
    );
    for (const name of [
      'Landkreis Tübingen',
      'Landkreis Reutlingen',
      'Zollernalbkreis',
      'Stadtkreis Ulm',
      'Ortenaukreis',
    ]) {
      const orgId = orgs.get(name)!;
      people.set(name, {
        admin: await givenOrgPerson(app, admin, orgId, 'admin', `${name} Leitung`),
        member: await givenOrgPerson(app, admin, orgId, 'member', `${name} Sachbearbeitung`),
      });
    }
  });
  afterAll(() => app.close());

  it('runs a quarterly round: drafts stay inside, releases count, a cluster raises a signal that becomes a topic', async () => {
    const created = await as(app, ministry)
      .post('/api/v1/needs/rounds')
      .send({
        title: 'Bedarfsmeldung Integration',
        cadence: 'quarterly',
        reporters: { sets: ['districts'] },
        dueDays: 30,
      })
      .expect(201);
    roundId = created.body.id;
    expect(created.body.reporters).toBe(44);
    const periods = await as(app, ministry).get(`/api/v1/needs/rounds/${roundId}/periods`).expect(200);
    expect(periods.body.items).toHaveLength(1);
    periodId = periods.body.items[0].id;

    const ministrySocket: TestSocket = await connectSocket(app, ministry.accessToken);
    await subscribe(ministrySocket, 'needs');

    // A member drafts; the draft is invisible outside its district; the admin releases.
    for (const name of ['Landkreis Tübingen', 'Landkreis Reutlingen']) {
      const orgId = orgs.get(name)!;
      const { admin: lead, member } = people.get(name)!;
      await as(app, member)
        .put(`/api/v1/needs/periods/${periodId}/reports/${orgId}`)
        .send({ entries: [entry()] })
        .expect(200);
      await as(app, people.get('Stadtkreis Ulm')!.admin)
        .get(`/api/v1/needs/periods/${periodId}/reports/${orgId}`)
        .expect(404);
      await as(app, member).post(`/api/v1/needs/periods/${periodId}/reports/${orgId}/release`).expect(403);
      await as(app, lead).post(`/api/v1/needs/periods/${periodId}/reports/${orgId}/release`).expect(200);
    }
    // Ulm: a Fehlanzeige.
    const ulm = orgs.get('Stadtkreis Ulm')!;
    await as(app, people.get('Stadtkreis Ulm')!.member)
      .put(`/api/v1/needs/periods/${periodId}/reports/${ulm}`)
      .send({ nilReturn: true })
      .expect(200);
    await as(app, people.get('Stadtkreis Ulm')!.admin)
      .post(`/api/v1/needs/periods/${periodId}/reports/${ulm}/release`)
      .expect(200);
    // The third district of Tübingen's Regierungsbezirk: the signal.
    const zak = orgs.get('Zollernalbkreis')!;
    await as(app, people.get('Zollernalbkreis')!.admin)
      .put(`/api/v1/needs/periods/${periodId}/reports/${zak}`)
      .send({
        entries: [
          entry({ severity: 5, affected: 80 }),
          entry({ field: 'wohnen', trend: 'stable', visibility: 'ministry', affected: 30 }),
        ],
      })
      .expect(200);
    await as(app, people.get('Zollernalbkreis')!.admin)
      .post(`/api/v1/needs/periods/${periodId}/reports/${zak}/release`)
      .expect(200);

    await waitForQueuesToDrain(app);
    const raised = await expectEventually(() => {
      const found = ministrySocket.received.find(
        (e) =>
          e.type === 'needs_signal.raised' &&
          (e.data as { signal: { rule: string } }).signal.rule === 'rising_cluster',
      );
      if (!found) throw new Error('no signal yet');
      return found.data as { signal: { id: string; reportIds: string[]; summary: string } };
    });
    expect(raised.signal.reportIds).toHaveLength(3);
    expect(raised.signal.summary).toContain('Regierungsbezirk Tübingen');

    const completeness = await as(app, ministry)
      .get(`/api/v1/needs/periods/${periodId}/completeness`)
      .expect(200);
    expect(completeness.body).toMatchObject({ expected: 44, released: 3, nilReturns: 1, late: 0 });
    expect(completeness.body.rate).toBeCloseTo(4 / 44);

    // Roll-up: the ministry sees the Wohnen entry, a district does not (it was for the ministry only).
    const rb = await as(app, ministry)
      .get(`/api/v1/needs/rollup?field=sprache&periodId=${periodId}&level=regierungsbezirk`)
      .expect(200);
    expect(rb.body.items.find((r: { key: string }) => r.key === 'Tübingen')).toMatchObject({
      reports: 3,
      affected: 320,
      trend: { rising: 3 },
    });
    const district = await as(app, ministry)
      .get(`/api/v1/needs/rollup?field=sprache&periodId=${periodId}`)
      .expect(200);
    expect(district.body.items).toHaveLength(44);
    const housingMinistry = await as(app, ministry)
      .get(`/api/v1/needs/rollup?field=wohnen&periodId=${periodId}&level=land`)
      .expect(200);
    expect(housingMinistry.body.items).toEqual([expect.objectContaining({ key: 'BW', reports: 1 })]);
    const housingOthers = await as(app, people.get('Stadtkreis Ulm')!.admin)
      .get(`/api/v1/needs/rollup?field=wohnen&periodId=${periodId}&level=land`)
      .expect(200);
    expect(housingOthers.body.items).toEqual([]);

    // A rebuild from the event log gives the same aggregates.
    const before = await app.dataSource.query(
      `SELECT * FROM needs_aggregates ORDER BY period_id, field, level, key, audience`,
    );
    await app.worker!.get(NeedsAggregator).rebuild();
    expect(
      await app.dataSource.query(
        `SELECT * FROM needs_aggregates ORDER BY period_id, field, level, key, audience`,
      ),
    ).toEqual(before);

    // The signal becomes a topic with the three reports linked.
    const topic = await as(app, group.people.owner)
      .post(`/api/v1/needs/signals/${raised.signal.id}/topic`)
      .send({ groupId: group.id })
      .expect(404); // the group's owner is in no organisation: the radar is not theirs
    void topic;
    await as(app, admin)
      .post(`/api/v1/needs/signals/${raised.signal.id}/topic`)
      .send({ groupId: group.id })
      .expect(201);
    const signals = await as(app, ministry).get('/api/v1/needs/signals').expect(200);
    expect(signals.body.items.find((s: { id: string }) => s.id === raised.signal.id)).toMatchObject({
      status: 'topic',
    });
    await as(app, admin)
      .post(`/api/v1/needs/signals/${raised.signal.id}/topic`)
      .send({ groupId: group.id })
      .expect(409);
    ministrySocket.close();
  });

  it('opens, reminds and closes by the scheduler, each once', async () => {
    const scheduler = app.worker!.get(NeedsScheduler);
    const period = (await as(app, ministry).get(`/api/v1/needs/periods/${periodId}/completeness`).expect(200))
      .body;
    const due = new Date(period.dueAt);
    const first = await scheduler.tick(new Date(due.getTime() - 24 * 3600 * 1000 + 1000));
    expect(first.reminded).toBe(44 - 4); // the silent ones, not those who answered
    const again = await scheduler.tick(new Date(due.getTime() - 24 * 3600 * 1000 + 2000));
    expect(again.reminded).toBe(0);
    // A late release is marked late.
    const ortenau = orgs.get('Ortenaukreis')!;
    await app.dataSource.query(`UPDATE needs_periods SET due_at = now() - interval '1 hour' WHERE id = $1`, [
      periodId,
    ]);
    await as(app, people.get('Ortenaukreis')!.admin)
      .put(`/api/v1/needs/periods/${periodId}/reports/${ortenau}`)
      .send({ entries: [entry({ trend: 'new' })] })
      .expect(200);
    const late = await as(app, people.get('Ortenaukreis')!.admin)
      .post(`/api/v1/needs/periods/${periodId}/reports/${ortenau}/release`)
      .expect(200);
    expect(late.body.late).toBe(true);
    const closed = await scheduler.tick(new Date(Date.now() + 15 * 24 * 3600 * 1000));
    expect(closed.closed).toBeGreaterThanOrEqual(1);
    expect((await scheduler.tick(new Date(Date.now() + 15 * 24 * 3600 * 1000))).closed).toBe(0);
    await as(app, people.get('Landkreis Reutlingen')!.admin)
      .put(`/api/v1/needs/periods/${periodId}/reports/${orgs.get('Landkreis Reutlingen')!}`)
      .send({ entries: [entry()] })
      .expect(409);
  });

  it('refuses bad input with the contract body', async () => {
    const tue = orgs.get('Landkreis Tübingen')!;
    const lead = people.get('Landkreis Tübingen')!.admin;
    const bad = await as(app, lead)
      .post(`/api/v1/needs/reports/adhoc/${tue}`)
      .send({ entries: [entry({ severity: 9 })] })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    await as(app, lead)
      .post(`/api/v1/needs/reports/adhoc/${tue}`)
      .send({ entries: [entry({ field: 'zauberei' })] })
      .expect(400);
    await as(app, lead)
      .post(`/api/v1/needs/reports/adhoc/not-a-uuid`)
      .send({ entries: [entry()] })
      .expect(400);
    await as(app, lead)
      .post(`/api/v1/needs/rounds`)
      .send({ title: 'x', cadence: 'quarterly', reporters: { sets: ['districts'] }, dueDays: 30 })
      .expect(403);
    await as(app, ministry)
      .post(`/api/v1/needs/rounds`)
      .send({ title: 'x', cadence: 'weekly', reporters: {}, dueDays: 'soon' })
      .expect(400);
    await as(app, ministry)
      .post(`/api/v1/needs/rounds`)
      .send({
        title: 'x',
        cadence: 'once',
        reporters: { organisationIds: ['00000000-0000-4000-8000-000000000000'] },
        dueDays: 3,
      })
      .expect(400);
    const outsider = await givenUser(app);
    await as(app, outsider).get('/api/v1/needs/signals').expect(403);
    await as(app).get('/api/v1/needs/signals').expect(401);
    // An urgent ad-hoc report of severity 5 raises a signal at once.
    await as(app, lead)
      .post(`/api/v1/needs/reports/adhoc/${tue}`)
      .send({ entries: [entry({ field: 'gesundheit', severity: 5 })] })
      .expect(201);
    await waitForQueuesToDrain(app);
    await expectEventually(async () => {
      const signals = (await as(app, ministry).get('/api/v1/needs/signals').expect(200)).body.items as Array<{
        rule: string;
      }>;
      if (!signals.some((s) => s.rule === 'adhoc_critical')) throw new Error('no ad-hoc signal yet');
    });
  });
});
