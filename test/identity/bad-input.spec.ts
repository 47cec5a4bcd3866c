import request from 'supertest';
import { as, givenGroup, TestGroup } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const HUGE = 'x'.repeat(1024 * 1024);
const OTHER = '9d3a4c1e-2b7f-4e8a-9c6d-5f0e1a2b3c4d';

/** Every identity and group route with broken input: always a 4xx with the contract's body, never a 500. */
describe('bad input on identity and group routes', () => {
  let app: TestApp;
  let group: TestGroup;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
  });
  afterAll(() => app.close());

  type Case = [
    method: 'post' | 'patch' | 'get' | 'delete',
    path: () => string,
    body: unknown,
    status: number,
  ];
  const g = () => group.id;
  const cases: Array<[string, Case]> = [
    ['register: missing fields', ['post', () => '/api/v1/auth/register', {}, 400]],
    [
      'register: wrong types',
      ['post', () => '/api/v1/auth/register', { email: 42, password: true, displayName: [] }, 400],
    ],
    [
      'register: extra field',
      [
        'post',
        () => '/api/v1/auth/register',
        { email: 'a@b.de', password: 'x'.repeat(12), displayName: 'A', isAdmin: true },
        400,
      ],
    ],
    [
      'register: 1 MB strings',
      [
        'post',
        () => '/api/v1/auth/register',
        { email: 'a@b.de', password: 'Integration 12', displayName: HUGE },
        413,
      ],
    ],
    [
      'register: bad email',
      [
        'post',
        () => '/api/v1/auth/register',
        { email: 'not-an-email', password: 'Integration 12', displayName: 'A' },
        400,
      ],
    ],
    [
      'register: malformed organisation id',
      [
        'post',
        () => '/api/v1/auth/register',
        { email: 'a@b.de', password: 'Integration 12', displayName: 'A', organisationId: 'nope' },
        400,
      ],
    ],
    ['login: missing password', ['post', () => '/api/v1/auth/login', { email: 'a@b.de' }, 400]],
    ['login: array body', ['post', () => '/api/v1/auth/login', [1, 2], 400]],
    ['refresh: wrong type', ['post', () => '/api/v1/auth/refresh', { refreshToken: 123 }, 400]],
    ['refresh: garbage token', ['post', () => '/api/v1/auth/refresh', { refreshToken: 'a.b.c' }, 401]],
    ['logout: missing', ['post', () => '/api/v1/auth/logout', {}, 400]],
    ['me: bad locale', ['patch', () => '/api/v1/me', { locale: 'fr' }, 400]],
    ['me: extra field', ['patch', () => '/api/v1/me', { isAdmin: true }, 400]],
    ['me: erase without password', ['delete', () => '/api/v1/me', {}, 400]],
    ['groups: missing name', ['post', () => '/api/v1/groups', {}, 400]],
    ['groups: name too long', ['post', () => '/api/v1/groups', { name: 'n'.repeat(121) }, 400]],
    ['groups: name wrong type', ['post', () => '/api/v1/groups', { name: { a: 1 } }, 400]],
    ['group: malformed id', ['get', () => '/api/v1/groups/not-a-uuid', undefined, 400]],
    ['group: unknown id', ['get', () => `/api/v1/groups/${OTHER}`, undefined, 404]],
    ['group patch: extra field', ['patch', () => `/api/v1/groups/${g()}`, { owner: 'me' }, 400]],
    ['members: malformed group id', ['get', () => '/api/v1/groups/123/members', undefined, 400]],
    [
      'members: limit out of range',
      ['get', () => `/api/v1/groups/${g()}/members?limit=1000`, undefined, 400],
    ],
    ['members: limit not a number', ['get', () => `/api/v1/groups/${g()}/members?limit=abc`, undefined, 400]],
    [
      'members: tampered cursor',
      ['get', () => `/api/v1/groups/${g()}/members?cursor=%7B%7D`, undefined, 400],
    ],
    [
      'add member: bad role',
      ['post', () => `/api/v1/groups/${g()}/members`, { userId: OTHER, role: 'king' }, 400],
    ],
    [
      'add member: malformed user id',
      ['post', () => `/api/v1/groups/${g()}/members`, { userId: 'x', role: 'member' }, 400],
    ],
    [
      'add member: unknown user',
      ['post', () => `/api/v1/groups/${g()}/members`, { userId: OTHER, role: 'member' }, 404],
    ],
    [
      'change role: malformed user id',
      ['patch', () => `/api/v1/groups/${g()}/members/abc`, { role: 'member' }, 400],
    ],
    [
      'change role: not a member',
      ['patch', () => `/api/v1/groups/${g()}/members/${OTHER}`, { role: 'member' }, 404],
    ],
    ['remove: not a member', ['delete', () => `/api/v1/groups/${g()}/members/${OTHER}`, undefined, 404]],
    [
      'invite: bad email',
      ['post', () => `/api/v1/groups/${g()}/invitations`, { email: 'x', role: 'member' }, 400],
    ],
    ['invite: missing role', ['post', () => `/api/v1/groups/${g()}/invitations`, { email: 'a@b.de' }, 400]],
    [
      'invite revoke: malformed id',
      ['delete', () => `/api/v1/groups/${g()}/invitations/zzz`, undefined, 400],
    ],
  ];

  it.each(cases)('%s', async (_name, [method, path, body, status]) => {
    let req = as(app, group.owner)[method](path());
    if (body !== undefined) req = req.send(body as object);
    const res = await req;
    expect(res.status).toBe(status);
    expect(res.body).toEqual(
      expect.objectContaining({
        statusCode: status,
        code: expect.stringMatching(/^[A-Z_]+$/),
        message: expect.any(String),
      }),
    );
  });

  it.each([
    ['get', '/api/v1/me'],
    ['get', '/api/v1/me/export'],
    ['patch', '/api/v1/me'],
    ['delete', '/api/v1/me'],
    ['get', '/api/v1/groups'],
    ['post', '/api/v1/groups'],
    ['get', `/api/v1/groups/${OTHER}`],
    ['patch', `/api/v1/groups/${OTHER}`],
    ['get', `/api/v1/groups/${OTHER}/members`],
    ['post', `/api/v1/groups/${OTHER}/members`],
    ['patch', `/api/v1/groups/${OTHER}/members/${OTHER}`],
    ['delete', `/api/v1/groups/${OTHER}/members/${OTHER}`],
    ['post', `/api/v1/groups/${OTHER}/invitations`],
    ['get', `/api/v1/groups/${OTHER}/invitations`],
  ] as const)('%s %s without a token is 401', async (method, path) => {
    const res = await request(app.url)[method](path).send({});
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
  });

  it("another group's resources are 404 for outsiders, never leaking existence", async () => {
    const other = await givenGroup(app);
    for (const path of [
      `/api/v1/groups/${other.id}`,
      `/api/v1/groups/${other.id}/members`,
      `/api/v1/groups/${other.id}/invitations`,
    ]) {
      const res = await as(app, group.owner).get(path);
      expect(res.status).toBe(404);
    }
    await as(app, group.owner)
      .post(`/api/v1/groups/${other.id}/members`)
      .send({ userId: group.owner.id, role: 'member' })
      .expect(404);
  });
});
