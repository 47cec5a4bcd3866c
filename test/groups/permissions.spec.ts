import { as, givenAdmin, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

type Who = 'admin' | 'owner' | 'moderator' | 'member' | 'observer' | 'outsider' | 'signedOut';
type What = 'readGroup' | 'listMembers' | 'addMember' | 'grantModerator' | 'removeMember' | 'removeLastOwner';

/** The exact status for each caller × action (the contract: no leaking of existence to outsiders). */
const MATRIX: Record<What, Record<Who, number>> = {
  readGroup: {
    admin: 200,
    owner: 200,
    moderator: 200,
    member: 200,
    observer: 200,
    outsider: 404,
    signedOut: 401,
  },
  listMembers: {
    admin: 200,
    owner: 200,
    moderator: 200,
    member: 200,
    observer: 200,
    outsider: 404,
    signedOut: 401,
  },
  addMember: {
    admin: 201,
    owner: 201,
    moderator: 201,
    member: 403,
    observer: 403,
    outsider: 404,
    signedOut: 401,
  },
  grantModerator: {
    admin: 200,
    owner: 200,
    moderator: 403,
    member: 403,
    observer: 403,
    outsider: 404,
    signedOut: 401,
  },
  removeMember: {
    admin: 204,
    owner: 204,
    moderator: 204,
    member: 403,
    observer: 403,
    outsider: 404,
    signedOut: 401,
  },
  removeLastOwner: {
    admin: 409,
    owner: 409,
    moderator: 403,
    member: 403,
    observer: 403,
    outsider: 404,
    signedOut: 401,
  },
};

describe('group permission matrix', () => {
  let app: TestApp;
  let admin: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await givenAdmin(app);
    const other = await givenGroup(app);
    outsider = other.people.member;
  });
  afterAll(() => app.close());

  function caller(who: Who, group: TestGroup): TestUser | undefined {
    if (who === 'admin') return admin;
    if (who === 'outsider') return outsider;
    if (who === 'signedOut') return undefined;
    return group.people[who];
  }

  const cases = Object.entries(MATRIX).flatMap(([what, row]) =>
    Object.entries(row).map(([who, status]) => [what as What, who as Who, status] as const),
  );

  it.each(cases)('%s by %s → %i', async (what, who, status) => {
    const group = await givenGroup(app);
    const api = as(app, caller(who, group));
    const base = `/api/v1/groups/${group.id}`;
    let res;
    switch (what) {
      case 'readGroup':
        res = await api.get(base);
        break;
      case 'listMembers':
        res = await api.get(`${base}/members`);
        break;
      case 'addMember': {
        const newcomer = await givenUser(app);
        res = await api.post(`${base}/members`).send({ userId: newcomer.id, role: 'member' });
        break;
      }
      case 'grantModerator':
        res = await api.patch(`${base}/members/${group.people.member.id}`).send({ role: 'moderator' });
        break;
      case 'removeMember': {
        const target = await givenUser(app);
        await as(app, group.owner)
          .post(`${base}/members`)
          .send({ userId: target.id, role: 'member' })
          .expect(201);
        res = await api.delete(`${base}/members/${target.id}`);
        break;
      }
      case 'removeLastOwner':
        res = await api.delete(`${base}/members/${group.owner.id}`);
        break;
    }
    expect({ what, who, status: res.status }).toEqual({ what, who, status });
    if (status >= 400)
      expect(res.body).toMatchObject({
        statusCode: status,
        code: expect.any(String),
        message: expect.any(String),
      });
  });
});

