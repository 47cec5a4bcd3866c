import request from 'supertest';
import { as, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { eventsOf, givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp } from '../support/test-app';
import { givenDraft } from '../drafts/draft-support';
import { expectErrorBody } from './notification-helpers';

interface OverviewBody {
  groups: Array<{ id: string; name: string; myRole: string }>;
  threads: {
    items: Array<{
      id: string;
      title: string;
      topicTitle: string;
      groupName: string;
      unreadCount: number;
      lastReadSeq: number;
      isNew: boolean;
    }>;
    more: boolean;
  };
  notifications: { unreadCount: number; items: Array<{ id: string; kind: string; threadId: string | null }> };
  drafts: {
    items: Array<{
      id: string;
      title: string;
      status: string;
      consultationDeadline: string | null;
      involvement: string[];
    }>;
    more: boolean;
  };
  streams: string[];
}

/** GET /api/v1/me/overview: the start page's one request. */
describe('the overview (start page)', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    group = await givenGroup(app, 'AG Übersicht');
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  const overviewOf = async (user: TestUser): Promise<OverviewBody> =>
    (await as(app, user).get('/api/v1/me/overview').expect(200)).body as OverviewBody;

  it('lists threads with posts the person has not read, until they read them; not when the last post is theirs', async () => {
    const { member, moderator } = group.people;
    const thread = await givenThread(app, moderator, topicId, 'Wie lang sind die Wartelisten?');
    let overview = await overviewOf(member);
    expect(overview.threads.items).toContainEqual(
      expect.objectContaining({
        id: thread.id,
        topicTitle: 'Thema group',
        groupName: 'AG Übersicht',
        unreadCount: 1,
        lastReadSeq: 0,
        isNew: true,
      }),
    );
    // The moderator wrote the last post: nothing new for them.
    expect((await overviewOf(moderator)).threads.items.map((t) => t.id)).not.toContain(thread.id);

    await as(app, member).post(`/api/v1/threads/${thread.id}/read`).send({ seq: 1 }).expect(200);
    overview = await overviewOf(member);
    expect(overview.threads.items.map((t) => t.id)).not.toContain(thread.id);

    await givenPost(app, moderator, thread.id, 'Bei uns drei Monate.');
    await givenPost(app, group.owner, thread.id, 'Bei uns vier.');
    overview = await overviewOf(member);
    expect(overview.threads.items).toContainEqual(
      expect.objectContaining({ id: thread.id, unreadCount: 2, lastReadSeq: 1, isNew: false }),
    );
    // The member answers: their own post is the last one, nothing left to catch up on.
    await givenPost(app, member, thread.id, 'Danke!');
    expect((await overviewOf(member)).threads.items.map((t) => t.id)).not.toContain(thread.id);
  });

  it('lists the drafts that concern the person, with status and deadline, and why', async () => {
    const { member, moderator, observer } = group.people;
    const started = await givenDraft(app, member, topicId, 'Erstens die Sprache.', 'Von mir begonnen');
    const other = await givenDraft(app, moderator, topicId, 'Zweitens die Arbeit.', 'Von anderen');
    const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await as(app, moderator)
      .post(`/api/v1/drafts/${other.id}/status`)
      .send({ status: 'consultation', deadline })
      .expect(200);
    const archived = await givenDraft(app, member, topicId, 'Alt.', 'Archiviert');
    await as(app, moderator)
      .post(`/api/v1/drafts/${archived.id}/status`)
      .send({ status: 'archived' })
      .expect(200);

    // The status change is on the topic's stream too: the start page follows topics, not each draft.
    const onTopic = await eventsOf(app, `topic:${topicId}`);
    expect(
      onTopic
        .filter((e) => e.type === 'draft.status_changed')
        .map((e) => (e.data.draft as { id: string }).id),
    ).toEqual([other.id, archived.id]);

    const overview = await overviewOf(member);
    const byId = new Map(overview.drafts.items.map((d) => [d.id, d]));
    expect(byId.get(started.id)).toMatchObject({ status: 'draft', involvement: ['started'] });
    expect(byId.get(other.id)).toMatchObject({
      status: 'consultation',
      consultationDeadline: deadline,
      involvement: ['consultation', 'new'],
    });
    expect(byId.has(archived.id)).toBe(false);
    // A consultation with a deadline comes first.
    expect(overview.drafts.items[0].id).toBe(other.id);
    expect(overview.streams).toEqual(
      expect.arrayContaining([`user:${member.id}`, `group:${group.id}`, `topic:${topicId}`]),
    );
    // Not the drafts' own streams: joining one counts as being present in the draft.
    expect(overview.streams.filter((s) => s.startsWith('draft:'))).toEqual([]);

    // An observer commented nowhere, but the consultation in their group concerns them too.
    const seen = (await overviewOf(observer)).drafts.items.find((d) => d.id === other.id);
    expect(seen?.involvement).toEqual(['consultation', 'new']);
  });

  it('counts comments and suggestions as involvement, also on a network topic of another group', async () => {
    const elsewhere = await givenGroup(app, 'AG Netzwerk');
    const networkTopic = (await givenTopic(app, elsewhere, 'network')).id;
    const draft = await givenDraft(
      app,
      elsewhere.owner,
      networkTopic,
      'Eins zwei drei vier.',
      'Netzwerkweit',
    );
    const outsider = await givenUser(app, { displayName: 'Außen Person' });
    await as(app, outsider)
      .post(`/api/v1/drafts/${draft.id}/comments`)
      .send({ body: 'Eine Frage', anchor: { start: 0, end: 4 } })
      .expect(201);
    await as(app, outsider)
      .post(`/api/v1/drafts/${draft.id}/suggestions`)
      .send({ anchor: { start: 0, end: 4 }, replacement: 'Erst', rationale: 'Klarer' })
      .expect(201);
    const overview = await overviewOf(outsider);
    expect(overview.groups).toEqual([]);
    expect(overview.drafts.items).toEqual([
      expect.objectContaining({ id: draft.id, involvement: ['commented', 'suggested'] }),
    ]);

    // The topic becomes group-only: the draft is gone from the outsider's overview.
    await as(app, elsewhere.owner)
      .patch(`/api/v1/topics/${networkTopic}`)
      .send({ visibility: 'group' })
      .expect(200);
    expect((await overviewOf(outsider)).drafts.items).toEqual([]);
  });

  it('shows nothing of a group to someone outside it, and nothing after leaving it', async () => {
    const outsider = await givenUser(app);
    const overview = await overviewOf(outsider);
    expect(overview).toMatchObject({
      groups: [],
      threads: { items: [], more: false },
      drafts: { items: [], more: false },
      streams: [`user:${outsider.id}`],
    });

    const leaving = await givenUser(app, { displayName: 'Gehende Person' });
    await as(app, group.owner)
      .post(`/api/v1/groups/${group.id}/members`)
      .send({ userId: leaving.id, role: 'member' })
      .expect(201);
    const draft = await givenDraft(app, leaving, topicId, 'Mein Entwurf.', 'Vor dem Gehen');
    await givenThread(app, group.owner, topicId, 'Nach dem Beitritt');
    const before = await overviewOf(leaving);
    expect(before.groups.map((g) => g.id)).toEqual([group.id]);
    expect(before.drafts.items.map((d) => d.id)).toContain(draft.id);
    expect(before.threads.items.length).toBeGreaterThan(0);

    await as(app, group.owner).delete(`/api/v1/groups/${group.id}/members/${leaving.id}`).expect(204);
    expect(await overviewOf(leaving)).toMatchObject({
      groups: [],
      threads: { items: [] },
      drafts: { items: [] },
      streams: [`user:${leaving.id}`],
    });
  });

  it('shows the unread notifications with their count', async () => {
    const { member, moderator } = group.people;
    const thread = await givenThread(app, member, topicId, 'Eine Frage von mir');
    await givenPost(app, moderator, thread.id, `Antwort an @${member.displayName}`);
    const overview = await expectEventually(async () => {
      const o = await overviewOf(member);
      expect(o.notifications.items.some((n) => n.threadId === thread.id)).toBe(true);
      return o;
    });
    expect(overview.notifications.unreadCount).toBeGreaterThanOrEqual(1);
    await as(app, member).post('/api/v1/notifications/read-all').expect(200);
    expect((await overviewOf(member)).notifications).toEqual({ unreadCount: 0, items: [] });
  });

  it('needs a token', async () => {
    const res = await request(app.url).get('/api/v1/me/overview').expect(401);
    expectErrorBody(res.body, 401);
  });
});
