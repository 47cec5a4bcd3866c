import { as, givenAdmin, givenUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { givenOrgPerson, organisationsByName } from '../consultations/consultation-support';

const MINISTRY = 'Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg';

/** GET /needs/reports/:reportId — the report a signal's topic links to, as the caller may see it. */
describe('needs: a report by id', () => {
  let app: TestApp;
  let admin: TestUser;
  let ministry: TestUser;
  let tuebingen: TestUser;
  let ulm: TestUser;
  let orgs: Map<string, string>;
  let periodId: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await givenAdmin(app);
    orgs = await organisationsByName(app);
    ministry = await givenOrgPerson(app, admin, orgs.get(MINISTRY)!, 'member', 'Ministerium');
    tuebingen = await givenOrgPerson(app, admin, orgs.get('Landkreis Tübingen')!, 'admin', 'Tübingen');
    ulm = await givenOrgPerson(app, admin, orgs.get('Stadtkreis Ulm')!, 'admin', 'Ulm');
    const round = await as(app, admin)
      .post('/api/v1/needs/rounds')
      .send({
        title: 'Runde',
        cadence: 'once',
        reporters: { sets: ['regierungsbezirk:Tübingen'] },
        dueDays: 10,
      })
      .expect(201);
    periodId = (await as(app, admin).get(`/api/v1/needs/rounds/${round.body.id}/periods`).expect(200)).body
      .items[0].id;
  });
  afterAll(() => app.close());

  it('shows a draft inside its organisation only, and a released report with what each reader may see', async () => {
    const orgId = orgs.get('Landkreis Tübingen')!;
    const entry = (field: string, visibility: string) => ({
      field,
      targetGroup: 'Familien',
      affected: 12,
      trend: 'rising',
      severity: 3,
      visibility,
    });
    const draft = await as(app, tuebingen)
      .put(`/api/v1/needs/periods/${periodId}/reports/${orgId}`)
      .send({ entries: [entry('sprache', 'network'), entry('wohnen', 'ministry')] })
      .expect(200);
    const id = draft.body.id as string;
    expect((await as(app, tuebingen).get(`/api/v1/needs/reports/${id}`).expect(200)).body.status).toBe(
      'drafting',
    );
    await as(app, ulm).get(`/api/v1/needs/reports/${id}`).expect(404);
    await as(app, ministry).get(`/api/v1/needs/reports/${id}`).expect(404);

    await as(app, tuebingen).post(`/api/v1/needs/periods/${periodId}/reports/${orgId}/release`).expect(200);
    const fields = (body: { entries: Array<{ field: string }> }) => body.entries.map((e) => e.field);
    const byMinistry = (await as(app, ministry).get(`/api/v1/needs/reports/${id}`).expect(200)).body;
    expect(byMinistry).toMatchObject({ status: 'released', organisation: { name: 'Landkreis Tübingen' } });
    expect(fields(byMinistry)).toEqual(['sprache', 'wohnen']);
    expect(fields((await as(app, ulm).get(`/api/v1/needs/reports/${id}`).expect(200)).body)).toEqual([
      'sprache',
    ]);

    const outsider = await givenUser(app);
    await as(app, outsider).get(`/api/v1/needs/reports/${id}`).expect(403);
    await as(app, ulm).get('/api/v1/needs/reports/00000000-0000-4000-8000-000000000000').expect(404);
    await as(app, ulm).get('/api/v1/needs/reports/not-a-uuid').expect(400);
  });
});
