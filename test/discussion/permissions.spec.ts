import { randomUUID } from 'node:crypto';
import { as, givenAdmin, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { givenThread, givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';

type Who = 'admin' | 'owner' | 'moderator' | 'member' | 'observer' | 'outsider' | 'signedOut';
type What =
  | 'read'
  | 'post'
  | 'editOwn'
  | 'editOthers'
  | 'lock'
  | 'pin'
  | 'move'
  | 'hide'
  | 'flag'
  | 'readQueue'
  | 'readLog';

const row = (
  admin: number,
  owner: number,
  moderator: number,
  member: number,
  observer: number,
  outsider: number,
  signedOut = 401,
) => ({
  admin,
  owner,
  moderator,
  member,
  observer,
  outsider,
  signedOut,
});

const MATRIX: Record<'group' | 'network', Record<What, Record<Who, number>>> = {
  group: {
    read: row(200, 200, 200, 200, 200, 404),
    post: row(201, 201, 201, 201, 403, 404),
    editOwn: row(200, 200, 200, 200, 403, 404),
    editOthers: row(403, 403, 403, 403, 403, 404),
    lock: row(200, 200, 200, 403, 403, 404),
    pin: row(200, 200, 200, 403, 403, 404),
    move: row(200, 200, 200, 403, 403, 404),
    hide: row(200, 200, 200, 403, 403, 404),
    flag: row(201, 201, 201, 201, 201, 404),
    readQueue: row(200, 200, 200, 403, 403, 404),
    readLog: row(200, 200, 200, 403, 403, 404),
  },
  network: {
    read: row(200, 200, 200, 200, 200, 200),
    post: row(201, 201, 201, 201, 201, 201),
    editOwn: row(200, 200, 200, 200, 200, 200),
    editOthers: row(403, 403, 403, 403, 403, 403),
    lock: row(200, 200, 200, 403, 403, 403),
    pin: row(200, 200, 200, 403, 403, 403),
    move: row(200, 200, 200, 403, 403, 403),
    hide: row(200, 200, 200, 403, 403, 403),
    flag: row(201, 201, 201, 201, 201, 201),
    readQueue: row(200, 200, 200, 403, 403, 404),
    readLog: row(200, 200, 200, 403, 403, 404),
  },
};

describe('discussion permission matrix', () => {
  let app: TestApp;
  let group: TestGroup;
  let admin: TestUser;
  let outsider: TestUser;
  const topics: Record<'group' | 'network', { id: string; other: string }> = {} as never;

  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    admin = await givenAdmin(app);
    outsider = await givenUser(app);
    for (const visibility of ['group', 'network'] as const) {
      topics[visibility] = {
        id: (await givenTopic(app, group, visibility)).id,
        other: (await givenTopic(app, group, visibility)).id,
      };
    }
  });
  afterAll(() => app.close());

  const callerOf = (who: Who): TestUser | undefined =>
    who === 'admin'
      ? admin
      : who === 'outsider'
        ? outsider
        : who === 'signedOut'
          ? undefined
          : group.people[who];

  /** A post by `author`, written directly (observers and outsiders may own posts from earlier times). */
  async function postBy(threadId: string, authorId: string): Promise<string> {
    const id = randomUUID();
    await app.dataSource.query(
      `WITH s AS (UPDATE threads SET last_post_seq = last_post_seq + 1, post_count = post_count + 1 WHERE id = $2 RETURNING last_post_seq)
       INSERT INTO posts (id, thread_id, seq, author_id, body) SELECT $1, $2, last_post_seq, $3, 'alt' FROM s`,
      [id, threadId, authorId],
    );
    return id;
  }

  const cases = (['group', 'network'] as const).flatMap((visibility) =>
    Object.entries(MATRIX[visibility]).flatMap(([what, r]) =>
      Object.entries(r).map(([who, status]) => [visibility, what as What, who as Who, status] as const),
    ),
  );

  it.each(cases)('%s topic: %s by %s → %i', async (visibility, what, who, status) => {
    const topic = topics[visibility];
    const thread = await givenThread(app, group.owner, topic.id, 'Ausgangsbeitrag');
    const caller = callerOf(who);
    const api = as(app, caller);
    let res;
    switch (what) {
      case 'read':
        res = await api.get(`/api/v1/threads/${thread.id}/posts`);
        break;
      case 'post':
        res = await api.post(`/api/v1/threads/${thread.id}/posts`).send({ body: 'Beitrag' });
        break;
      case 'editOwn': {
        const postId = await postBy(thread.id, caller?.id ?? group.people.member.id);
        res = await api.patch(`/api/v1/posts/${postId}`).send({ body: 'geändert' });
        break;
      }
      case 'editOthers': {
        const postId = await postBy(thread.id, randomUUID());
        res = await api.patch(`/api/v1/posts/${postId}`).send({ body: 'geändert' });
        break;
      }
      case 'lock':
        res = await api.post(`/api/v1/threads/${thread.id}/lock`);
        break;
      case 'pin':
        res = await api.post(`/api/v1/threads/${thread.id}/pin`);
        break;
      case 'move':
        res = await api.post(`/api/v1/threads/${thread.id}/move`).send({ topicId: topic.other });
        break;
      case 'hide': {
        const postId = await postBy(thread.id, group.people.member.id);
        res = await api.post(`/api/v1/posts/${postId}/hide`).send({ reasonCode: 'off_topic' });
        break;
      }
      case 'flag': {
        const postId = await postBy(thread.id, group.people.member.id);
        res = await api.post(`/api/v1/posts/${postId}/flags`).send({ reason: 'bitte prüfen' });
        break;
      }
      case 'readQueue':
        res = await api.get(`/api/v1/groups/${group.id}/moderation/queue`);
        break;
      case 'readLog':
        res = await api.get(`/api/v1/groups/${group.id}/moderation/log`);
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
