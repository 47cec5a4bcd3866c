import type { Envelope } from '@runde/client';
import { as, givenUser, PASSWORD, TestUser } from '../support/factories';
import { givenPost, givenThread, useGroupWithTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe, TestSocket } from '../support/sockets';
import { addMember } from '../notifications/notification-helpers';

const PHONE = 'Telefon 0711 123456';
const DELETED = 'Diesen Satz nehme ich zurück';
const OLD = 'Erste Fassung mit Tippfehlern';
const NEW = 'Zweite Fassung';
const ERASED_NAME = 'Erika Löschbar';

type PostData = { post: { id: string; body: string | null; hidden: boolean; deleted: boolean } };

/**
 * Catch-up and live delivery show each reader what the REST API shows them now: the event log keeps what happened,
 * but a hidden post's text (except for its author and moderators), a deleted post's text, an edited post's earlier
 * versions and an erased person's name never reach a subscriber again.
 */
describe('realtime: catch-up and live events hide what REST hides', () => {
  const ctx = useGroupWithTopic({ worker: true });
  let threadId: string;
  let ids: { hidden: string; deleted: string; quoting: string; edited: string; erasedPost: string };
  let erased: TestUser;
  let live: TestSocket;
  const sockets: TestSocket[] = [];

  afterAll(() => sockets.forEach((s) => s.close()));

  beforeAll(async () => {
    const { app, group, topicId } = ctx;
    const { member, moderator } = group.people;
    erased = await givenUser(app, { displayName: ERASED_NAME });
    await addMember(app, group, erased);
    threadId = (await givenThread(app, group.owner, topicId, 'Worum es geht')).id;

    // A reader who follows the thread live through everything that happens below.
    live = await connectSocket(app, group.people.observer.accessToken);
    sockets.push(live);
    expect((await subscribe(live, `thread:${threadId}`, 0)).ok).toBe(true);

    const hidden = await givenPost(app, member, threadId, `Rufen Sie mich an: ${PHONE}`);
    const deleted = await givenPost(app, member, threadId, DELETED);
    const quoting = await givenPost(app, group.owner, threadId, 'Darauf antworte ich', deleted.id);
    const edited = await givenPost(app, member, threadId, OLD);
    const erasedPost = await givenPost(app, erased, threadId, 'Ein Beitrag, dessen Person geht');
    await givenPost(app, member, threadId, 'Antwort an die Person, die geht', erasedPost.id);
    ids = {
      hidden: hidden.id,
      deleted: deleted.id,
      quoting: quoting.id,
      edited: edited.id,
      erasedPost: erasedPost.id,
    };

    await as(app, moderator)
      .post(`/api/v1/posts/${hidden.id}/hide`)
      .send({ reasonCode: 'personal_data' })
      .expect(200);
    await as(app, member).delete(`/api/v1/posts/${deleted.id}`).expect(204);
    await as(app, member).patch(`/api/v1/posts/${edited.id}`).send({ body: NEW }).expect(200);
    await as(app, erased).delete('/api/v1/me').send({ password: PASSWORD }).expect(204);
    // One more post after all that: the live socket has seen everything once it arrives.
    await givenPost(app, member, threadId, 'Schlusswort');
    await expectEventually(() =>
      expect(live.received.some((e) => (e.data as PostData).post?.body === 'Schlusswort')).toBe(true),
    );
  });

  async function catchUpAs(user: TestUser): Promise<Envelope[]> {
    const socket = await connectSocket(ctx.app, user.accessToken);
    sockets.push(socket);
    const ack = await subscribe(socket, `thread:${threadId}`, 0);
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    expect(ack.missed.map((e) => e.seq)).toEqual(Array.from({ length: ack.head }, (_, i) => i + 1));
    return ack.missed;
  }

  const postIn = (events: Envelope[], id: string) =>
    events.filter((e) => (e.data as PostData).post?.id === id).map((e) => (e.data as PostData).post);

  it('a member catching up from 0 gets no hidden, deleted or earlier text and no erased name', async () => {
    const missed = await catchUpAs(ctx.group.people.observer);
    const text = JSON.stringify(missed);
    for (const removed of [PHONE, DELETED, OLD, ERASED_NAME]) expect(text).not.toContain(removed);
    expect(postIn(missed, ids.hidden).every((p) => p.body === null && p.hidden)).toBe(true);
    expect(postIn(missed, ids.deleted).every((p) => p.body === null && p.deleted)).toBe(true);
    expect(postIn(missed, ids.edited).every((p) => p.body === NEW)).toBe(true);
    const byErased = postIn(missed, ids.erasedPost) as unknown as Array<{ author: { deleted: boolean } }>;
    expect(byErased.length).toBeGreaterThan(0);
    expect(byErased.every((p) => p.author.deleted)).toBe(true);
  });

  it('the hidden post’s author and a moderator still see its text, as REST shows it to them', async () => {
    for (const user of [ctx.group.people.member, ctx.group.people.moderator]) {
      const rest = await as(ctx.app, user).get(`/api/v1/posts/${ids.hidden}`).expect(200);
      expect(rest.body.body).toContain(PHONE);
      const missed = await catchUpAs(user);
      const views = postIn(missed, ids.hidden);
      expect(views.length).toBeGreaterThanOrEqual(2); // created, hidden
      expect(views.every((p) => p.body === rest.body.body && p.hidden)).toBe(true);
      // Deleted stays deleted for everyone, its author included.
      expect(JSON.stringify(missed)).not.toContain(DELETED);
    }
  });

  it('live events after each removal carry no removed text and no erased name', () => {
    const afterHide = live.received.slice(live.received.findIndex((e) => e.type === 'post.hidden'));
    expect(afterHide.length).toBeGreaterThan(0);
    expect(JSON.stringify(afterHide)).not.toContain(PHONE);
    const afterDelete = live.received.slice(live.received.findIndex((e) => e.type === 'post.deleted'));
    expect(JSON.stringify(afterDelete)).not.toContain(DELETED);
    const afterEdit = live.received.slice(live.received.findIndex((e) => e.type === 'post.updated'));
    expect(JSON.stringify(afterEdit)).not.toContain(OLD);
    const last = live.received.at(-1)!;
    expect(JSON.stringify(last)).not.toContain(ERASED_NAME);
  });

  it('the stored log forgets the deleted text and the erased name (GDPR), and keeps every sequence number', async () => {
    const rows: Array<{ seq: string; data: unknown }> = await ctx.app.dataSource.query(
      `SELECT seq, data FROM domain_events WHERE stream = $1 ORDER BY seq`,
      [`thread:${threadId}`],
    );
    const stored = JSON.stringify(rows.map((r) => r.data));
    expect(stored).not.toContain(DELETED);
    expect(stored).not.toContain(ERASED_NAME);
    const everywhere: Array<{ n: number }> = await ctx.app.dataSource.query(
      `SELECT count(*)::int AS n FROM domain_events WHERE strpos(data::text, $1) > 0`,
      [ERASED_NAME],
    );
    expect(everywhere[0].n).toBe(0);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
  });
});
