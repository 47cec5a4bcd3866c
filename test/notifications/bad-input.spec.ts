import request from 'supertest';
import { as, givenGroup, TestGroup } from '../support/factories';
import { givenThread, givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { expectErrorBody } from './notification-helpers';

const UNKNOWN = '9d3a4c1e-2b7f-4e8a-9c6d-5f0e1a2b3c4d';

/** Every notification route with broken input: a 4xx with the contract's error body, never a 500. */
describe('notifications: bad input', () => {
  let app: TestApp;
  let group: TestGroup;
  let threadId: string;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
    threadId = (await givenThread(app, group.people.member, topicId)).id;
  });
  afterAll(() => app.close());

  type Case = [method: 'post' | 'get' | 'delete', path: () => string, body: unknown, status: number];
  const t = () => threadId;
  const cases: Array<[string, Case]> = [
    ['read: negative seq', ['post', () => `/api/v1/threads/${t()}/read`, { seq: -1 }, 400]],
    ['read: fractional seq', ['post', () => `/api/v1/threads/${t()}/read`, { seq: 1.5 }, 400]],
    ['read: seq as string', ['post', () => `/api/v1/threads/${t()}/read`, { seq: '3' }, 400]],
    ['read: seq null', ['post', () => `/api/v1/threads/${t()}/read`, { seq: null }, 400]],
    ['read: seq too large', ['post', () => `/api/v1/threads/${t()}/read`, { seq: 2 ** 31 }, 400]],
    ['read: missing seq', ['post', () => `/api/v1/threads/${t()}/read`, {}, 400]],
    ['read: extra field', ['post', () => `/api/v1/threads/${t()}/read`, { seq: 1, all: true }, 400]],
    ['read: array body', ['post', () => `/api/v1/threads/${t()}/read`, [1], 400]],
    ['read: malformed thread id', ['post', () => '/api/v1/threads/not-a-uuid/read', { seq: 1 }, 400]],
    ['read: unknown thread', ['post', () => `/api/v1/threads/${UNKNOWN}/read`, { seq: 1 }, 404]],
    ['follow thread: malformed id', ['post', () => '/api/v1/threads/123/follow', undefined, 400]],
    ['follow thread: unknown', ['post', () => `/api/v1/threads/${UNKNOWN}/follow`, undefined, 404]],
    ['unfollow thread: malformed id', ['delete', () => '/api/v1/threads/x/follow', undefined, 400]],
    ['unfollow thread: unknown', ['delete', () => `/api/v1/threads/${UNKNOWN}/follow`, undefined, 404]],
    ['follow topic: malformed id', ['post', () => '/api/v1/topics/zzz/follow', undefined, 400]],
    ['follow topic: unknown', ['post', () => `/api/v1/topics/${UNKNOWN}/follow`, undefined, 404]],
    ['unfollow topic: unknown', ['delete', () => `/api/v1/topics/${UNKNOWN}/follow`, undefined, 404]],
    ['follows: bad type', ['get', () => '/api/v1/me/follows?type=post', undefined, 400]],
    ['follows: limit 0', ['get', () => '/api/v1/me/follows?limit=0', undefined, 400]],
    ['follows: tampered cursor', ['get', () => '/api/v1/me/follows?cursor=e30', undefined, 400]],
    ['notifications: limit too big', ['get', () => '/api/v1/notifications?limit=101', undefined, 400]],
    ['notifications: limit not a number', ['get', () => '/api/v1/notifications?limit=abc', undefined, 400]],
    [
      'notifications: unread not a boolean',
      ['get', () => '/api/v1/notifications?unread=yes', undefined, 400],
    ],
    ['notifications: garbage cursor', ['get', () => '/api/v1/notifications?cursor=!!!', undefined, 400]],
    [
      'notifications: cursor with a bad id',
      [
        'get',
        () =>
          `/api/v1/notifications?cursor=${Buffer.from(JSON.stringify({ t: new Date().toISOString(), i: 'x' })).toString('base64url')}`,
        undefined,
        400,
      ],
    ],
    ['notifications: unknown query field', ['get', () => '/api/v1/notifications?all=1', undefined, 400]],
    ['notification read: malformed id', ['post', () => '/api/v1/notifications/nope/read', undefined, 400]],
    ['notification read: unknown', ['post', () => `/api/v1/notifications/${UNKNOWN}/read`, undefined, 404]],
  ];

  it.each(cases)('%s', async (_name, [method, path, body, status]) => {
    let req = as(app, group.people.member)[method](path());
    if (body !== undefined) req = req.send(body as object);
    const res = await req;
    expect(res.status).toBe(status);
    expectErrorBody(res.body, status);
  });

  const unauthenticated: Array<[method: 'get' | 'post' | 'delete', label: string, path: () => string]> = [
    ['post', '/threads/:threadId/read', () => `/api/v1/threads/${threadId}/read`],
    ['post', '/threads/:threadId/follow', () => `/api/v1/threads/${threadId}/follow`],
    ['delete', '/threads/:threadId/follow', () => `/api/v1/threads/${threadId}/follow`],
    ['post', '/topics/:topicId/follow', () => `/api/v1/topics/${topicId}/follow`],
    ['delete', '/topics/:topicId/follow', () => `/api/v1/topics/${topicId}/follow`],
    ['get', '/me/follows', () => '/api/v1/me/follows'],
    ['get', '/notifications', () => '/api/v1/notifications'],
    ['get', '/notifications/unread-count', () => '/api/v1/notifications/unread-count'],
    ['post', '/notifications/read-all', () => '/api/v1/notifications/read-all'],
    ['post', '/notifications/:id/read', () => `/api/v1/notifications/${UNKNOWN}/read`],
  ];
  it.each(unauthenticated)('%s %s without a token is 401', async (method, _label, path) => {
    const res = await request(app.url)[method](path()).send({ seq: 1 });
    expect(res.status).toBe(401);
    expectErrorBody(res.body, 401);
    expect(res.body.code).toBe('UNAUTHORIZED');
  });

  it("another group's thread and topic are 404 for outsiders, never leaking existence", async () => {
    const other = await givenGroup(app);
    const otherTopic = await givenTopic(app, other);
    const otherThread = await givenThread(app, other.people.member, otherTopic.id);
    const outsider = group.people.member;
    for (const [method, path, body] of [
      ['post', `/api/v1/threads/${otherThread.id}/read`, { seq: 1 }],
      ['post', `/api/v1/threads/${otherThread.id}/follow`, undefined],
      ['delete', `/api/v1/threads/${otherThread.id}/follow`, undefined],
      ['post', `/api/v1/topics/${otherTopic.id}/follow`, undefined],
      ['delete', `/api/v1/topics/${otherTopic.id}/follow`, undefined],
    ] as const) {
      let req = as(app, outsider)[method](path);
      if (body) req = req.send(body);
      const res = await req;
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
    const [marker] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM thread_reads WHERE thread_id = $1`,
      [otherThread.id],
    );
    expect(marker.n).toBe(0);
  });
});
