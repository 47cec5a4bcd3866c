import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { as, givenGroup, PASSWORD, TestGroup } from '../support/factories';
import { withEnv } from '../support/fresh-database';
import { invitationTokenOf, lastMailTo } from '../support/mailbox';
import { startTestApp, TestApp } from '../support/test-app';

describe('invite-only registration', () => {
  let app: TestApp;
  // The inviting people get their accounts through an open app on the same database.
  let openApp: TestApp;
  let group: TestGroup;
  beforeAll(async () => {
    app = await withEnv({ REGISTRATION_MODE: 'invite' }, () => startTestApp());
    openApp = await withEnv({ REGISTRATION_MODE: 'open' }, () => startTestApp());
    group = await givenGroup(openApp);
  });
  afterAll(async () => {
    await app.close();
    await openApp.close();
  });

  const email = () => `invited-${randomUUID().slice(0, 8)}@example.org`;
  const register = (body: Record<string, unknown>) =>
    request(app.url)
      .post('/api/v1/auth/register')
      .send({ password: PASSWORD, displayName: 'Ingrid Invited', ...body });

  async function invite(role = 'member') {
    const to = email();
    const res = await as(app, group.owner)
      .post(`/api/v1/groups/${group.id}/invitations`)
      .send({ email: to, role })
      .expect(201);
    expect(res.body).toMatchObject({ email: to, role, groupId: group.id, acceptedAt: null });
    expect(res.body).not.toHaveProperty('token');
    return { group, to, token: invitationTokenOf(await lastMailTo(to)), invitation: res.body };
  }

  it('refuses registration without an invitation token (403)', async () => {
    const res = await register({ email: email() }).expect(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('registers with a valid token and joins the group with the invited role', async () => {
    const { to, token } = await invite('observer');
    const res = await register({ email: to.toUpperCase(), invitationToken: token }).expect(201);
    const groupRes = await as(app, res.body).get(`/api/v1/groups/${group.id}`).expect(200);
    expect(groupRes.body.myRole).toBe('observer');
    const events = await app.dataSource.query(
      `SELECT type, data FROM domain_events WHERE stream = $1 ORDER BY seq DESC LIMIT 1`,
      [`group:${group.id}`],
    );
    expect(events[0]).toMatchObject({
      type: 'member.added',
      data: { member: { userId: res.body.user.id, role: 'observer' } },
    });
  });

  it('refuses a used token', async () => {
    const { to, token } = await invite();
    await register({ email: to, invitationToken: token }).expect(201);
    const res = await register({ email: `x${to}`, invitationToken: token }).expect(403);
    expect(res.body.details).toEqual([{ field: 'invitationToken', reason: 'used' }]);
  });

  it('refuses an expired token, and a token for another email', async () => {
    const { to, token, invitation } = await invite();
    await register({ email: email(), invitationToken: token }).expect(403);
    await app.dataSource.query(
      `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [invitation.id],
    );
    const res = await register({ email: to, invitationToken: token }).expect(403);
    expect(res.body.details).toEqual([{ field: 'invitationToken', reason: 'expired' }]);
    // Nothing was created by the refused attempts.
    const users = await app.dataSource.query(`SELECT 1 FROM users WHERE email_normalized = $1`, [to]);
    expect(users).toHaveLength(0);
  });

  it('refuses a made-up token', async () => {
    const res = await register({ email: email(), invitationToken: 'made-up-token' }).expect(403);
    expect(res.body.details).toEqual([{ field: 'invitationToken', reason: 'invalid' }]);
  });

  it('moderators invite members but not moderators; members may not invite; invitations can be withdrawn', async () => {
    await as(app, group.people.moderator)
      .post(`/api/v1/groups/${group.id}/invitations`)
      .send({ email: email(), role: 'moderator' })
      .expect(403);
    await as(app, group.people.member)
      .post(`/api/v1/groups/${group.id}/invitations`)
      .send({ email: email(), role: 'member' })
      .expect(403);
    const created = await as(app, group.people.moderator)
      .post(`/api/v1/groups/${group.id}/invitations`)
      .send({ email: email(), role: 'member' })
      .expect(201);
    const list = await as(app, group.owner).get(`/api/v1/groups/${group.id}/invitations`).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    await as(app, group.owner)
      .delete(`/api/v1/groups/${group.id}/invitations/${created.body.id}`)
      .expect(204);
    await as(app, group.owner)
      .delete(`/api/v1/groups/${group.id}/invitations/${created.body.id}`)
      .expect(404);
  });
});
