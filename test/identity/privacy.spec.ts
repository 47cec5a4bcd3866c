import request from 'supertest';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { as, givenGroup, givenUser, PASSWORD } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('privacy: export and erasure', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('exports the profile, sessions and memberships', async () => {
    const group = await givenGroup(app);
    const me = group.people.member;
    const res = await as(app, me).get('/api/v1/me/export').expect(200);
    expect(res.body).toMatchObject({
      exportedAt: expect.any(String),
      profile: { id: me.id, email: me.email, displayName: me.displayName },
      sessions: [expect.objectContaining({ createdAt: expect.any(String) })],
      memberships: [expect.objectContaining({ groupId: group.id, role: 'member' })],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|token_hash|tokenHash/);
  });

  it('erases the account: personal data gone, sign-in impossible, memberships left with events', async () => {
    const group = await givenGroup(app);
    const me = group.people.member;
    const missing = await as(app, me).delete('/api/v1/me').send({}).expect(400);
    expect(missing.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'password' })],
    });
    expect((await as(app, me).get('/api/v1/me').expect(200)).body.passwordSet).toBe(true);
    await as(app, me).delete('/api/v1/me').send({ password: 'wrong password 1' }).expect(403);
    await as(app, me).delete('/api/v1/me').send({ password: PASSWORD }).expect(204);

    const [row] = await app.dataSource.query(
      `SELECT email, display_name, password_hash, deleted_at FROM users WHERE id = $1`,
      [me.id],
    );
    expect(row).toMatchObject({ email: `deleted-${me.id}@invalid`, display_name: '', password_hash: '' });
    expect(row.deleted_at).not.toBeNull();
    await as(app, me).get('/api/v1/me').expect(401);
    await request(app.url)
      .post('/api/v1/auth/login')
      .send({ email: me.email, password: PASSWORD })
      .expect(401);
    await request(app.url).post('/api/v1/auth/refresh').send({ refreshToken: me.refreshToken }).expect(401);

    const members = await as(app, group.owner).get(`/api/v1/groups/${group.id}/members`).expect(200);
    expect(members.body.items.map((m: { userId: string }) => m.userId)).not.toContain(me.id);
    const [last] = await app.dataSource.query(
      `SELECT type, data FROM domain_events WHERE stream = $1 ORDER BY seq DESC LIMIT 1`,
      [`group:${group.id}`],
    );
    expect(last).toMatchObject({ type: 'member.removed', data: { userId: me.id } });
    // The email is free again.
    await request(app.url)
      .post('/api/v1/auth/register')
      .send({ email: me.email, password: PASSWORD, displayName: 'Again' })
      .expect(201);
  });

  it('refuses to erase the last owner of a group with other members (409), allows it for a lone owner', async () => {
    const group = await givenGroup(app);
    const res = await as(app, group.owner).delete('/api/v1/me').send({ password: PASSWORD }).expect(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT', reason: 'LAST_OWNER' });
    expect(res.body.details).toEqual([expect.objectContaining({ group: expect.any(String) })]);
    const lone = await givenUser(app);
    await as(app, lone).post('/api/v1/groups').send({ name: 'Solo' }).expect(201);
    await as(app, lone).delete('/api/v1/me').send({ password: PASSWORD }).expect(204);
  });
});

describe('privacy and posts', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('export contains the caller’s posts; after erasure the posts stay readable under "deleted account"', async () => {
    const group = await givenGroup(app);
    const topic = await givenTopic(app, group);
    const thread = await givenThread(app, group.owner, topic.id);
    const post = await givenPost(app, group.people.member, thread.id, 'Mein Beitrag zur Sprachförderung');
    const exported = await as(app, group.people.member).get('/api/v1/me/export').expect(200);
    expect(exported.body.posts).toEqual([
      expect.objectContaining({ id: post.id, body: 'Mein Beitrag zur Sprachförderung', threadId: thread.id }),
    ]);

    await as(app, group.people.member).delete('/api/v1/me').send({ password: PASSWORD }).expect(204);
    const seen = await as(app, group.owner).get(`/api/v1/posts/${post.id}`).expect(200);
    expect(seen.body).toMatchObject({
      body: 'Mein Beitrag zur Sprachförderung',
      authorId: group.people.member.id,
      author: { id: group.people.member.id, displayName: null, organisation: null, deleted: true },
    });
  });
});
