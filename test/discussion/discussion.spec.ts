import { as, givenGroup, givenUser, TestGroup } from '../support/factories';
import { eventsOf, givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('topics, threads and posts', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  it('creates a topic (moderators) with topic.created on the group stream', async () => {
    const res = await as(app, group.people.moderator)
      .post(`/api/v1/groups/${group.id}/topics`)
      .send({ title: 'Wohnraum für Geflüchtete', description: 'Erfahrungen', visibility: 'network' })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      groupId: group.id,
      title: 'Wohnraum für Geflüchtete',
      description: 'Erfahrungen',
      visibility: 'network',
      createdAt: expect.any(String),
    });
    await as(app, group.people.member)
      .post(`/api/v1/groups/${group.id}/topics`)
      .send({ title: 'x', visibility: 'group' })
      .expect(403);
    const events = await eventsOf(app, `group:${group.id}`);
    expect(events.at(-1)).toMatchObject({ type: 'topic.created', data: { topic: { id: res.body.id } } });
    await as(app, group.people.observer).get(`/api/v1/topics/${res.body.id}`).expect(200);
  });

  it('starts a thread: the body is post 1; thread.created on topic:<id>, post.created on thread:<id>', async () => {
    const res = await as(app, group.people.member)
      .post(`/api/v1/topics/${topicId}/threads`)
      .send({ title: 'Sprachkurse im Ländle', body: 'Wer hat **Erfahrungen**?' })
      .expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      topicId,
      title: 'Sprachkurse im Ländle',
      authorId: group.people.member.id,
      locked: false,
      pinned: false,
      postCount: 1,
      createdAt: expect.any(String),
      lastActivityAt: expect.any(String),
    });
    const posts = await as(app, group.people.observer)
      .get(`/api/v1/threads/${res.body.id}/posts`)
      .expect(200);
    expect(posts.body.items).toEqual([
      expect.objectContaining({
        seq: 1,
        body: 'Wer hat **Erfahrungen**?',
        authorId: group.people.member.id,
        hidden: false,
        editedAt: null,
      }),
    ]);
    const topicEvents = await eventsOf(app, `topic:${topicId}`);
    expect(topicEvents.at(-1)).toMatchObject({
      type: 'thread.created',
      data: { thread: { id: res.body.id } },
    });
    expect(await eventsOf(app, `thread:${res.body.id}`)).toEqual([
      expect.objectContaining({
        seq: 1,
        type: 'post.created',
        data: expect.objectContaining({ post: expect.objectContaining({ seq: 1 }) }),
      }),
    ]);
  });

  it('posts with replies and quoted excerpts; observers may not post', async () => {
    const thread = await givenThread(app, group.owner, topicId, 'Frage zur Förderung');
    const reply = await as(app, group.people.member)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .send({
        body: 'Antwort',
        replyToId: (await as(app, group.owner).get(`/api/v1/threads/${thread.id}/posts`)).body.items[0].id,
      })
      .expect(201);
    expect(reply.body).toMatchObject({
      seq: 2,
      threadId: thread.id,
      replyTo: { seq: 1, authorId: group.owner.id, excerpt: 'Frage zur Förderung' },
      hidden: false,
      editedAt: null,
    });
    const obs = await as(app, group.people.observer)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .send({ body: 'x' })
      .expect(403);
    expect(obs.body.code).toBe('FORBIDDEN');
    const other = await givenThread(app, group.owner, topicId);
    await as(app, group.owner)
      .post(`/api/v1/threads/${other.id}/posts`)
      .send({ body: 'x', replyToId: reply.body.id })
      .expect(400);
  });

  it('edits keep history; only the author edits; delete shows "deleted"', async () => {
    const thread = await givenThread(app, group.people.member, topicId, 'Version 1');
    const [first] = (await as(app, group.owner).get(`/api/v1/threads/${thread.id}/posts`)).body.items;
    await as(app, group.owner).patch(`/api/v1/posts/${first.id}`).send({ body: 'fremd' }).expect(403);
    const edited = await as(app, group.people.member)
      .patch(`/api/v1/posts/${first.id}`)
      .send({ body: 'Version 2' })
      .expect(200);
    expect(edited.body).toMatchObject({ body: 'Version 2', editedAt: expect.any(String) });
    await as(app, group.people.member)
      .patch(`/api/v1/posts/${first.id}`)
      .send({ body: 'Version 3' })
      .expect(200);
    const history = await as(app, group.people.observer)
      .get(`/api/v1/posts/${first.id}/revisions`)
      .expect(200);
    expect(history.body.items.map((r: { body: string }) => r.body)).toEqual([
      'Version 1',
      'Version 2',
      'Version 3',
    ]);
    await as(app, group.people.member).delete(`/api/v1/posts/${first.id}`).expect(204);
    const after = await as(app, group.owner).get(`/api/v1/posts/${first.id}`).expect(200);
    expect(after.body).toMatchObject({ deleted: true, body: null });
    const events = await eventsOf(app, `thread:${thread.id}`);
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'post.created'],
      [2, 'post.updated'],
      [3, 'post.updated'],
      [4, 'post.deleted'],
    ]);
  });

  it('lists threads pinned first, then by activity, with unread counts', async () => {
    const topic = await givenTopic(app, group);
    const a = await givenThread(app, group.owner, topic.id);
    const b = await givenThread(app, group.owner, topic.id);
    const c = await givenThread(app, group.owner, topic.id);
    await givenPost(app, group.people.member, a.id);
    await as(app, group.people.moderator).post(`/api/v1/threads/${c.id}/pin`).expect(200);
    const list = await as(app, group.people.member).get(`/api/v1/topics/${topic.id}/threads`).expect(200);
    expect(list.body.items.map((t: { id: string }) => t.id)).toEqual([c.id, a.id, b.id]);
    expect(list.body.items.map((t: { unreadCount: number }) => t.unreadCount)).toEqual([1, 2, 1]);
    const paged = await as(app, group.people.member)
      .get(`/api/v1/topics/${topic.id}/threads?limit=2`)
      .expect(200);
    const rest = await as(app, group.people.member)
      .get(`/api/v1/topics/${topic.id}/threads?limit=2&cursor=${paged.body.nextCursor}`)
      .expect(200);
    expect([...paged.body.items, ...rest.body.items].map((t: { id: string }) => t.id)).toEqual([
      c.id,
      a.id,
      b.id,
    ]);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('network topics: every signed-in person reads and writes; group topics are 404 to outsiders', async () => {
    const network = await givenTopic(app, group, 'network');
    const outsider = await givenUser(app);
    const thread = await givenThread(app, outsider, network.id, 'Von außen');
    await givenPost(app, outsider, thread.id);
    const groupTopicThread = await givenThread(app, group.owner, topicId);
    await as(app, outsider).get(`/api/v1/threads/${groupTopicThread.id}`).expect(404);
    await as(app, outsider).get(`/api/v1/topics/${topicId}`).expect(404);
    const visible = await as(app, outsider).get(`/api/v1/topics`).expect(200);
    expect(visible.body.items.map((t: { id: string }) => t.id)).toContain(network.id);
    expect(visible.body.items.map((t: { id: string }) => t.id)).not.toContain(topicId);
  });
});
