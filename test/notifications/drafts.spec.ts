import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EventDispatcher, EventStore } from '@runde/events';
import { as, givenGroup, givenUser, TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe } from '../support/sockets';
import { startTestApp, TestApp, waitForQueuesToDrain } from '../support/test-app';
import { givenDraft } from '../drafts/draft-support';
import {
  addMember,
  eventuallyNotified,
  notificationsOf,
  unreadCountOf,
  userEvents,
} from './notification-helpers';

/**
 * Notices about strategy drafts: new comments and suggestions on a draft one started, replies in one's comment
 * threads, decisions on one's suggestions.
 */
describe('notifications: strategy drafts', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  const TEXT = 'Erstens kommt die Sprache. Zweitens die Arbeit.';
  const comment = async (user = group.people.member, draftId: string, body = 'Genauer, bitte.') =>
    (
      await as(app, user)
        .post(`/api/v1/drafts/${draftId}/comments`)
        .send({ body, anchor: { start: 0, end: 26 } })
        .expect(201)
    ).body as { id: string };
  const reply = async (user: typeof group.owner, draftId: string, commentId: string, body: string) =>
    as(app, user).post(`/api/v1/drafts/${draftId}/comments/${commentId}/replies`).send({ body }).expect(201);
  const suggest = async (draftId: string) =>
    (
      await as(app, group.people.member)
        .post(`/api/v1/drafts/${draftId}/suggestions`)
        .send({
          anchor: { start: 27, end: 47 },
          replacement: 'Zweitens die Ausbildung.',
          rationale: 'Genauer.',
        })
        .expect(201)
    ).body as { id: string };

  it('a new comment tells who started the draft; a reply who wrote in the thread, live on user:<id>', async () => {
    const { owner, member, moderator, observer } = group.people;
    const draft = await givenDraft(app, owner, topicId, TEXT, 'Eckpunkte Sprache');
    const root = await comment(member, draft.id);
    const started = await eventuallyNotified(app, owner, (n) => n.draftId === draft.id);
    expect(started).toMatchObject({ kind: 'draft_comment', actor: { id: member.id } });
    const socket = await connectSocket(app, member.accessToken);
    try {
      expect(await subscribe(socket, `user:${member.id}`)).toMatchObject({ ok: true });
      await reply(moderator, draft.id, root.id, 'Ich ergänze es.');
      const notice = await eventuallyNotified(app, member, (n) => n.kind === 'draft_reply');
      expect(notice).toMatchObject({
        draftId: draft.id,
        draftTitle: 'Eckpunkte Sprache',
        threadId: null,
        threadTitle: null,
        postId: null,
        actor: expect.objectContaining({ id: moderator.id }),
        readAt: null,
      });
      await expectEventually(async () =>
        expect(
          socket.received
            .filter((e) => e.type === 'notification.created')
            .map((e) => (e.data as { notification: { id: string } }).notification.id),
        ).toEqual([notice.id]),
      );
      // A second reply, by the owner: the member and the moderator (both wrote in the thread) hear of it.
      await reply(owner, draft.id, root.id, 'Danke euch.');
      await expectEventually(async () =>
        expect((await notificationsOf(app, member)).filter((n) => n.kind === 'draft_reply')).toHaveLength(2),
      );
      await eventuallyNotified(app, moderator, (n) => n.kind === 'draft_reply' && n.draftId === draft.id);
      await waitForQueuesToDrain(app);
      // The replier hears nothing of their own reply (the owner has only the new comment's notice); someone who
      // never wrote in the thread nothing at all.
      const kindsOf = async (user: typeof owner) =>
        (await notificationsOf(app, user)).filter((n) => n.draftId === draft.id).map((n) => n.kind);
      expect(await kindsOf(owner)).toEqual(['draft_comment']);
      expect(await kindsOf(observer)).toEqual([]);
      // Another new comment: the owner hears of it, the member (not in that thread) does not.
      await comment(moderator, draft.id, 'Neuer Punkt.');
      await expectEventually(async () =>
        expect(await kindsOf(owner)).toEqual(['draft_comment', 'draft_comment']),
      );
      expect((await notificationsOf(app, member)).filter((n) => n.kind === 'draft_reply')).toHaveLength(2);
      // Someone commenting on their own draft is not told of it.
      await comment(owner, draft.id, 'Selbst.');
      await waitForQueuesToDrain(app);
      expect(await kindsOf(owner)).toHaveLength(2);
    } finally {
      socket.close();
    }
  });

  it('a suggestion tells who started the draft; its decision tells its author: accepted or rejected, by whom', async () => {
    const { owner, member } = group.people;
    const accepted = await givenDraft(app, owner, topicId, TEXT, 'Angenommen');
    const suggestion = await suggest(accepted.id);
    const proposed = await eventuallyNotified(app, owner, (n) => n.draftId === accepted.id);
    expect(proposed).toMatchObject({
      kind: 'draft_suggestion',
      draftTitle: 'Angenommen',
      actor: { id: member.id },
    });
    await as(app, owner)
      .post(`/api/v1/drafts/${accepted.id}/suggestions/${suggestion.id}/accept`)
      .expect(200);
    const yes = await eventuallyNotified(app, member, (n) => n.draftId === accepted.id);
    expect(yes).toMatchObject({
      kind: 'suggestion_accepted',
      draftTitle: 'Angenommen',
      actor: { id: owner.id },
    });

    const rejected = await givenDraft(app, owner, topicId, TEXT, 'Abgelehnt');
    const other = await suggest(rejected.id);
    await as(app, owner)
      .post(`/api/v1/drafts/${rejected.id}/suggestions/${other.id}/reject`)
      .send({ reason: 'Passt nicht zum Ziel.' })
      .expect(200);
    const no = await eventuallyNotified(app, member, (n) => n.draftId === rejected.id);
    expect(no).toMatchObject({ kind: 'suggestion_rejected', actor: { id: owner.id } });
    // The one who decided hears of the suggestions, not of the decisions.
    await waitForQueuesToDrain(app);
    expect(
      (await notificationsOf(app, owner))
        .filter((n) => n.draftId === accepted.id || n.draftId === rejected.id)
        .map((n) => n.kind),
    ).toEqual(['draft_suggestion', 'draft_suggestion']);
  });

  it('counts as unread until read; an event run again notifies no one twice', async () => {
    const { owner, member } = group.people;
    const draft = await givenDraft(app, owner, topicId, TEXT, 'Zweimal');
    const root = await comment(member, draft.id);
    const before = await unreadCountOf(app, member);
    await reply(owner, draft.id, root.id, 'Gute Frage.');
    const notice = await eventuallyNotified(app, member, (n) => n.draftId === draft.id);
    expect(await unreadCountOf(app, member)).toBe(before + 1);
    await waitForQueuesToDrain(app);

    const events = (await app.api.get(EventStore).read(`draft:${draft.id}`, 0)).filter(
      (e) => e.type === 'draft.comment_added',
    );
    await app.dataSource.query(
      `DELETE FROM processed_events WHERE consumer = 'notifications.draft-comment-added' AND event_id = ANY($1::uuid[])`,
      [events.map((e) => e.id)],
    );
    const eventsBefore = (await userEvents(app, member)).length;
    await app.worker!.get(EventDispatcher).dispatchAll(events);
    expect((await notificationsOf(app, member)).filter((n) => n.draftId === draft.id)).toHaveLength(1);
    expect((await userEvents(app, member)).length).toBe(eventsBefore);

    const read = await as(app, member).post(`/api/v1/notifications/${notice.id}/read`).expect(200);
    expect(read.body).toMatchObject({ id: notice.id, draftId: draft.id, readAt: expect.any(String) });
    expect(await unreadCountOf(app, member)).toBe(before);
  });

  it('someone who may no longer read the draft is not told, and does not see earlier notices', async () => {
    const { owner } = group.people;
    const leaving = await givenUser(app, { displayName: 'Lea Leaving' });
    await addMember(app, group, leaving);
    const draft = await givenDraft(app, owner, topicId, TEXT, 'Nur für die AG');
    const root = await comment(leaving, draft.id);
    await reply(owner, draft.id, root.id, 'Erste Antwort.');
    const notice = await eventuallyNotified(app, leaving, (n) => n.draftId === draft.id);
    await as(app, owner).delete(`/api/v1/groups/${group.id}/members/${leaving.id}`).expect(204);
    // Gone from the list and the count, and not readable by id; a further reply notifies no one.
    expect((await notificationsOf(app, leaving)).filter((n) => n.draftId === draft.id)).toEqual([]);
    expect(await unreadCountOf(app, leaving)).toBe(0);
    await as(app, leaving).post(`/api/v1/notifications/${notice.id}/read`).expect(404);
    await reply(owner, draft.id, root.id, 'Zweite Antwort.');
    await waitForQueuesToDrain(app);
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND draft_id = $2`,
      [leaving.id, draft.id],
    );
    expect(n).toBe(1);
  });

  it('opening a draft reads its notices for the caller only, once, and says so on user:<id>', async () => {
    const { owner, member, moderator } = group.people;
    const draft = await givenDraft(app, owner, topicId, TEXT, 'Geöffnet');
    const other = await givenDraft(app, owner, topicId, TEXT, 'Nicht geöffnet');
    const root = await comment(member, draft.id);
    await comment(member, other.id);
    await reply(moderator, draft.id, root.id, 'Antwort.');
    await eventuallyNotified(app, owner, (n) => n.draftId === other.id);
    await eventuallyNotified(app, member, (n) => n.draftId === draft.id);
    const unread = async (user: typeof owner, draftId: string) =>
      (await notificationsOf(app, user)).filter((n) => n.draftId === draftId && !n.readAt).length;
    expect(await unread(owner, draft.id)).toBe(1);

    const socket = await connectSocket(app, owner.accessToken);
    try {
      expect(await subscribe(socket, `user:${owner.id}`)).toMatchObject({ ok: true });
      const read = await as(app, owner).post(`/api/v1/drafts/${draft.id}/read`).expect(200);
      expect(read.body).toEqual({ draftId: draft.id, marked: 1 });
      await expectEventually(async () =>
        expect(socket.received.filter((e) => e.type === 'draft.read').map((e) => e.data)).toEqual([
          { draftId: draft.id, marked: 1 },
        ]),
      );
      // Only this draft's notices, only the caller's; a second call changes nothing and says nothing.
      expect(await unread(owner, draft.id)).toBe(0);
      expect(await unread(owner, other.id)).toBe(1);
      expect(await unread(member, draft.id)).toBe(1);
      expect((await as(app, owner).post(`/api/v1/drafts/${draft.id}/read`).expect(200)).body.marked).toBe(0);
      await waitForQueuesToDrain(app);
      expect(socket.received.filter((e) => e.type === 'draft.read')).toHaveLength(1);
    } finally {
      socket.close();
    }
  });

  it('reading a draft: bad ids, no token, unknown drafts and another group’s drafts get the contract’s errors', async () => {
    const draft = await givenDraft(app, group.owner, topicId, TEXT, 'Fremd');
    const outsider = await givenUser(app, { displayName: 'Otto Outsider' });
    const res = [
      await as(app, group.people.member).post('/api/v1/drafts/kein-entwurf/read'),
      await request(app.url).post(`/api/v1/drafts/${draft.id}/read`),
      await as(app, group.people.member).post(`/api/v1/drafts/${randomUUID()}/read`),
      await as(app, outsider).post(`/api/v1/drafts/${draft.id}/read`),
    ];
    expect(res.map((r) => [r.status, r.body.code])).toEqual([
      [400, 'VALIDATION_FAILED'],
      [401, 'UNAUTHORIZED'],
      [404, 'NOT_FOUND'],
      [404, 'NOT_FOUND'],
    ]);
  });
});
