import request from 'supertest';
import { as, givenGroup, TestGroup } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';

const OTHER = '9d3a4c1e-2b7f-4e8a-9c6d-5f0e1a2b3c4d';

describe('bad input on discussion routes', () => {
  let app: TestApp;
  let group: TestGroup;
  let foreign: TestGroup;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    foreign = await givenGroup(app);
    ids.topic = (await givenTopic(app, group)).id;
    ids.thread = (await givenThread(app, group.owner, ids.topic)).id;
    ids.post = (await givenPost(app, group.people.member, ids.thread)).id;
    ids.foreignTopic = (await givenTopic(app, foreign)).id;
    ids.foreignThread = (await givenThread(app, foreign.owner, ids.foreignTopic)).id;
    ids.foreignPost = (await givenPost(app, foreign.owner, ids.foreignThread)).id;
  });
  afterAll(() => app.close());

  type M = 'get' | 'post' | 'patch' | 'delete';
  const cases: Array<[string, M, () => string, unknown, number]> = [
    ['topic: missing title', 'post', () => `/api/v1/groups/${group.id}/topics`, { visibility: 'group' }, 400],
    [
      'topic: bad visibility',
      'post',
      () => `/api/v1/groups/${group.id}/topics`,
      { title: 't', visibility: 'public' },
      400,
    ],
    [
      'topic: malformed group id',
      'post',
      () => `/api/v1/groups/xyz/topics`,
      { title: 't', visibility: 'group' },
      400,
    ],
    [
      'topic: foreign group',
      'post',
      () => `/api/v1/groups/${foreign.id}/topics`,
      { title: 't', visibility: 'group' },
      404,
    ],
    ['topic get: malformed', 'get', () => `/api/v1/topics/1`, undefined, 400],
    ['topic get: unknown', 'get', () => `/api/v1/topics/${OTHER}`, undefined, 404],
    ['topic get: foreign', 'get', () => `/api/v1/topics/${ids.foreignTopic}`, undefined, 404],
    ['topic patch: malformed id', 'patch', () => `/api/v1/topics/1`, { title: 't' }, 400],
    ['topic patch: unknown', 'patch', () => `/api/v1/topics/${OTHER}`, { title: 't' }, 404],
    ['topic patch: foreign', 'patch', () => `/api/v1/topics/${ids.foreignTopic}`, { title: 't' }, 404],
    ['topic patch: title wrong type', 'patch', () => `/api/v1/topics/${ids.topic}`, { title: 5 }, 400],
    ['topic patch: empty title', 'patch', () => `/api/v1/topics/${ids.topic}`, { title: '  ' }, 400],
    [
      'topic patch: 201-char title',
      'patch',
      () => `/api/v1/topics/${ids.topic}`,
      { title: 'a'.repeat(201) },
      400,
    ],
    ['topic patch: nothing to change', 'patch', () => `/api/v1/topics/${ids.topic}`, {}, 400],
    ['topic patch: bad visibility', 'patch', () => `/api/v1/topics/${ids.topic}`, { visibility: 'all' }, 400],
    [
      'thread: title wrong type',
      'post',
      () => `/api/v1/topics/${ids.topic}/threads`,
      { title: 5, body: 'b' },
      400,
    ],
    ['thread: missing body', 'post', () => `/api/v1/topics/${ids.topic}/threads`, { title: 'x' }, 400],
    [
      'thread: 20,001-char body',
      'post',
      () => `/api/v1/topics/${ids.topic}/threads`,
      { title: 'x', body: 'a'.repeat(20_001) },
      400,
    ],
    [
      'thread: foreign topic',
      'post',
      () => `/api/v1/topics/${ids.foreignTopic}/threads`,
      { title: 'x', body: 'b' },
      404,
    ],
    ['threads: bad limit', 'get', () => `/api/v1/topics/${ids.topic}/threads?limit=0`, undefined, 400],
    [
      'threads: tampered cursor',
      'get',
      () => `/api/v1/topics/${ids.topic}/threads?cursor=abc`,
      undefined,
      400,
    ],
    ['post: empty body', 'post', () => `/api/v1/threads/${ids.thread}/posts`, { body: '' }, 400],
    ['post: blank body', 'post', () => `/api/v1/threads/${ids.thread}/posts`, { body: ' \n\t ' }, 400],
    ['post edit: blank body', 'patch', () => `/api/v1/posts/${ids.post}`, { body: '   ' }, 400],
    [
      'thread: blank body',
      'post',
      () => `/api/v1/topics/${ids.topic}/threads`,
      { title: 'x', body: '\n' },
      400,
    ],
    [
      'post: 20,001-char body',
      'post',
      () => `/api/v1/threads/${ids.thread}/posts`,
      { body: 'a'.repeat(20_001) },
      400,
    ],
    [
      'post: 1 MB body',
      'post',
      () => `/api/v1/threads/${ids.thread}/posts`,
      { body: 'a'.repeat(1024 * 1024) },
      413,
    ],
    ['post: body wrong type', 'post', () => `/api/v1/threads/${ids.thread}/posts`, { body: ['x'] }, 400],
    ['post: extra field', 'post', () => `/api/v1/threads/${ids.thread}/posts`, { body: 'x', seq: 7 }, 400],
    [
      'post: malformed replyToId',
      'post',
      () => `/api/v1/threads/${ids.thread}/posts`,
      { body: 'x', replyToId: 'nope' },
      400,
    ],
    [
      'post: reply to foreign post',
      'post',
      () => `/api/v1/threads/${ids.thread}/posts`,
      { body: 'x', replyToId: OTHER },
      400,
    ],
    ['post: foreign thread', 'post', () => `/api/v1/threads/${ids.foreignThread}/posts`, { body: 'x' }, 404],
    ['posts: negative after', 'get', () => `/api/v1/threads/${ids.thread}/posts?after=-1`, undefined, 400],
    [
      'posts: after beyond any seq',
      'get',
      () => `/api/v1/threads/${ids.thread}/posts?after=99999999999999999999`,
      undefined,
      400,
    ],
    [
      'posts: after not a number',
      'get',
      () => `/api/v1/threads/${ids.thread}/posts?after=abc`,
      undefined,
      400,
    ],
    ['posts: limit 101', 'get', () => `/api/v1/threads/${ids.thread}/posts?limit=101`, undefined, 400],
    ['edit: 20,001 chars', 'patch', () => `/api/v1/posts/${ids.post}`, { body: 'a'.repeat(20_001) }, 400],
    ['edit: malformed id', 'patch', () => `/api/v1/posts/123`, { body: 'x' }, 400],
    ['edit: foreign post', 'patch', () => `/api/v1/posts/${ids.foreignPost}`, { body: 'x' }, 404],
    [
      'hide: unknown reason code',
      'post',
      () => `/api/v1/posts/${ids.post}/hide`,
      { reasonCode: 'boring' },
      400,
    ],
    [
      'hide: note too long',
      'post',
      () => `/api/v1/posts/${ids.post}/hide`,
      { reasonCode: 'other', note: 'n'.repeat(1001) },
      400,
    ],
    [
      'hide: foreign post',
      'post',
      () => `/api/v1/posts/${ids.foreignPost}/hide`,
      { reasonCode: 'spam' },
      404,
    ],
    ['flag: missing reason', 'post', () => `/api/v1/posts/${ids.post}/flags`, {}, 400],
    ['flag: foreign post', 'post', () => `/api/v1/posts/${ids.foreignPost}/flags`, { reason: 'x' }, 404],
    ['move: malformed topic', 'post', () => `/api/v1/threads/${ids.thread}/move`, { topicId: 'x' }, 400],
    ['move: unknown topic', 'post', () => `/api/v1/threads/${ids.thread}/move`, { topicId: OTHER }, 404],
    ['slow mode: negative', 'post', () => `/api/v1/threads/${ids.thread}/slow-mode`, { seconds: -1 }, 400],
    ['slow mode: string', 'post', () => `/api/v1/threads/${ids.thread}/slow-mode`, { seconds: 'ten' }, 400],
    ['resolve: bad action', 'post', () => `/api/v1/flags/${OTHER}/resolve`, { action: 'ban' }, 400],
    ['resolve: unknown flag', 'post', () => `/api/v1/flags/${OTHER}/resolve`, { action: 'dismiss' }, 404],
    ['log: bad format', 'get', () => `/api/v1/groups/${group.id}/moderation/log?format=xml`, undefined, 400],
    ['queue: foreign group', 'get', () => `/api/v1/groups/${foreign.id}/moderation/queue`, undefined, 404],
    ['revisions: malformed', 'get', () => `/api/v1/posts/zz/revisions`, undefined, 400],
  ];

  it.each(cases)('%s', async (_name, method, path, body, status) => {
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

  const unauthenticated: Array<readonly ['get' | 'post' | 'patch' | 'delete', () => string]> = [
    ['post', () => `/api/v1/groups/${group.id}/topics`],
    ['get', () => `/api/v1/topics`],
    ['patch', () => `/api/v1/topics/${ids.topic}`],
    ['get', () => `/api/v1/topics/${ids.topic}/threads`],
    ['post', () => `/api/v1/topics/${ids.topic}/threads`],
    ['get', () => `/api/v1/threads/${ids.thread}`],
    ['post', () => `/api/v1/threads/${ids.thread}/posts`],
    ['get', () => `/api/v1/threads/${ids.thread}/posts`],
    ['patch', () => `/api/v1/posts/${ids.post}`],
    ['delete', () => `/api/v1/posts/${ids.post}`],
    ['post', () => `/api/v1/posts/${ids.post}/hide`],
    ['post', () => `/api/v1/posts/${ids.post}/flags`],
    ['post', () => `/api/v1/threads/${ids.thread}/lock`],
    ['get', () => `/api/v1/groups/${group.id}/moderation/log`],
  ];

  it.each(unauthenticated)('%s without a token is 401', async (method, path) => {
    const res = await request(app.url)[method](path()).send({});
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
