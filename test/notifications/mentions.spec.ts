import { randomUUID } from 'node:crypto';
import { EventDispatcher, EventStore, JobName, QueueService } from '@runde/events';
import { as, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe } from '../support/sockets';
import { startTestApp, TestApp, waitForQueuesToDrain } from '../support/test-app';
import { addMember, eventuallyNotified, notificationsOf, userEvents } from './notification-helpers';

/** Mentions and replies, fanned out by the worker's consumer of `post.created`. */
describe('notifications: mentions and replies', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  let tag: string;
  let juergen: TestUser;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
    tag = randomUUID().slice(0, 6);
    juergen = await givenUser(app, { displayName: `Jürgen Öztürk-Weiß ${tag}` });
    await addMember(app, group, juergen);
  });
  afterAll(() => app.close());

  it('by name (any case, umlauts) and by id: a notification and notification.created on user:<id>, seq 1 and 2', async () => {
    const thread = await givenThread(app, group.people.member, topicId, 'Wer kennt sich aus?');
    const byName = await givenPost(
      app,
      group.people.moderator,
      thread.id,
      `Frag doch @JÜRGEN öztürk-weiß ${tag.toUpperCase()}, der weiß das.`,
    );
    const first = await eventuallyNotified(app, juergen, (n) => n.postId === byName.id);
    expect(first).toEqual({
      id: expect.any(String),
      kind: 'mention',
      threadId: thread.id,
      threadTitle: 'Ein Thread',
      postId: byName.id,
      postSeq: 2,
      draftId: null,
      draftTitle: null,
      organisationId: null,
      organisationName: null,
      role: null,
      consultationId: null,
      consultationTitle: null,
      needsSignalId: null,
      needsSignalSummary: null,
      actor: expect.objectContaining({ id: group.people.moderator.id, displayName: 'Moderator Person' }),
      count: 1,
      createdAt: expect.any(String),
      readAt: null,
      groupId: null,
      reasonCode: null,
      note: null,
    });

    const byId = await givenPost(app, group.people.owner, thread.id, `Siehe @${juergen.id.toUpperCase()}.`);
    const second = await eventuallyNotified(app, juergen, (n) => n.postId === byId.id);
    expect(second).toMatchObject({ kind: 'mention', postSeq: 3, actor: { id: group.people.owner.id } });

    const events = await userEvents(app, juergen);
    expect(events).toEqual([
      {
        seq: 1,
        type: 'notification.created',
        data: { notification: first },
        actorId: group.people.moderator.id,
      },
      {
        seq: 2,
        type: 'notification.created',
        data: { notification: second },
        actorId: group.people.owner.id,
      },
    ]);
  });

  it('picks the longest display name of up to four words that an active person has', async () => {
    const short = await givenUser(app, { displayName: `Änne ${tag}` });
    const long = await givenUser(app, { displayName: `Änne ${tag} von Bülow` });
    await addMember(app, group, short);
    await addMember(app, group, long);
    const thread = await givenThread(app, group.people.owner, topicId);
    const post = await givenPost(app, group.people.member, thread.id, `Danke **@änne ${tag} VON BÜLOW**!`);
    await eventuallyNotified(app, long, (n) => n.postId === post.id && n.kind === 'mention');
    await waitForQueuesToDrain(app);
    expect((await notificationsOf(app, short)).filter((n) => n.threadId === thread.id)).toEqual([]);

    const plain = await givenPost(app, group.people.member, thread.id, `Und @Änne ${tag}: bitte melden.`);
    await eventuallyNotified(app, short, (n) => n.postId === plain.id && n.kind === 'mention');
  });

  it('mentions in the first post of a thread count too', async () => {
    const thread = await givenThread(app, group.people.member, topicId, `Hallo @${juergen.displayName}`);
    const n = await eventuallyNotified(app, juergen, (x) => x.threadId === thread.id);
    expect(n).toMatchObject({ kind: 'mention', postSeq: 1, actor: { id: group.people.member.id } });
  });

  it('never notifies someone who may not read the thread, nor the author about their own post', async () => {
    const outsider = await givenUser(app, { displayName: `Außenstehende ${tag}` });
    const thread = await givenThread(app, group.people.owner, topicId);
    const post = await givenPost(
      app,
      group.people.member,
      thread.id,
      `@${outsider.id} @Außenstehende ${tag} @${group.people.member.id} @${juergen.id}`,
    );
    // Jürgen's notification shows the event was handled; the others got nothing from it.
    await eventuallyNotified(app, juergen, (n) => n.postId === post.id);
    expect(await notificationsOf(app, outsider)).toEqual([]);
    expect(await userEvents(app, outsider)).toEqual([]);
    expect((await notificationsOf(app, group.people.member)).filter((n) => n.postId === post.id)).toEqual([]);
  });

  it('network topics are readable by everyone signed in, so anyone mentioned there hears of it', async () => {
    const network = await givenTopic(app, group, 'network');
    const outsider = await givenUser(app, { displayName: `Netzwerkerin ${tag}` });
    const thread = await givenThread(app, group.people.member, network.id);
    const post = await givenPost(app, group.people.member, thread.id, `@Netzwerkerin ${tag}, was meinst du?`);
    await eventuallyNotified(app, outsider, (n) => n.postId === post.id && n.kind === 'mention');
  });

  it('a reply notifies the author of the post replied to; one notification per post, mention first', async () => {
    const thread = await givenThread(app, group.people.owner, topicId);
    const original = await givenPost(app, group.people.member, thread.id, 'Mein Vorschlag');
    const reply = await givenPost(app, group.people.moderator, thread.id, 'Gute Idee', original.id);
    const n = await eventuallyNotified(app, group.people.member, (x) => x.postId === reply.id);
    expect(n).toMatchObject({
      kind: 'reply',
      threadId: thread.id,
      postSeq: reply.seq,
      actor: { id: group.people.moderator.id },
      count: 1,
    });

    // Replied to and mentioned (and following, having posted): still one notification, a mention.
    const both = await givenPost(
      app,
      group.people.moderator,
      thread.id,
      `@${group.people.member.id} siehe oben`,
      original.id,
    );
    await eventuallyNotified(app, group.people.member, (x) => x.postId === both.id);
    await waitForQueuesToDrain(app);
    const forBoth = (await notificationsOf(app, group.people.member)).filter((x) => x.postId === both.id);
    expect(forBoth.map((x) => x.kind)).toEqual(['mention']);

    // Replying to one's own post notifies nobody about it.
    const own = await givenPost(app, group.people.member, thread.id, 'Nachtrag', original.id);
    await expectEventually(async () => {
      await waitForQueuesToDrain(app);
      const mine = (await notificationsOf(app, group.people.member)).filter((x) => x.postId === own.id);
      expect(mine).toEqual([]);
    });
  });

  it('an edit that adds a mention notifies the newly mentioned person once; never the author, never twice', async () => {
    const thread = await givenThread(app, group.people.owner, topicId);
    const post = await givenPost(app, group.people.member, thread.id, 'Erste Fassung, noch ohne Namen.');
    // He follows his own stream live, as the bell does.
    const socket = await connectSocket(app, juergen.accessToken);
    let n: Awaited<ReturnType<typeof eventuallyNotified>>;
    try {
      expect(await subscribe(socket, `user:${juergen.id}`)).toMatchObject({ ok: true });
      await as(app, group.people.member)
        .patch(`/api/v1/posts/${post.id}`)
        .send({ body: `Korrektur: @${juergen.id} weiß mehr.` })
        .expect(200);
      n = await eventuallyNotified(app, juergen, (x) => x.postId === post.id);
      expect(n).toMatchObject({ kind: 'mention', postSeq: 2, actor: { id: group.people.member.id } });
      // …and the notice reaches his socket at once, as notification.created on user:<id>.
      const live = await expectEventually(() => {
        const found = socket.received.filter(
          (e) =>
            e.type === 'notification.created' &&
            (e.data as { notification: { id: string } }).notification.id === n.id,
        );
        expect(found).toHaveLength(1);
        return found[0];
      });
      expect(live).toMatchObject({
        stream: `user:${juergen.id}`,
        data: { notification: { kind: 'mention', postId: post.id } },
      });
    } finally {
      socket.close();
    }

    // Edited again, still mentioning him (and the author herself): no second notice, none for the author.
    await as(app, group.people.member)
      .patch(`/api/v1/posts/${post.id}`)
      .send({ body: `Korrektur: @${juergen.id} und @${group.people.member.id} wissen mehr.` })
      .expect(200);
    await waitForQueuesToDrain(app);
    expect((await notificationsOf(app, juergen)).filter((x) => x.postId === post.id)).toHaveLength(1);
    expect((await notificationsOf(app, group.people.member)).filter((x) => x.postId === post.id)).toEqual([]);

    // Someone already notified as the one replied to hears nothing more when the reply is edited to name them.
    const original = await givenPost(app, juergen, thread.id, 'Meine Frage.');
    const reply = await givenPost(app, group.people.moderator, thread.id, 'Antwort.', original.id);
    await eventuallyNotified(app, juergen, (x) => x.postId === reply.id && x.kind === 'reply');
    await as(app, group.people.moderator)
      .patch(`/api/v1/posts/${reply.id}`)
      .send({ body: `Antwort an @${juergen.id}.` })
      .expect(200);
    await waitForQueuesToDrain(app);
    expect(
      (await notificationsOf(app, juergen)).filter((x) => x.postId === reply.id).map((x) => x.kind),
    ).toEqual(['reply']);
  });

  it('an event delivered twice notifies once (dispatcher dedupe, then uq_notifications_source)', async () => {
    const thread = await givenThread(app, group.people.owner, topicId);
    const post = await givenPost(app, group.people.member, thread.id, `@${juergen.id} zweimal?`);
    await eventuallyNotified(app, juergen, (n) => n.postId === post.id);
    const [envelope] = (await app.api.get(EventStore).read(`thread:${thread.id}`, 0)).filter(
      (e) => e.type === 'post.created' && (e.data as { post: { id: string } }).post.id === post.id,
    );
    const snapshot = async () => ({
      rows: await app.dataSource.query(
        `SELECT id, user_id, kind, count FROM notifications WHERE post_id = $1 ORDER BY id`,
        [post.id],
      ),
      events: await userEvents(app, juergen),
    });
    const before = await snapshot();
    expect(before.rows.filter((r: { user_id: string }) => r.user_id === juergen.id)).toHaveLength(1);

    // Published again as another job: the dispatcher skips the consumer that already handled it.
    await app.api
      .get(QueueService)
      .addBulk(JobName.DispatchEvent, [{ data: envelope, jobId: `again-${envelope.id}` }]);
    await waitForQueuesToDrain(app);
    expect(await snapshot()).toEqual(before);

    // Even a consumer that forgot it (a replay) cannot notify the mentioned person twice.
    await app.dataSource.query(
      `DELETE FROM processed_events WHERE event_id = $1 AND consumer LIKE 'notifications.%'`,
      [envelope.id],
    );
    await app.worker!.get(EventDispatcher).dispatch(envelope);
    const after = await snapshot();
    expect(after.rows.filter((r: { user_id: string }) => r.user_id === juergen.id)).toEqual(
      before.rows.filter((r: { user_id: string }) => r.user_id === juergen.id),
    );
    expect(after.events).toEqual(before.events);
  });

  it('lists notifications newest first with cursor pagination, the unread filter and read markers', async () => {
    const reader = await givenUser(app, { displayName: `Leserin ${tag}` });
    await addMember(app, group, reader, 'observer');
    const thread = await givenThread(app, group.people.owner, topicId);
    const posts = [];
    for (let i = 0; i < 3; i += 1) {
      posts.push(await givenPost(app, group.people.member, thread.id, `@${reader.id} Nummer ${i}`));
    }
    await expectEventually(async () => expect(await notificationsOf(app, reader)).toHaveLength(3));
    const page1 = await as(app, reader).get('/api/v1/notifications?limit=2').expect(200);
    expect(page1.body.items.map((n: { postId: string }) => n.postId)).toEqual([posts[2].id, posts[1].id]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await as(app, reader)
      .get(`/api/v1/notifications?limit=2&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body).toEqual({
      items: [expect.objectContaining({ postId: posts[0].id })],
      nextCursor: null,
    });

    const read = await as(app, reader)
      .post(`/api/v1/notifications/${page1.body.items[0].id}/read`)
      .expect(200);
    expect(read.body).toMatchObject({ id: page1.body.items[0].id, readAt: expect.any(String) });
    const again = await as(app, reader)
      .post(`/api/v1/notifications/${page1.body.items[0].id}/read`)
      .expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await as(app, reader).get('/api/v1/notifications/unread-count').expect(200)).body).toEqual({
      count: 2,
    });
    const unread = await notificationsOf(app, reader, '&unread=true');
    expect(unread.map((n) => n.postId)).toEqual([posts[1].id, posts[0].id]);

    // Someone else's notification does not exist for the caller.
    await as(app, juergen).post(`/api/v1/notifications/${page1.body.items[1].id}/read`).expect(404);

    const all = await as(app, reader).post('/api/v1/notifications/read-all').expect(200);
    expect(all.body).toEqual({ updated: 2 });
    expect((await as(app, reader).get('/api/v1/notifications/unread-count')).body).toEqual({ count: 0 });
    expect(await notificationsOf(app, reader, '&unread=true')).toEqual([]);
    expect((await notificationsOf(app, reader)).every((n) => n.readAt !== null)).toBe(true);
  });
});
