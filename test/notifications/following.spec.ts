import { EventDispatcher, EventStore } from '@runde/events';
import { as, givenGroup, givenUser, PASSWORD, TestGroup, TestUser } from '../support/factories';
import { eventsOf, givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp, waitForQueuesToDrain } from '../support/test-app';
import {
  addMember,
  eventuallyNotified,
  NotificationBody,
  notificationsOf,
  unreadCountOf,
  userEvents,
} from './notification-helpers';

/** Follows (explicit and automatic), coalesced followed-thread notifications and read markers. */
describe('notifications: following and read markers', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  const followsOf = async (user: TestUser, query = '') =>
    (await as(app, user).get(`/api/v1/me/follows?limit=100${query}`).expect(200)).body as {
      items: Array<{ targetType: string; targetId: string; title: string | null; followedAt: string }>;
      nextCursor: string | null;
    };
  const followedThreadOf = async (user: TestUser, threadId: string): Promise<NotificationBody[]> =>
    (await notificationsOf(app, user)).filter((n) => n.threadId === threadId && n.kind === 'followed_thread');

  it('a post event run again (events:replay --consumer) counts nothing twice and announces nothing again', async () => {
    const owner = group.people.owner;
    const thread = await givenThread(app, owner, topicId);
    await expectEventually(async () =>
      expect((await followsOf(owner)).items.map((f) => f.targetId)).toContain(thread.id),
    );
    const eventsBefore = (await userEvents(app, owner)).length;
    await givenPost(app, group.people.member, thread.id, 'eins');
    await givenPost(app, group.people.member, thread.id, 'zwei');
    await expectEventually(async () =>
      expect((await followedThreadOf(owner, thread.id)).map((n) => n.count)).toEqual([2]),
    );
    await waitForQueuesToDrain(app);

    const posts = (await app.api.get(EventStore).read(`thread:${thread.id}`, 0)).filter(
      (e) => e.type === 'post.created',
    );
    expect(posts).toHaveLength(3);
    // What the replay CLI does for one consumer: forget that it processed the events, then dispatch them again.
    await app.dataSource.query(
      `DELETE FROM processed_events WHERE consumer = 'notifications.post-created' AND event_id = ANY($1::uuid[])`,
      [posts.map((e) => e.id)],
    );
    const dispatcher = app.worker!.get(EventDispatcher);
    for (const event of posts)
      expect((await dispatcher.dispatch(event)).ran).toContain('notifications.post-created');
    // Redelivered once more as a batch: the notifications consumer now skips them (processed_events).
    await dispatcher.dispatchAll(posts);

    expect((await followedThreadOf(owner, thread.id)).map((n) => n.count)).toEqual([2]);
    expect((await userEvents(app, owner)).length).toBe(eventsBefore + 1);
  });

  it('a job’s posts fan out in one go exactly as one by one: thread and topic followers, readers skipped', async () => {
    const { owner, member, moderator, observer } = group.people;
    const topic = (await givenTopic(app, group)).id;
    await as(app, observer).post(`/api/v1/topics/${topic}/follow`).expect(201);
    const a = await givenThread(app, owner, topic);
    const b = await givenThread(app, member, topic);
    await givenPost(app, member, a.id, 'eins');
    await givenPost(app, moderator, a.id, 'zwei');
    await givenPost(app, owner, b.id, 'drei');
    await as(app, moderator).post(`/api/v1/threads/${b.id}/follow`).expect(201);
    await givenPost(app, member, b.id, 'vier');
    await waitForQueuesToDrain(app);
    // Run again below: the member has read thread a to its end by then, so hears of none of its posts.
    await as(app, member).post(`/api/v1/threads/${a.id}/read`).send({ seq: 3 }).expect(200);

    const rows = (await app.dataSource.query(
      `SELECT id FROM domain_events WHERE stream = ANY($1::text[]) AND type = 'post.created' ORDER BY position`,
      [[`thread:${a.id}`, `thread:${b.id}`]],
    )) as Array<{ id: string }>;
    const store = app.api.get(EventStore);
    const all = [...(await store.read(`thread:${a.id}`, 0)), ...(await store.read(`thread:${b.id}`, 0))];
    const posts = rows.map((r) => all.find((e) => e.id === r.id)!);
    expect(posts).toHaveLength(6);

    const snapshot = async () =>
      (await app.dataSource.query(
        `SELECT user_id, kind, thread_id, count FROM notifications WHERE thread_id = ANY($1::uuid[])
          ORDER BY thread_id, user_id, kind`,
        [[a.id, b.id]],
      )) as Array<{ user_id: string; kind: string; thread_id: string; count: number }>;
    const forget = async () => {
      await app.dataSource.query(`DELETE FROM notifications WHERE thread_id = ANY($1::uuid[])`, [
        [a.id, b.id],
      ]);
      await app.dataSource.query(`DELETE FROM followed_post_notices WHERE post_id = ANY($1::uuid[])`, [
        posts.map((e) => (e.data as { post: { id: string } }).post.id),
      ]);
      await app.dataSource.query(
        `DELETE FROM processed_events WHERE consumer = 'notifications.post-created' AND event_id = ANY($1::uuid[])`,
        [posts.map((e) => e.id)],
      );
    };
    const dispatcher = app.worker!.get(EventDispatcher);
    await forget();
    for (const event of posts) await dispatcher.dispatch(event);
    const oneByOne = await snapshot();
    const of = (user: TestUser, threadId: string) =>
      oneByOne.filter((n) => n.user_id === user.id && n.thread_id === threadId).map((n) => [n.kind, n.count]);
    expect(of(observer, a.id)).toEqual([['followed_thread', 1]]); // topic follower: the thread's first post
    expect(of(observer, b.id)).toEqual([['followed_thread', 1]]);
    expect(of(owner, a.id)).toEqual([['followed_thread', 2]]);
    expect(of(member, a.id)).toEqual([]); // read to the end
    expect(of(member, b.id)).toEqual([['followed_thread', 1]]); // the owner's post only, never their own
    expect(of(moderator, b.id)).toEqual([['followed_thread', 3]]); // follows b by now: all three posts

    await forget();
    expect(await dispatcher.dispatchAll(posts)).toBeGreaterThanOrEqual(posts.length);
    expect(await snapshot()).toEqual(oneByOne);
  });

  it('authors follow their thread, and whoever posts in a thread follows it', async () => {
    const thread = await givenThread(app, group.people.member, topicId);
    await expectEventually(async () =>
      expect((await followsOf(group.people.member)).items).toContainEqual({
        targetType: 'thread',
        targetId: thread.id,
        title: 'Ein Thread',
        followedAt: expect.any(String),
      }),
    );
    await givenPost(app, group.people.moderator, thread.id);
    await expectEventually(async () =>
      expect((await followsOf(group.people.moderator)).items.map((f) => f.targetId)).toContain(thread.id),
    );
    // …and so the author hears of the moderator's post.
    const n = await eventuallyNotified(app, group.people.member, (x) => x.threadId === thread.id);
    expect(n).toMatchObject({ kind: 'followed_thread', count: 1, actor: { id: group.people.moderator.id } });
  });

  it('coalesces a followed thread: 3 posts → one unread notification with count 3; read, then a new one', async () => {
    const owner = group.people.owner;
    const thread = await givenThread(app, owner, topicId);
    await expectEventually(async () =>
      expect((await followsOf(owner)).items.map((f) => f.targetId)).toContain(thread.id),
    );
    const eventsBefore = (await userEvents(app, owner)).length;
    const unreadBefore = await unreadCountOf(app, owner);
    const posts = [];
    for (let i = 1; i <= 3; i += 1)
      posts.push(await givenPost(app, group.people.member, thread.id, `Nr. ${i}`));

    await expectEventually(async () => {
      const notices = await followedThreadOf(owner, thread.id);
      expect(notices).toEqual([
        expect.objectContaining({
          kind: 'followed_thread',
          count: 3,
          readAt: null,
          threadTitle: 'Ein Thread',
        }),
      ]);
    });
    const [notice] = await followedThreadOf(owner, thread.id);
    expect(posts.map((p) => p.id)).toContain(notice.postId);
    expect(await unreadCountOf(app, owner)).toBe(unreadBefore + 1);
    // One event for the one notification, none for the increments.
    const events = (await userEvents(app, owner)).slice(eventsBefore);
    expect(events).toEqual([
      expect.objectContaining({
        seq: eventsBefore + 1,
        type: 'notification.created',
        data: { notification: expect.objectContaining({ id: notice.id, kind: 'followed_thread', count: 1 }) },
      }),
    ]);

    // Reading the thread to its last post reads the notification.
    const read = await as(app, owner)
      .post(`/api/v1/threads/${thread.id}/read`)
      .send({ seq: posts[2].seq })
      .expect(200);
    expect(read.body).toEqual({ threadId: thread.id, lastReadSeq: 4, unreadCount: 0 });
    expect((await followedThreadOf(owner, thread.id))[0].readAt).toEqual(expect.any(String));
    expect(await unreadCountOf(app, owner)).toBe(unreadBefore);

    // The next post starts a new notification (and a new event).
    const next = await givenPost(app, group.people.member, thread.id, 'Nr. 4');
    await expectEventually(async () => {
      const notices = await followedThreadOf(owner, thread.id);
      expect(notices).toHaveLength(2);
      expect(notices[0]).toMatchObject({ count: 1, readAt: null, postId: next.id, postSeq: 5 });
    });
    expect((await userEvents(app, owner)).slice(eventsBefore)).toHaveLength(2);
  });

  it('reading only part of a thread keeps its notification unread', async () => {
    const thread = await givenThread(app, group.people.owner, topicId);
    const a = await givenPost(app, group.people.member, thread.id, 'A');
    await givenPost(app, group.people.member, thread.id, 'B');
    await expectEventually(async () =>
      expect(await followedThreadOf(group.people.owner, thread.id)).toEqual([
        expect.objectContaining({ count: 2, readAt: null }),
      ]),
    );
    await as(app, group.people.owner)
      .post(`/api/v1/threads/${thread.id}/read`)
      .send({ seq: a.seq })
      .expect(200);
    expect((await followedThreadOf(group.people.owner, thread.id))[0].readAt).toBeNull();
  });

  it('authors follow a thread in the same transaction as their thread or post, before any fan-out', async () => {
    const thread = await givenThread(app, group.people.owner, topicId);
    await givenPost(app, group.people.member, thread.id, 'A');
    // Right after the responses, without waiting for the worker: both follow.
    const rows: Array<{ user_id: string }> = await app.dataSource.query(
      `SELECT user_id FROM follows WHERE target_type = 'thread' AND target_id = $1 ORDER BY user_id`,
      [thread.id],
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual([group.people.owner.id, group.people.member.id].sort());
  });

  it('read markers are monotonic, stop at the last post, and drive unreadCount in the thread list', async () => {
    const thread = await givenThread(app, group.people.owner, topicId);
    for (let i = 0; i < 3; i += 1) await givenPost(app, group.people.member, thread.id);
    const read = (user: TestUser, seq: number) =>
      as(app, user).post(`/api/v1/threads/${thread.id}/read`).send({ seq }).expect(200);

    expect((await read(group.people.observer, 3)).body).toEqual({
      threadId: thread.id,
      lastReadSeq: 3,
      unreadCount: 1,
    });
    expect((await read(group.people.observer, 1)).body.lastReadSeq).toBe(3);
    expect((await read(group.people.observer, 0)).body.lastReadSeq).toBe(3);
    expect((await read(group.people.observer, 999)).body).toMatchObject({ lastReadSeq: 4, unreadCount: 0 });
    expect((await read(group.people.moderator, 2)).body.lastReadSeq).toBe(2);

    const listed = async (user: TestUser) => {
      const res = await as(app, user).get(`/api/v1/topics/${topicId}/threads?limit=100`).expect(200);
      return res.body.items.find((t: { id: string }) => t.id === thread.id);
    };
    expect(await listed(group.people.observer)).toMatchObject({ unreadCount: 0, lastReadSeq: 4 });
    expect(await listed(group.people.moderator)).toMatchObject({ unreadCount: 2, lastReadSeq: 2 });
    expect(await listed(group.people.owner)).toMatchObject({ unreadCount: 4 });
  });

  it('follow and unfollow are idempotent (201/204); an unfollowed thread stays quiet', async () => {
    const thread = await givenThread(app, group.people.member, topicId);
    const observer = group.people.observer;
    const first = await as(app, observer).post(`/api/v1/threads/${thread.id}/follow`).expect(201);
    expect(first.body).toEqual({ targetType: 'thread', targetId: thread.id, followedAt: expect.any(String) });
    const second = await as(app, observer).post(`/api/v1/threads/${thread.id}/follow`).expect(201);
    expect(second.body).toEqual(first.body);

    await givenPost(app, group.people.moderator, thread.id);
    await eventuallyNotified(app, observer, (n) => n.threadId === thread.id && n.kind === 'followed_thread');

    await as(app, observer).delete(`/api/v1/threads/${thread.id}/follow`).expect(204);
    await as(app, observer).delete(`/api/v1/threads/${thread.id}/follow`).expect(204);
    expect((await followsOf(observer)).items.map((f) => f.targetId)).not.toContain(thread.id);
    await as(app, observer).post('/api/v1/notifications/read-all').expect(200);

    // The thread's author (a follower) hears of the next post; the observer no longer does.
    const post = await givenPost(app, group.people.moderator, thread.id);
    await eventuallyNotified(app, group.people.member, (n) => n.threadId === thread.id && n.count === 2);
    await waitForQueuesToDrain(app);
    expect((await notificationsOf(app, observer, '&unread=true')).map((n) => n.postId)).not.toContain(
      post.id,
    );
  });

  it('following a topic: hear of its new threads; unfollow stops it', async () => {
    const topic = await givenTopic(app, group);
    const { observer, moderator } = group.people;
    await as(app, observer).post(`/api/v1/topics/${topic.id}/follow`).expect(201);
    await as(app, moderator).post(`/api/v1/topics/${topic.id}/follow`).expect(201);
    const thread = await givenThread(app, group.people.member, topic.id);
    const n = await eventuallyNotified(app, observer, (x) => x.threadId === thread.id);
    expect(n).toMatchObject({
      kind: 'followed_thread',
      postSeq: 1,
      count: 1,
      actor: { id: group.people.member.id },
    });

    await as(app, observer).delete(`/api/v1/topics/${topic.id}/follow`).expect(204);
    const later = await givenThread(app, group.people.member, topic.id);
    await eventuallyNotified(app, moderator, (x) => x.threadId === later.id);
    expect((await notificationsOf(app, observer)).map((x) => x.threadId)).not.toContain(later.id);

    const follows = await followsOf(moderator, '&type=topic');
    expect(follows.items).toContainEqual(
      expect.objectContaining({ targetType: 'topic', targetId: topic.id }),
    );
    expect(follows.items.every((f) => f.targetType === 'topic')).toBe(true);
  });

  it('lists follows newest first with a cursor', async () => {
    const person = await givenUser(app);
    await addMember(app, group, person);
    const threads = [];
    for (let i = 0; i < 3; i += 1) {
      threads.push(await givenThread(app, group.people.owner, topicId));
      await as(app, person).post(`/api/v1/threads/${threads[i].id}/follow`).expect(201);
    }
    const page1 = await as(app, person).get('/api/v1/me/follows?limit=2').expect(200);
    expect(page1.body.items.map((f: { targetId: string }) => f.targetId)).toEqual([
      threads[2].id,
      threads[1].id,
    ]);
    const page2 = await as(app, person)
      .get(`/api/v1/me/follows?limit=2&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body).toEqual({
      items: [expect.objectContaining({ targetId: threads[0].id })],
      nextCursor: null,
    });
  });

  it('no followed-thread notification for someone who may no longer read the thread', async () => {
    const leaver = await givenUser(app);
    await addMember(app, group, leaver);
    const thread = await givenThread(app, group.people.owner, topicId);
    await as(app, leaver).post(`/api/v1/threads/${thread.id}/follow`).expect(201);
    await as(app, group.owner).delete(`/api/v1/groups/${group.id}/members/${leaver.id}`).expect(204);
    await givenPost(app, group.people.member, thread.id);
    await eventuallyNotified(app, group.people.owner, (n) => n.threadId === thread.id);
    expect(await notificationsOf(app, leaver)).toEqual([]);
    // Having lost access, they may still drop the follow.
    await as(app, leaver).delete(`/api/v1/threads/${thread.id}/follow`).expect(204);
    await as(app, leaver).post(`/api/v1/threads/${thread.id}/follow`).expect(404);
  });

  it('exports follows, read markers and notifications, and erases them with the account', async () => {
    const person = await givenUser(app);
    await addMember(app, group, person);
    const thread = await givenThread(app, person, topicId);
    await as(app, person).post(`/api/v1/topics/${topicId}/follow`).expect(201);
    await givenPost(app, group.people.member, thread.id, `@${person.id} bitte`);
    await eventuallyNotified(app, person, (n) => n.threadId === thread.id);
    await as(app, person).post(`/api/v1/threads/${thread.id}/read`).send({ seq: 1 }).expect(200);

    const exported = await as(app, person).get('/api/v1/me/export').expect(200);
    expect(exported.body.notifications).toEqual({
      follows: expect.arrayContaining([
        expect.objectContaining({ targetType: 'thread', targetId: thread.id }),
        expect.objectContaining({ targetType: 'topic', targetId: topicId }),
      ]),
      readMarkers: [expect.objectContaining({ threadId: thread.id, lastReadSeq: 1 })],
      notifications: [expect.objectContaining({ kind: 'mention', threadId: thread.id })],
    });

    await as(app, person).delete('/api/v1/me').send({ password: PASSWORD }).expect(204);
    for (const table of ['follows', 'thread_reads', 'notifications']) {
      const rows = await app.dataSource.query(`SELECT 1 FROM ${table} WHERE user_id = $1`, [person.id]);
      expect(rows).toEqual([]);
    }
  });
});

describe('own-state events on user:<id>', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('follow, unfollow and reading further write events for the person’s other tabs (only on change)', async () => {
    const group = await givenGroup(app);
    const topic = await givenTopic(app, group);
    const thread = await givenThread(app, group.owner, topic.id);
    await givenPost(app, group.owner, thread.id);
    const me = group.people.member;
    await as(app, me).post(`/api/v1/threads/${thread.id}/follow`).expect(201);
    await as(app, me).post(`/api/v1/threads/${thread.id}/follow`).expect(201);
    await as(app, me).post(`/api/v1/threads/${thread.id}/read`).send({ seq: 1 }).expect(200);
    await as(app, me).post(`/api/v1/threads/${thread.id}/read`).send({ seq: 1 }).expect(200);
    await as(app, me).post(`/api/v1/threads/${thread.id}/read`).send({ seq: 2 }).expect(200);
    await as(app, me).delete(`/api/v1/threads/${thread.id}/follow`).expect(204);
    await as(app, me).delete(`/api/v1/threads/${thread.id}/follow`).expect(204);
    const events = await eventsOf(app, `user:${me.id}`);
    expect(events.map((e) => [e.seq, e.type, e.data])).toEqual([
      [1, 'follow.added', { targetType: 'thread', targetId: thread.id }],
      [2, 'thread.read', { threadId: thread.id, lastReadSeq: 1 }],
      [3, 'thread.read', { threadId: thread.id, lastReadSeq: 2 }],
      [4, 'follow.removed', { targetType: 'thread', targetId: thread.id }],
    ]);
  });
});