describe('group management', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('creates a group with the creator as owner and lists the caller’s groups', async () => {
    const user = await givenUser(app);
    const created = await as(app, user)
      .post('/api/v1/groups')
      .send({ name: 'AG Sprachförderung', description: 'Kitas und Schulen' })
      .expect(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      name: 'AG Sprachförderung',
      description: 'Kitas und Schulen',
      myRole: 'owner',
      memberCount: 1,
    });
    const list = await as(app, user).get('/api/v1/groups').expect(200);
    expect(list.body).toEqual({
      items: [expect.objectContaining({ id: created.body.id, myRole: 'owner' })],
      nextCursor: null,
    });
  });

  it('members list shows roles and organisations, cursor-paginated', async () => {
    const group = await givenGroup(app);
    const first = await as(app, group.people.observer)
      .get(`/api/v1/groups/${group.id}/members?limit=3`)
      .expect(200);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.items[0]).toEqual({
      userId: group.owner.id,
      displayName: 'Olga Owner',
      organisation: null,
      role: 'owner',
      joinedAt: expect.any(String),
      deleted: false,
    });
    const second = await as(app, group.people.observer)
      .get(`/api/v1/groups/${group.id}/members?limit=3&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ role: 'observer' })], nextCursor: null });
  });

  it('only owners grant owner/moderator when adding; duplicates are 409; unknown users 404', async () => {
    const group = await givenGroup(app);
    const newcomer = await givenUser(app);
    await as(app, group.people.moderator)
      .post(`/api/v1/groups/${group.id}/members`)
      .send({ userId: newcomer.id, role: 'moderator' })
      .expect(403);
    await as(app, group.people.moderator)
      .post(`/api/v1/groups/${group.id}/members`)
      .send({ userId: newcomer.id, role: 'observer' })
      .expect(201);
    await as(app, group.owner)
      .post(`/api/v1/groups/${group.id}/members`)
      .send({ userId: newcomer.id, role: 'member' })
      .expect(409);
    await as(app, group.owner)
      .post(`/api/v1/groups/${group.id}/members`)
      .send({ userId: '5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5', role: 'member' })
      .expect(404);
  });

  it('a group keeps at least one owner: demoting the last owner is 409, with a second owner it works', async () => {
    const group = await givenGroup(app);
    const refused = await as(app, group.owner)
      .patch(`/api/v1/groups/${group.id}/members/${group.owner.id}`)
      .send({ role: 'member' })
      .expect(409);
    // The contract's code, and the precise rule for clients to word in their language
    expect(refused.body).toEqual({
      statusCode: 409,
      code: 'CONFLICT',
      reason: 'LAST_OWNER',
      message: 'A group must keep at least one owner',
    });
    await as(app, group.owner)
      .patch(`/api/v1/groups/${group.id}/members/${group.people.moderator.id}`)
      .send({ role: 'owner' })
      .expect(200);
    await as(app, group.owner)
      .patch(`/api/v1/groups/${group.id}/members/${group.owner.id}`)
      .send({ role: 'member' })
      .expect(200);
    await as(app, group.people.moderator)
      .delete(`/api/v1/groups/${group.id}/members/${group.people.moderator.id}`)
      .expect(409);
  });

  it('members may leave on their own; moderators may not remove owners', async () => {
    const group = await givenGroup(app);
    await as(app, group.people.moderator)
      .delete(`/api/v1/groups/${group.id}/members/${group.owner.id}`)
      .expect(403);
    await as(app, group.people.observer)
      .delete(`/api/v1/groups/${group.id}/members/${group.people.observer.id}`)
      .expect(204);
    await as(app, group.people.observer).get(`/api/v1/groups/${group.id}`).expect(404);
  });

  it('writes member.added / role_changed / removed on group:<id> with consecutive seq', async () => {
    const group = await givenGroup(app);
    await as(app, group.owner)
      .patch(`/api/v1/groups/${group.id}/members/${group.people.member.id}`)
      .send({ role: 'moderator' })
      .expect(200);
    await as(app, group.owner)
      .delete(`/api/v1/groups/${group.id}/members/${group.people.observer.id}`)
      .expect(204);
    const events = await app.dataSource.query(
      `SELECT seq, type, data, actor_id FROM domain_events WHERE stream = $1 ORDER BY seq`,
      [`group:${group.id}`],
    );
    expect(events.map((e: { seq: string; type: string }) => [Number(e.seq), e.type])).toEqual([
      [1, 'member.added'],
      [2, 'member.added'],
      [3, 'member.added'],
      [4, 'member.added'],
      [5, 'member.role_changed'],
      [6, 'member.removed'],
    ]);
    expect(events[4].data).toEqual({
      groupId: group.id,
      userId: group.people.member.id,
      role: 'moderator',
      previousRole: 'member',
    });
    expect(events[5]).toMatchObject({
      actor_id: group.owner.id,
      data: { groupId: group.id, userId: group.people.observer.id },
    });
  });
});
