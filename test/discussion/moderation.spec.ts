import { as, givenGroup, TestGroup } from '../support/factories';
import { eventsOf, givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('moderation', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  it('lock → 409 THREAD_LOCKED for posts and edits; unlock lets posts in again; events in order', async () => {
    const thread = await givenThread(app, group.people.member, topicId);
    const locked = await as(app, group.people.moderator)
      .post(`/api/v1/threads/${thread.id}/lock`)
      .expect(200);
    expect(locked.body).toMatchObject({ id: thread.id, locked: true });
    const res = await as(app, group.people.member)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .send({ body: 'zu spät' })
      .expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'THREAD_LOCKED' });
    const [first] = (await as(app, group.owner).get(`/api/v1/threads/${thread.id}/posts`)).body.items;
    await as(app, group.people.member)
      .patch(`/api/v1/posts/${first.id}`)
      .send({ body: 'noch ändern' })
      .expect(409);
    await as(app, group.people.moderator).post(`/api/v1/threads/${thread.id}/unlock`).expect(200);
    await givenPost(app, group.people.member, thread.id);
    await as(app, group.people.moderator).post(`/api/v1/threads/${thread.id}/pin`).expect(200);
    await as(app, group.people.moderator).post(`/api/v1/threads/${thread.id}/unpin`).expect(200);
    const events = await eventsOf(app, `thread:${thread.id}`);
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'post.created'],
      [2, 'thread.locked'],
      [3, 'thread.unlocked'],
      [4, 'post.created'],
      [5, 'thread.pinned'],
      [6, 'thread.unpinned'],
    ]);
  });

  it('slow mode: a second post too soon is 429 with the remaining seconds; moderators are exempt', async () => {
    const thread = await givenThread(app, group.owner, topicId);
    const res = await as(app, group.people.moderator)
      .post(`/api/v1/threads/${thread.id}/slow-mode`)
      .send({ seconds: 120 })
      .expect(200);
    expect(res.body.slowModeSeconds).toBe(120);
    await givenPost(app, group.people.member, thread.id, 'eins');
    const second = await as(app, group.people.member)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .send({ body: 'zwei' })
      .expect(429);
    expect(second.body).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(second.body.retryAfterSeconds).toBeGreaterThan(100);
    expect(second.body.retryAfterSeconds).toBeLessThanOrEqual(120);
    await givenPost(app, group.people.moderator, thread.id, 'Moderation darf');
    await givenPost(app, group.people.moderator, thread.id, 'immer');
    const events = await eventsOf(app, `thread:${thread.id}`);
    expect(events.find((e) => e.type === 'thread.slow_mode_changed')).toBeDefined();
  });

  it('hide with a reason: the author sees the text and why, others a placeholder; unhide restores', async () => {
    const thread = await givenThread(app, group.owner, topicId);
    const post = await givenPost(app, group.people.member, thread.id, 'Telefonnummer 0711 123456');
    const hidden = await as(app, group.people.moderator)
      .post(`/api/v1/posts/${post.id}/hide`)
      .send({ reasonCode: 'personal_data', note: 'Bitte keine Telefonnummern' })
      .expect(200);
    expect(hidden.body).toMatchObject({
      hidden: true,
      moderation: { reasonCode: 'personal_data', note: 'Bitte keine Telefonnummern' },
    });
    const asAuthor = await as(app, group.people.member).get(`/api/v1/posts/${post.id}`).expect(200);
    expect(asAuthor.body).toMatchObject({
      hidden: true,
      body: 'Telefonnummer 0711 123456',
      moderation: { reasonCode: 'personal_data' },
    });
    const asOther = await as(app, group.people.observer).get(`/api/v1/posts/${post.id}`).expect(200);
    expect(asOther.body).toMatchObject({ hidden: true, body: null, moderation: null });
    const list = await as(app, group.people.observer)
      .get(`/api/v1/threads/${thread.id}/posts?after=1`)
      .expect(200);
    expect(list.body.items[0]).toMatchObject({ id: post.id, hidden: true, body: null });
    await as(app, group.people.member)
      .post(`/api/v1/posts/${post.id}/hide`)
      .send({ reasonCode: 'spam' })
      .expect(403);
    await as(app, group.people.moderator)
      .post(`/api/v1/posts/${post.id}/hide`)
      .send({ reasonCode: 'rude' })
      .expect(400);
    await as(app, group.people.moderator).post(`/api/v1/posts/${post.id}/unhide`).expect(200);
    const back = await as(app, group.people.observer).get(`/api/v1/posts/${post.id}`).expect(200);
    expect(back.body).toMatchObject({ hidden: false, body: 'Telefonnummer 0711 123456' });
    const types = (await eventsOf(app, `thread:${thread.id}`)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['post.hidden', 'post.unhidden']);
  });

  it('flags: readers flag, moderators see the queue and resolve (dismiss or hide); duplicates 409', async () => {
    const thread = await givenThread(app, group.owner, topicId);
    const post = await givenPost(app, group.people.member, thread.id, 'Werbung!');
    const flag = await as(app, group.people.observer)
      .post(`/api/v1/posts/${post.id}/flags`)
      .send({ reason: 'Spam' })
      .expect(201);
    expect(flag.body).toMatchObject({ id: expect.any(String), postId: post.id, status: 'open' });
    await as(app, group.people.observer)
      .post(`/api/v1/posts/${post.id}/flags`)
      .send({ reason: 'nochmal' })
      .expect(409);
    await as(app, group.owner).post(`/api/v1/posts/${post.id}/flags`).send({ reason: 'auch' }).expect(201);
    await as(app, group.people.member).get(`/api/v1/groups/${group.id}/moderation/queue`).expect(403);
    const queue = await as(app, group.people.moderator)
      .get(`/api/v1/groups/${group.id}/moderation/queue`)
      .expect(200);
    const mine = queue.body.items.filter((f: { post: { id: string } }) => f.post.id === post.id);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({
      reason: 'Spam',
      reporter: { id: group.people.observer.id },
      post: { body: 'Werbung!' },
    });
    await as(app, group.people.moderator)
      .post(`/api/v1/flags/${flag.body.id}/resolve`)
      .send({ action: 'hide' })
      .expect(400);
    const resolved = await as(app, group.people.moderator)
      .post(`/api/v1/flags/${flag.body.id}/resolve`)
      .send({ action: 'hide', reasonCode: 'spam' })
      .expect(200);
    expect(resolved.body).toEqual({ id: flag.body.id, status: 'hidden' });
    await as(app, group.people.moderator)
      .post(`/api/v1/flags/${flag.body.id}/resolve`)
      .send({ action: 'dismiss' })
      .expect(409);
    const after = await as(app, group.people.moderator)
      .get(`/api/v1/groups/${group.id}/moderation/queue`)
      .expect(200);
    expect(after.body.items.filter((f: { post: { id: string } }) => f.post.id === post.id)).toHaveLength(0);
    expect((await as(app, group.people.observer).get(`/api/v1/posts/${post.id}`)).body.hidden).toBe(true);
    const groupEvents = (await eventsOf(app, `group:${group.id}`)).map((e) => e.type);
    expect(groupEvents.slice(-3)).toEqual(['flag.created', 'flag.created', 'flag.resolved']);
  });

  it('moves a thread to a topic the moderator also moderates, with events on all three streams', async () => {
    const other = await givenTopic(app, group);
    const thread = await givenThread(app, group.owner, topicId);
    const foreign = await givenGroup(app);
    const foreignTopic = await givenTopic(app, foreign);
    await as(app, group.people.moderator)
      .post(`/api/v1/threads/${thread.id}/move`)
      .send({ topicId: foreignTopic.id })
      .expect(404);
    const moved = await as(app, group.people.moderator)
      .post(`/api/v1/threads/${thread.id}/move`)
      .send({ topicId: other.id })
      .expect(200);
    expect(moved.body).toMatchObject({ id: thread.id, topicId: other.id });
    for (const stream of [`thread:${thread.id}`, `topic:${topicId}`, `topic:${other.id}`]) {
      expect((await eventsOf(app, stream)).at(-1)).toMatchObject({
        type: 'thread.moved',
        data: { fromTopicId: topicId, toTopicId: other.id },
      });
    }
  });

  it('logs every moderator action, as JSON and as CSV', async () => {
    const g = await givenGroup(app);
    const t = await givenTopic(app, g);
    const thread = await givenThread(app, g.people.member, t.id);
    const post = await givenPost(app, g.people.member, thread.id, '=HYPERLINK("evil")');
    await as(app, g.people.moderator).post(`/api/v1/threads/${thread.id}/lock`).expect(200);
    await as(app, g.people.moderator)
      .post(`/api/v1/posts/${post.id}/hide`)
      .send({ reasonCode: 'insult', note: 'Ton, bitte; "sachlich"' })
      .expect(200);
    await as(app, g.people.member).get(`/api/v1/groups/${g.id}/moderation/log`).expect(403);
    const log = await as(app, g.owner).get(`/api/v1/groups/${g.id}/moderation/log`).expect(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['hide', 'lock']);
    expect(log.body.items[0]).toMatchObject({
      actor: { id: g.people.moderator.id, displayName: 'Moderator Person' },
      targetType: 'post',
      targetId: post.id,
      reasonCode: 'insult',
      note: 'Ton, bitte; "sachlich"',
      at: expect.any(String),
    });
    const csv = await as(app, g.owner).get(`/api/v1/groups/${g.id}/moderation/log?format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('at,actorId,actorName,action,targetType,targetId,reasonCode,note');
    expect(lines[1]).toContain(',hide,post,');
    expect(lines[1]).toContain('"Ton, bitte; ""sachlich"""');
    expect(lines).toHaveLength(3);
  });
});
