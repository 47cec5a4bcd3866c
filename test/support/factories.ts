import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { OrganisationMembers, type OrganisationRole } from '@runde/identity';
import type { TestApp } from './test-app';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  accessToken: string;
  refreshToken: string;
  isAdmin: boolean;
}

export const PASSWORD = 'Integration braucht Zeit 42';

/**
 * Registers a fresh account over HTTP. With `organisationId`, the registration asks to belong to it and the
 * membership is confirmed (with `organisationRole`, default member), so the organisation shows next to the name.
 */
export async function givenUser(
  app: TestApp,
  overrides: { displayName?: string; organisationId?: string; organisationRole?: OrganisationRole } = {},
): Promise<TestUser> {
  const tag = randomUUID().slice(0, 8);
  const email = `person-${tag}@example.org`;
  const displayName = overrides.displayName ?? `Person ${tag}`;
  const res = await request(app.url)
    .post('/api/v1/auth/register')
    .send({
      email,
      password: PASSWORD,
      displayName,
      ...(overrides.organisationId ? { organisationId: overrides.organisationId } : {}),
    })
    .expect(201);
  if (overrides.organisationId)
    await confirmMembership(app, res.body.user.id, overrides.organisationId, overrides.organisationRole);
  return {
    id: res.body.user.id,
    email,
    password: PASSWORD,
    displayName,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    isAdmin: res.body.user.isAdmin,
  };
}

/**
 * Confirms a person's request to belong to an organisation (with a role), as a platform admin would: through the
 * membership service, so the label, the event and the notification are the real ones.
 */
export async function confirmMembership(
  app: TestApp,
  userId: string,
  organisationId: string,
  role: OrganisationRole = 'member',
): Promise<void> {
  const platformAdmin = {
    id: userId,
    email: 'platform-admin@example.org',
    displayName: 'Platform admin',
    isAdmin: true,
    organisationId: null,
  };
  await app.api.get(OrganisationMembers).setRole(platformAdmin, organisationId, userId, role);
}

/** A platform admin: the first account is one; later ones are promoted directly in the database. */
export async function givenAdmin(app: TestApp): Promise<TestUser> {
  const user = await givenUser(app, { displayName: 'Admin' });
  await app.dataSource.query(`UPDATE users SET is_admin = true WHERE id = $1`, [user.id]);
  return { ...user, isAdmin: true };
}

export type Role = 'owner' | 'moderator' | 'member' | 'observer';

export interface TestGroup {
  id: string;
  owner: TestUser;
  people: Record<Role, TestUser>;
}

/** A group with one person in each role (the owner created it). */
export async function givenGroup(app: TestApp, name = `AG ${randomUUID().slice(0, 6)}`): Promise<TestGroup> {
  const owner = await givenUser(app, { displayName: 'Olga Owner' });
  const res = await request(app.url)
    .post('/api/v1/groups')
    .auth(owner.accessToken, { type: 'bearer' })
    .send({ name })
    .expect(201);
  const groupId: string = res.body.id;
  const people = { owner } as Record<Role, TestUser>;
  for (const role of ['moderator', 'member', 'observer'] as const) {
    const user = await givenUser(app, { displayName: `${role[0].toUpperCase()}${role.slice(1)} Person` });
    await request(app.url)
      .post(`/api/v1/groups/${groupId}/members`)
      .auth(owner.accessToken, { type: 'bearer' })
      .send({ userId: user.id, role })
      .expect(201);
    people[role] = user;
  }
  return { id: groupId, owner, people };
}

/** supertest with the caller's token (or none). */
export function as(app: TestApp, user?: { accessToken: string }) {
  const agent = request(app.url);
  const withAuth = <T extends request.Test>(t: T): T =>
    user ? (t.auth(user.accessToken, { type: 'bearer' }) as T) : t;
  return {
    get: (path: string) => withAuth(agent.get(path)),
    post: (path: string) => withAuth(agent.post(path)),
    put: (path: string) => withAuth(agent.put(path)),
    patch: (path: string) => withAuth(agent.patch(path)),
    delete: (path: string) => withAuth(agent.delete(path)),
  };
}
