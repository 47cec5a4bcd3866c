import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { as, givenAdmin, givenUser, TestUser } from '../support/factories';
import { expectEventually } from '../support/expect-eventually';
import { withFreshApp } from '../support/fresh-app';
import { connectSocket, subscribe } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';
import { eventuallyNotified, expectErrorBody, notificationsOf } from '../notifications/notification-helpers';

interface Org {
  id: string;
  name: string;
  kind: string;
  kreisschluessel: string | null;
  regierungsbezirk: string | null;
}

/**
 * Organisations as the network's actors: the register in every installation, towns added by platform admins,
 * membership asked for and confirmed by the organisation's admins, the verified label, organisation:<id> live.
 */
describe('organisations', () => {
  let app: TestApp;
  let register: Org[];
  let platformAdmin: TestUser;
  const byName = (name: string) => register.find((o) => o.name === name)!;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    platformAdmin = await givenAdmin(app);
    register = (await request(app.url).get('/api/v1/organisations').expect(200)).body.items;
  });
  afterAll(() => app.close());

  /** A fresh town of a district (so that every test has an organisation nobody else touches). */
  let nextTown = 100;
  async function givenTown(district = 'Landkreis Tübingen'): Promise<Org> {
    const parent = byName(district);
    const ags = `${parent.kreisschluessel}${nextTown++}`;
    const res = await as(app, platformAdmin)
      .post('/api/v1/organisations')
      .send({ name: `Gemeinde ${randomUUID().slice(0, 8)}`, kind: 'town', parentId: parent.id, ags })
      .expect(201);
    return res.body;
  }

  /** A town with a confirmed admin. */
  async function givenOrganisation() {
    const org = await givenTown();
    const admin = await givenUser(app, { organisationId: org.id, organisationRole: 'admin' });
    return { org, admin };
  }

  it('the register is present after the migrations alone: ministry, 3 associations, 44 districts with keys', async () => {
    await withFreshApp('orgs', async (fresh) => {
      const res = await request(fresh.url).get('/api/v1/organisations').expect(200);
      const items: Org[] = res.body.items;
      expect(items.filter((o) => o.kind === 'ministry')).toHaveLength(1);
      expect(items.filter((o) => o.kind === 'association')).toHaveLength(3);
      const districts = items.filter((o) => o.kind === 'Stadtkreis' || o.kind === 'Landkreis');
      expect(districts).toHaveLength(44);
      expect(districts.filter((o) => o.kind === 'Stadtkreis')).toHaveLength(9);
      for (const d of districts) {
        expect(d.kreisschluessel).toMatch(/^08[1-4]\d\d$/);
        expect(['Stuttgart', 'Karlsruhe', 'Freiburg', 'Tübingen']).toContain(d.regierungsbezirk);
      }
      expect(new Set(districts.map((d) => d.kreisschluessel)).size).toBe(44);
      expect(items.find((o) => o.name === 'Ortenaukreis')).toEqual({
        id: expect.any(String),
        name: 'Ortenaukreis',
        kind: 'Landkreis',
        parentId: null,
        regierungsbezirk: 'Freiburg',
        kreisschluessel: '08317',
        ags: null,
        detail: 'Landkreis · Regierungsbezirk Freiburg',
      });
      expect(items.map((o) => o.name)).toEqual(
        expect.arrayContaining(['Stadtkreis Heilbronn', 'Landkreis Heilbronn']),
      );
    });
  });

  it('platform admins add towns (AGS within the district), nobody else; bad towns are refused', async () => {
    const tuebingen = byName('Landkreis Tübingen');
    const user = await givenUser(app);
    const town = { name: `Rottenburg ${randomUUID().slice(0, 6)}`, kind: 'town', parentId: tuebingen.id };
    await as(app, user).post('/api/v1/organisations').send(town).expect(403);
    await request(app.url).post('/api/v1/organisations').send(town).expect(401);
    const created = await as(app, platformAdmin)
      .post('/api/v1/organisations')
      .send({ ...town, ags: '08416041' })
      .expect(201);
    expect(created.body).toMatchObject({
      name: town.name,
      kind: 'town',
      parentId: tuebingen.id,
      regierungsbezirk: 'Tübingen',
      ags: '08416041',
      kreisschluessel: null,
    });
    const listed = (await request(app.url).get('/api/v1/organisations').expect(200)).body.items;
    expect(listed).toContainEqual(expect.objectContaining({ id: created.body.id, parentId: tuebingen.id }));
    // Duplicates: the same name in the same district, the same AGS.
    await as(app, platformAdmin).post('/api/v1/organisations').send(town).expect(409);
    const sameAgs = { ...town, name: `${town.name} b`, ags: '08416041' };
    const dup = await as(app, platformAdmin).post('/api/v1/organisations').send(sameAgs).expect(409);
    expect(dup.body).toMatchObject({ statusCode: 409, code: 'CONFLICT' });
    const bad: Array<[string, Record<string, unknown>]> = [
      ['AGS of another district', { ...town, name: 'X1', ags: '08317001' }],
      ['AGS not 8 digits', { ...town, name: 'X2', ags: '0841604' }],
      [
        'parent not a district',
        { ...town, name: 'X3', parentId: byName('Landkreistag Baden-Württemberg').id },
      ],
      ['unknown parent', { ...town, name: 'X4', parentId: randomUUID() }],
      ['malformed parent', { ...town, name: 'X5', parentId: 'nope' }],
      ['town without district', { name: 'X6', kind: 'town' }],
      ['kind of the register', { name: 'X7', kind: 'Landkreis' }],
      ['no name', { kind: 'other' }],
      ['name of wrong type', { name: 42, kind: 'other' }],
      ['AGS for another kind', { name: 'X8', kind: 'other', ags: '08416042' }],
      ['unknown field', { name: 'X9', kind: 'other', detail: 'x' }],
    ];
    for (const [why, body] of bad) {
      const res = await as(app, platformAdmin).post('/api/v1/organisations').send(body);
      expect([why, res.status]).toEqual([why, 400]);
      expectErrorBody(res.body, 400);
    }
  });

  it('a request, confirmed by the organisation’s admin: the label shows verified only then', async () => {
    const { org, admin } = await givenOrganisation();
    const person = await givenUser(app);
    const asked = await as(app, person)
      .post(`/api/v1/organisations/${org.id}/membership-requests`)
      .expect(201);
    expect(asked.body).toMatchObject({ organisationId: org.id, userId: person.id, status: 'requested' });
    await as(app, person).post(`/api/v1/organisations/${org.id}/membership-requests`).expect(409);
    expect((await as(app, person).get('/api/v1/me').expect(200)).body.organisation).toBeNull();

    const notice = await eventuallyNotified(app, admin, (n) => n.kind === 'org_request');
    expect(notice).toMatchObject({
      organisationId: org.id,
      organisationName: org.name,
      actor: expect.objectContaining({ id: person.id }),
    });

    const members = await as(app, admin).get(`/api/v1/organisations/${org.id}/members`).expect(200);
    expect(members.body.items.map((m: { userId: string; status: string }) => [m.userId, m.status])).toEqual([
      [person.id, 'requested'],
      [admin.id, 'confirmed'],
    ]);
    expect(members.body.items[0]).toMatchObject({ email: person.email, role: 'member' });

    const confirmed = await as(app, admin)
      .put(`/api/v1/organisations/${org.id}/members/${person.id}`)
      .send({ role: 'deputy' })
      .expect(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', role: 'deputy', decidedBy: admin.id });
    const me = await as(app, person).get('/api/v1/me').expect(200);
    expect(me.body.organisation).toEqual({
      id: org.id,
      name: org.name,
      kind: 'town',
      detail: 'Regierungsbezirk Tübingen',
      verified: true,
    });
    const decided = await eventuallyNotified(app, person, (n) => n.kind === 'org_confirmed');
    expect(decided).toMatchObject({ organisationId: org.id, role: 'deputy' });
    // One organisation is shown next to a person: asking another one is refused while they belong here.
    const other = await givenTown();
    const elsewhere = await as(app, person)
      .post(`/api/v1/organisations/${other.id}/membership-requests`)
      .expect(409);
    expect(elsewhere.body).toMatchObject({ code: 'CONFLICT', reason: 'MEMBER_ELSEWHERE' });
  });

  it('registration and the account page ask to belong; they do not set the label', async () => {
    const { org } = await givenOrganisation();
    const person = await givenUser(app);
    const registered = await request(app.url)
      .post('/api/v1/auth/register')
      .send({
        email: `reg-${randomUUID().slice(0, 8)}@example.org`,
        password: person.password,
        displayName: 'Neu Angemeldet',
        organisationId: org.id,
      })
      .expect(201);
    expect(registered.body.user.organisation).toBeNull();
    const mine = await request(app.url)
      .get('/api/v1/me/organisations')
      .auth(registered.body.accessToken, { type: 'bearer' })
      .expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ organisation: expect.objectContaining({ id: org.id }), status: 'requested' }),
    ]);
    // The account page: naming another organisation replaces the open request; null withdraws it.
    const second = await givenTown();
    await request(app.url)
      .patch('/api/v1/me')
      .auth(registered.body.accessToken, { type: 'bearer' })
      .send({ organisationId: second.id })
      .expect(200);
    const after = await request(app.url)
      .get('/api/v1/me/organisations')
      .auth(registered.body.accessToken, { type: 'bearer' })
      .expect(200);
    expect(after.body.items.map((m: { organisation: { id: string } }) => m.organisation.id)).toEqual([
      second.id,
    ]);
    await request(app.url)
      .patch('/api/v1/me')
      .auth(registered.body.accessToken, { type: 'bearer' })
      .send({ organisationId: null })
      .expect(200);
    const none = await request(app.url)
      .get('/api/v1/me/organisations')
      .auth(registered.body.accessToken, { type: 'bearer' })
      .expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('who may list, confirm, change and remove: the organisation’s admins and platform admins', async () => {
    const { org, admin } = await givenOrganisation();
    const { admin: otherAdmin } = await givenOrganisation();
    const member = await givenUser(app, { organisationId: org.id });
    const deputy = await givenUser(app, { organisationId: org.id, organisationRole: 'deputy' });
    const stranger = await givenUser(app);
    const asking = await givenUser(app);
    await as(app, asking).post(`/api/v1/organisations/${org.id}/membership-requests`).expect(201);
    const members = `/api/v1/organisations/${org.id}/members`;

    for (const who of [member, deputy, stranger, otherAdmin, asking]) {
      const list = await as(app, who).get(members);
      expect(list.status).toBe(403);
      expectErrorBody(list.body, 403);
      await as(app, who).put(`${members}/${asking.id}`).send({ role: 'member' }).expect(403);
      await as(app, who).delete(`${members}/${admin.id}`).expect(403);
    }
    await request(app.url).get(members).expect(401);
    await as(app, admin).get(members).expect(200);
    await as(app, platformAdmin).get(members).expect(200);

    // A platform admin confirms; the admin changes a role; the last admin stays (for the org's own admins).
    await as(app, platformAdmin).put(`${members}/${asking.id}`).send({ role: 'member' }).expect(200);
    await as(app, admin).put(`${members}/${member.id}`).send({ role: 'admin' }).expect(200);
    await as(app, member).put(`${members}/${member.id}`).send({ role: 'member' }).expect(200);
    const last = await as(app, admin).put(`${members}/${admin.id}`).send({ role: 'member' }).expect(409);
    expect(last.body).toMatchObject({ code: 'CONFLICT', reason: 'LAST_ADMIN' });
    await as(app, admin).delete(`${members}/${admin.id}`).expect(409);

    // A person may leave; an admin removes; a removed person's label is gone.
    await as(app, deputy).delete(`${members}/${deputy.id}`).expect(204);
    expect((await as(app, deputy).get('/api/v1/me').expect(200)).body.organisation).toBeNull();
    await as(app, admin).delete(`${members}/${asking.id}`).expect(204);
    await eventuallyNotified(app, asking, (n) => n.kind === 'org_removed' && n.organisationId === org.id);
    await as(app, admin).delete(`${members}/${asking.id}`).expect(404);
    // A declined request tells the person; leaving on one's own tells nobody.
    const declined = await givenUser(app);
    await as(app, declined).post(`/api/v1/organisations/${org.id}/membership-requests`).expect(201);
    await as(app, admin).delete(`${members}/${declined.id}`).expect(204);
    await eventuallyNotified(app, declined, (n) => n.kind === 'org_declined');
    expect((await notificationsOf(app, deputy)).filter((n) => n.kind.startsWith('org_'))).toEqual([]);
    const left = await as(app, admin).get(members).expect(200);
    expect(left.body.items.map((m: { userId: string }) => m.userId).sort()).toEqual(
      [admin.id, member.id].sort(),
    );
  });

  it('bad input: malformed ids 400, unknown organisation or member 404, bad roles 400', async () => {
    const { org, admin } = await givenOrganisation();
    const person = await givenUser(app);
    const cases: Array<[string, () => request.Test, number]> = [
      ['malformed org id', () => as(app, admin).get('/api/v1/organisations/nope/members'), 400],
      [
        'malformed user id',
        () => as(app, admin).put(`/api/v1/organisations/${org.id}/members/nope`).send({ role: 'member' }),
        400,
      ],
      [
        'request: malformed org',
        () => as(app, person).post('/api/v1/organisations/12/membership-requests'),
        400,
      ],
      ['unknown org: list', () => as(app, admin).get(`/api/v1/organisations/${randomUUID()}/members`), 404],
      [
        'unknown org: request',
        () => as(app, person).post(`/api/v1/organisations/${randomUUID()}/membership-requests`),
        404,
      ],
      [
        'unknown org: role',
        () =>
          as(app, admin)
            .put(`/api/v1/organisations/${randomUUID()}/members/${person.id}`)
            .send({ role: 'member' }),
        404,
      ],
      [
        'unknown member',
        () =>
          as(app, admin).put(`/api/v1/organisations/${org.id}/members/${person.id}`).send({ role: 'member' }),
        404,
      ],
      [
        'unknown member: delete',
        () => as(app, admin).delete(`/api/v1/organisations/${org.id}/members/${randomUUID()}`),
        404,
      ],
      [
        'bad role',
        () =>
          as(app, admin).put(`/api/v1/organisations/${org.id}/members/${admin.id}`).send({ role: 'owner' }),
        400,
      ],
      [
        'role of wrong type',
        () => as(app, admin).put(`/api/v1/organisations/${org.id}/members/${admin.id}`).send({ role: 1 }),
        400,
      ],
      [
        'missing role',
        () => as(app, admin).put(`/api/v1/organisations/${org.id}/members/${admin.id}`).send({}),
        400,
      ],
      [
        'extra field',
        () =>
          as(app, admin)
            .put(`/api/v1/organisations/${org.id}/members/${admin.id}`)
            .send({ role: 'admin', status: 'confirmed' }),
        400,
      ],
      [
        'register: unknown organisation',
        () =>
          request(app.url)
            .post('/api/v1/auth/register')
            .send({
              email: `x-${randomUUID().slice(0, 6)}@example.org`,
              password: person.password,
              displayName: 'X',
              organisationId: randomUUID(),
            }),
        400,
      ],
    ];
    for (const [why, call, status] of cases) {
      const res = await call();
      expect([why, res.status]).toEqual([why, status]);
      expectErrorBody(res.body, status);
    }
  });

  it('organisation:<id> over a real socket: members get its events; others are refused; a removed member loses it', async () => {
    const { org, admin } = await givenOrganisation();
    const member = await givenUser(app, { organisationId: org.id });
    const stranger = await givenUser(app);
    const stream = `organisation:${org.id}`;

    const strangerSocket = await connectSocket(app, stranger.accessToken);
    const refused = await subscribe(strangerSocket, stream);
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    strangerSocket.close();

    const memberSocket = await connectSocket(app, member.accessToken);
    const adminSocket = await connectSocket(app, platformAdmin.accessToken);
    try {
      expect(await subscribe(memberSocket, stream)).toMatchObject({ ok: true });
      expect(await subscribe(adminSocket, stream)).toMatchObject({ ok: true });
      const asking = await givenUser(app);
      await as(app, asking).post(`/api/v1/organisations/${org.id}/membership-requests`).expect(201);
      await as(app, admin)
        .put(`/api/v1/organisations/${org.id}/members/${asking.id}`)
        .send({ role: 'member' })
        .expect(200);
      await expectEventually(() =>
        expect(memberSocket.received.map((e) => e.type)).toEqual([
          'organisation.membership_requested',
          'organisation.member_confirmed',
        ]),
      );
      expect(memberSocket.received[1]).toMatchObject({
        stream,
        actorId: admin.id,
        data: { organisationId: org.id, member: { userId: asking.id, status: 'confirmed', role: 'member' } },
      });
      // Removed: the subscription ends (no further events arrive), and subscribing again is refused.
      await as(app, admin).delete(`/api/v1/organisations/${org.id}/members/${member.id}`).expect(204);
      await expectEventually(async () =>
        expect(await subscribe(memberSocket, stream)).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND' },
        }),
      );
      await as(app, admin)
        .put(`/api/v1/organisations/${org.id}/members/${asking.id}`)
        .send({ role: 'deputy' });
      await expectEventually(() =>
        expect(adminSocket.received.map((e) => e.type)).toContain('organisation.member_role_changed'),
      );
      expect(memberSocket.received.map((e) => e.type)).not.toContain('organisation.member_role_changed');
    } finally {
      memberSocket.close();
      adminSocket.close();
    }
  });

  it('the label next to a person’s posts and in member lists is the confirmed one only', async () => {
    const { org } = await givenOrganisation();
    const confirmed = await givenUser(app, { organisationId: org.id });
    const requesting = await givenUser(app);
    await as(app, requesting).patch('/api/v1/me').send({ organisationId: org.id }).expect(200);
    const group = (
      await as(app, confirmed)
        .post('/api/v1/groups')
        .send({ name: `AG ${randomUUID().slice(0, 6)}` })
        .expect(201)
    ).body;
    await as(app, confirmed)
      .post(`/api/v1/groups/${group.id}/members`)
      .send({ userId: requesting.id, role: 'member' })
      .expect(201);
    const list = await as(app, confirmed).get(`/api/v1/groups/${group.id}/members`).expect(200);
    const shown = Object.fromEntries(
      list.body.items.map((m: { userId: string; organisation: unknown }) => [m.userId, m.organisation]),
    );
    expect(shown[confirmed.id]).toMatchObject({ id: org.id, verified: true });
    expect(shown[requesting.id]).toBeNull();
  });
});
