import { EventDispatcher, EventStore } from '@runde/events';
import { as, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe, TestSocket } from '../support/sockets';
import { startTestApp, TestApp, waitForQueuesToDrain } from '../support/test-app';
import { addMember, eventuallyNotified, notificationsOf, userEvents } from './notification-helpers';

/**
 * Issue 23, finding 3: moderation is seen. A new flag tells the group's owners and moderators (not who flagged);
 * a hidden post tells its author why (reason and note), a post shown again tells them too — live on user:<id>
 * and in the notification list. Nobody else's notice carries the hidden text or the note.
 */
describe('notifications: moderation', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  let colleague: TestUser;
  let secondModerator: TestUser;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
    colleague = await givenUser(app, { displayName: 'Kollegin Kraus' });
    secondModerator = await givenUser(app, { displayName: 'Zweite Moderatorin' });
    await addMember(app, group, colleague);
    await addMember(app, group, secondModerator, 'moderator');
  });
  afterAll(() => app.close());

  const everyone = () => [
    group.people.owner,
    group.people.moderator,
    group.people.member,
    group.people.observer,
    colleague,
    secondModerator,
  ];
  const flag = (user: TestUser, postId: string, reason = 'Bitte prüfen') =>
    as(app, user).post(`/api/v1/posts/${postId}/flags`).send({ reason }).expect(201);
  const openFlagOn = async (postId: string): Promise<string> => {
    const queue = (
      await as(app, group.people.moderator)
        .get(`/api/v1/groups/${group.id}/moderation/queue?limit=100`)
        .expect(200)
    ).body.items as Array<{ id: string; post: { id: string } }>;
    return queue.find((f) => f.post.id === postId)!.id;
  };
  const kindsAbout = async (user: TestUser, postId: string) =>
    (await notificationsOf(app, user)).filter((n) => n.postId === postId).map((n) => n.kind);
  const live = async (user: TestUser): Promise<TestSocket> => {
    const socket = await connectSocket(app, user.accessToken);
    expect(await subscribe(socket, `user:${user.id}`)).toMatchObject({ ok: true });
    return socket;
  };
  const liveNotices = (socket: TestSocket) =>
    socket.received
      .filter((e) => e.type === 'notification.created')
      .map((e) => (e.data as { notification: { kind: string; postId: string | null } }).notification);

  it('a new flag tells the owners and moderators, live and in the list; not who flagged, not the members', async () => {
    const { owner, moderator, member, observer } = group.people;
    const thread = await givenThread(app, member, topicId, 'Eröffnung');
    const post = await givenPost(app, member, thread.id, 'Ein fragwürdiger Beitrag');
    const socket = await live(moderator);
    try {
      await flag(colleague, post.id, 'Das ist Werbung.');
      const notice = await eventuallyNotified(app, moderator, (n) => n.postId === post.id);
      expect(notice).toMatchObject({
        kind: 'post_flagged',
        threadId: thread.id,
        threadTitle: 'Ein Thread',
        postId: post.id,
        postSeq: post.seq,
        groupId: group.id,
        actor: expect.objectContaining({ id: colleague.id, displayName: 'Kollegin Kraus' }),
        reasonCode: null,
        note: null,
        readAt: null,
      });
      await expectEventually(async () =>
        expect(liveNotices(socket)).toEqual([
          expect.objectContaining({ id: notice.id, kind: 'post_flagged' }),
        ]),
      );
      await eventuallyNotified(app, owner, (n) => n.postId === post.id && n.kind === 'post_flagged');
      await eventuallyNotified(
        app,
        secondModerator,
        (n) => n.postId === post.id && n.kind === 'post_flagged',
      );
      await waitForQueuesToDrain(app);
      for (const user of [member, observer, colleague]) expect(await kindsAbout(user, post.id)).toEqual([]);

      // A moderator who flags is not told of their own flag; the other moderators and the owner are.
      await flag(secondModerator, post.id, 'Auch von mir.');
      await expectEventually(async () =>
        expect(await kindsAbout(moderator, post.id)).toEqual(['post_flagged', 'post_flagged']),
      );
      await waitForQueuesToDrain(app);
      expect(await kindsAbout(secondModerator, post.id)).toEqual(['post_flagged']);
      expect(await kindsAbout(owner, post.id)).toEqual(['post_flagged', 'post_flagged']);
    } finally {
      socket.close();
    }
  });

  it('a hidden post tells its author the reason and the note, live; shown again tells them too; nobody else', async () => {
    const { moderator, member } = group.people;
    const secret = 'Geheimer Text, ihr Dummköpfe 7f3a';
    const note = 'Bitte bleiben Sie sachlich.';
    const thread = await givenThread(app, moderator, topicId, 'Regeln');
    const post = await givenPost(app, member, thread.id, secret);
    await flag(colleague, post.id);
    await eventuallyNotified(app, moderator, (n) => n.postId === post.id);
    const socket = await live(member);
    try {
      await as(app, moderator)
        .post(`/api/v1/posts/${post.id}/hide`)
        .send({ reasonCode: 'insult', note })
        .expect(200);
      const hidden = await eventuallyNotified(app, member, (n) => n.postId === post.id);
      expect(hidden).toMatchObject({
        kind: 'post_hidden',
        threadId: thread.id,
        threadTitle: 'Ein Thread',
        postSeq: post.seq,
        reasonCode: 'insult',
        note,
        actor: null,
        groupId: null,
      });
      await expectEventually(async () =>
        expect(liveNotices(socket)).toEqual([
          expect.objectContaining({ id: hidden.id, kind: 'post_hidden', reasonCode: 'insult', note }),
        ]),
      );

      await as(app, moderator).post(`/api/v1/posts/${post.id}/unhide`).expect(200);
      const shown = await eventuallyNotified(app, member, (n) => n.kind === 'post_unhidden');
      expect(shown).toMatchObject({ postId: post.id, reasonCode: null, note: null, actor: null });
      await expectEventually(async () =>
        expect(liveNotices(socket).map((n) => n.kind)).toEqual(['post_hidden', 'post_unhidden']),
      );

      // Hidden again through the queue (resolving the flag): another notice with the new reason, no note.
      await as(app, moderator)
        .post(`/api/v1/flags/${await openFlagOn(post.id)}/resolve`)
        .send({ action: 'hide', reasonCode: 'personal_data' })
        .expect(200);
      await expectEventually(async () =>
        expect(
          (await notificationsOf(app, member))
            .filter((n) => n.postId === post.id)
            .map((n) => [n.kind, n.reasonCode, n.note]),
        ).toEqual([
          ['post_hidden', 'personal_data', null],
          ['post_unhidden', null, null],
          ['post_hidden', 'insult', note],
        ]),
      );
      await waitForQueuesToDrain(app);

      // No one else heard of the hiding; no one's notices (list or stored events) carry the text or the note.
      for (const user of everyone().filter((u) => u.id !== member.id)) {
        expect((await kindsAbout(user, post.id)).filter((k) => k.startsWith('post_'))).toEqual(
          [group.people.owner, moderator, secondModerator].includes(user) ? ['post_flagged'] : [],
        );
        const listed = JSON.stringify(await notificationsOf(app, user));
        const stored = JSON.stringify(await userEvents(app, user));
        for (const text of [secret, note, 'Dummköpfe']) {
          expect(listed).not.toContain(text);
          expect(stored).not.toContain(text);
        }
      }
      // Not even the author's own notices carry the post's text (they are told why, and open the thread).
      expect(JSON.stringify(await notificationsOf(app, member))).not.toContain(secret);
    } finally {
      socket.close();
    }
  });

  it('a moderator hiding their own post hears nothing of it; an event run again notifies no one twice', async () => {
    const { moderator, member } = group.people;
    const thread = await givenThread(app, moderator, topicId, 'Eigenes');
    const own = await givenPost(app, moderator, thread.id, 'Versehentlich doppelt');
    await as(app, moderator)
      .post(`/api/v1/posts/${own.id}/hide`)
      .send({ reasonCode: 'duplicate' })
      .expect(200);
    const other = await givenPost(app, member, thread.id, 'Zweimal benachrichtigt?');
    await as(app, moderator).post(`/api/v1/posts/${other.id}/hide`).send({ reasonCode: 'spam' }).expect(200);
    await eventuallyNotified(app, member, (n) => n.postId === other.id);
    await waitForQueuesToDrain(app);
    expect(await kindsAbout(moderator, own.id)).toEqual([]);

    const events = (await app.api.get(EventStore).read(`thread:${thread.id}`, 0)).filter(
      (e) => e.type === 'post.hidden',
    );
    await app.dataSource.query(
      `DELETE FROM processed_events WHERE consumer = 'notifications.post-moderated' AND event_id = ANY($1::uuid[])`,
      [events.map((e) => e.id)],
    );
    const before = (await userEvents(app, member)).length;
    await app.worker!.get(EventDispatcher).dispatchAll(events);
    expect(await kindsAbout(member, other.id)).toEqual(['post_hidden']);
    expect((await userEvents(app, member)).length).toBe(before);
    expect(await kindsAbout(moderator, own.id)).toEqual([]);
  });

  it('a flag resolved before its notice goes out asks nobody; someone who left the group is not told', async () => {
    const { moderator, member, owner } = group.people;
    const thread = await givenThread(app, member, topicId, 'Später');
    const post = await givenPost(app, member, thread.id, 'Ein Beitrag');
    await flag(colleague, post.id);
    await eventuallyNotified(app, moderator, (n) => n.postId === post.id);
    await waitForQueuesToDrain(app);
    const flagEvents = (await app.api.get(EventStore).read(`group:${group.id}`, 0)).filter(
      (e) => e.type === 'flag.created' && (e.data as { postId: string }).postId === post.id,
    );
    // As if the notice had not gone out yet: then the flag is dismissed, and only then its event is handled.
    await app.dataSource.query(`DELETE FROM notifications WHERE post_id = $1`, [post.id]);
    await app.dataSource.query(
      `DELETE FROM processed_events WHERE consumer = 'notifications.flag-created' AND event_id = ANY($1::uuid[])`,
      [flagEvents.map((e) => e.id)],
    );
    await as(app, moderator)
      .post(`/api/v1/flags/${await openFlagOn(post.id)}/resolve`)
      .send({ action: 'dismiss' })
      .expect(200);
    await app.worker!.get(EventDispatcher).dispatchAll(flagEvents);
    expect(await kindsAbout(moderator, post.id)).toEqual([]);
    expect(await kindsAbout(owner, post.id)).toEqual([]);

    // The author left the group before the hiding: no notice (they may not read the thread any more).
    const leaving = await givenUser(app, { displayName: 'Lea Leaving' });
    await addMember(app, group, leaving);
    const theirs = await givenPost(app, leaving, thread.id, 'Bald weg');
    await as(app, leaving).delete(`/api/v1/groups/${group.id}/members/${leaving.id}`).expect(204);
    await as(app, moderator)
      .post(`/api/v1/posts/${theirs.id}/hide`)
      .send({ reasonCode: 'other' })
      .expect(200);
    await waitForQueuesToDrain(app);
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`,
      [leaving.id],
    );
    expect(n).toBe(0);
  });
});
