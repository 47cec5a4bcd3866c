import { as, givenAdmin, givenUser, type TestUser } from '../support/factories';
import { connectSocket, subscribe, type TestSocket } from '../support/sockets';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, waitForQueuesToDrain, type TestApp } from '../support/test-app';
import { givenOrgPerson, organisationsByName } from '../consultations/consultation-support';

const entry = (field: string, visibility: 'network' | 'ministry', extra: Record<string, unknown> = {}) => ({
  field,
  targetGroup: `Zielgruppe ${field}`,
  affected: 40,
  trend: 'rising',
  severity: 3,
  missing: `Vertraulich ${field} ${visibility}`,
  visibility,
  ...extra,
});

/**
 * Who sees which report: a district its own (also while drafting) and what others shared with the network; the
 * ministry every released entry; unreleased reports only inside their organisation — over REST and over the live
 * `needs` stream (which carries no entry at all).
 */
describe('needs reports: who sees what', () => {
  let app: TestApp;
  let ministry: TestUser;
  let a: TestUser;
  let b: TestUser;
  let c: TestUser;
  let A: string;
  let B: string;
  let C: string;
  let periodId: string;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    const admin = await givenAdmin(app);
    const orgs = await organisationsByName(app);
    [A, B, C] = ['Landkreis Tübingen', 'Landkreis Reutlingen', 'Zollernalbkreis'].map((n) => orgs.get(n)!);
    ministry = await givenOrgPerson(
      app,
      admin,
      orgs.get('Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg')!,
      'admin',
    );
    a = await givenOrgPerson(app, admin, A, 'admin');
    b = await givenOrgPerson(app, admin, B, 'admin');
    c = await givenOrgPerson(app, admin, C, 'admin');
    const round = await as(app, ministry)
      .post('/api/v1/needs/rounds')
      .send({
        title: 'Sichtbarkeit',
        cadence: 'once',
        reporters: { organisationIds: [A, B, C] },
        dueDays: 30,
      })
      .expect(201);
    periodId = (await as(app, ministry).get(`/api/v1/needs/rounds/${round.body.id}/periods`).expect(200)).body
      .items[0].id;
  });
  afterAll(() => app.close());

  const report = (who: TestUser, org: string) => `/api/v1/needs/periods/${periodId}/reports/${org}`;
  const missing = (items: Array<{ organisationId: string; entries: Array<{ missing: string }> }>) =>
    Object.fromEntries(items.map((r) => [r.organisationId, r.entries.map((e) => e.missing).sort()]));

  it('keeps drafts inside, ministry-only entries for the ministry, and entries off the live stream', async () => {
    const socket: TestSocket = await connectSocket(app, c.accessToken);
    expect(await subscribe(socket, 'needs')).toMatchObject({ ok: true });
    const outsider = await givenUser(app);
    const stranger = await connectSocket(app, outsider.accessToken);
    expect(await subscribe(stranger, 'needs')).toMatchObject({ ok: false });

    await as(app, a)
      .put(report(a, A))
      .send({ entries: [entry('sprache', 'network'), entry('wohnen', 'ministry')] })
      .expect(200);
    await as(app, a)
      .post(`${report(a, A)}/release`)
      .expect(200);
    await as(app, b)
      .put(report(b, B))
      .send({ entries: [entry('arbeit', 'network')] })
      .expect(200); // stays a draft
    await as(app, c)
      .put(report(c, C))
      .send({ entries: [entry('gesundheit', 'ministry')] })
      .expect(200);
    await as(app, c)
      .post(`${report(c, C)}/release`)
      .expect(200);
    await waitForQueuesToDrain(app);

    const list = (who: TestUser) => as(app, who).get(`/api/v1/needs/periods/${periodId}/reports`).expect(200);
    expect(missing((await list(ministry)).body.items)).toEqual({
      [A]: ['Vertraulich sprache network', 'Vertraulich wohnen ministry'],
      [C]: ['Vertraulich gesundheit ministry'],
    });
    expect(missing((await list(b)).body.items)).toEqual({
      [A]: ['Vertraulich sprache network'],
      [B]: ['Vertraulich arbeit network'], // its own draft
      [C]: [],
    });
    await as(app, a).get(report(a, B)).expect(404); // another's draft
    expect((await as(app, a).get(report(a, C)).expect(200)).body.entries).toEqual([]);
    expect((await as(app, ministry).get(report(ministry, C)).expect(200)).body.entries).toHaveLength(1);
    await as(app, outsider).get(`/api/v1/needs/periods/${periodId}/reports`).expect(403);

    // The live stream told who released, never what.
    await expectEventually(() => {
      const released = socket.received.filter((e) => e.type === 'needs_report.released');
      expect(released.map((e) => (e.data as { organisationId: string }).organisationId).sort()).toEqual(
        [A, C].sort(),
      );
    });
    const everything = JSON.stringify(socket.received);
    expect(everything).not.toContain('Vertraulich');
    expect(everything).not.toContain('Zielgruppe');
    socket.close();
    stranger.close();
  });
});
