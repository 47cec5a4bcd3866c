import { as, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { eventsOf, givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp } from '../support/test-app';

type QueueItem = { id: string; post: { id: string; body: string } };

/** Issue 22, finding 6: a thread moved to another group takes its posts' flags along. */
describe('flags follow their thread to another group', () => {
  let app: TestApp;
  let from: TestGroup;
  let to: TestGroup;
  let fromTopicId: string;
  let toTopicId: string;
  /** Moderates both groups: the one who may move threads between them. */
  let mover: TestUser;
  /** Moderates the old group, only reads the new one. */
  let observerThere: TestUser;

  beforeAll(async () => {
    app = await startTestApp();
    from = await givenGroup(app);
    to = await givenGroup(app);
    fromTopicId = (await givenTopic(app, from)).id;
    toTopicId = (await givenTopic(app, to)).id;
    mover = from.people.moderator;
    observerThere = await givenUser(app);
    const addTo = (group: TestGroup, user: TestUser, role: string) =>
      as(app, group.owner)
        .post(`/api/v1/groups/${group.id}/members`)
        .send({ userId: user.id, role })
        .expect(201);
    await addTo(to, mover, 'moderator');
    await addTo(from, observerThere, 'moderator');
    await addTo(to, observerThere, 'observer');
  });
  afterAll(() => app.close());

  const queueOf = async (user: TestUser, groupId: string): Promise<QueueItem[]> =>
    (await as(app, user).get(`/api/v1/groups/${groupId}/moderation/queue?limit=100`).expect(200)).body.items;
  const flag = async (user: TestUser, postId: string, reason = 'Bitte prüfen') =>
    (await as(app, user).post(`/api/v1/posts/${postId}/flags`).send({ reason }).expect(201)).body as {
      id: string;
    };
  const groupOfFlag = async (flagId: string) =>
    (
      (await app.dataSource.query(`SELECT group_id FROM flags WHERE id = $1`, [flagId])) as Array<{
        group_id: string;
      }>
    )[0].group_id;

  it('after a move the old group neither sees nor resolves them; the new group sees and resolves them; both hear of it', async () => {
    const thread = await givenThread(app, from.people.member, fromTopicId);
    const first = await givenPost(app, from.people.member, thread.id, 'Erster gemeldeter Beitrag');
    const second = await givenPost(app, from.people.member, thread.id, 'Zweiter gemeldeter Beitrag');
    const done = await givenPost(app, from.people.member, thread.id, 'Schon erledigt');
    const a = await flag(from.people.observer, first.id);
    const b = await flag(from.people.observer, second.id);
    const c = await flag(from.people.member, second.id);
    const resolvedBefore = await flag(from.people.observer, done.id);
    await as(app, from.owner)
      .post(`/api/v1/flags/${resolvedBefore.id}/resolve`)
      .send({ action: 'dismiss' })
      .expect(200);
    const mine = [a.id, b.id, c.id];
    expect((await queueOf(from.owner, from.id)).map((f) => f.id)).toEqual(expect.arrayContaining(mine));
    const fromEventsBefore = (await eventsOf(app, `group:${from.id}`)).length;
    const toEventsBefore = (await eventsOf(app, `group:${to.id}`)).length;

    await as(app, mover).post(`/api/v1/threads/${thread.id}/move`).send({ topicId: toTopicId }).expect(200);

    // The old group's moderators: none of them in the queue, the post's text gone with them.
    const oldQueue = await queueOf(from.owner, from.id);
    expect(oldQueue.filter((f) => mine.includes(f.id))).toEqual([]);
    expect(JSON.stringify(oldQueue)).not.toContain('gemeldeter Beitrag');
    // Resolving: someone outside the new group finds no such flag (404); a reader of it may not resolve (403).
    const outside = await as(app, from.owner)
      .post(`/api/v1/flags/${a.id}/resolve`)
      .send({ action: 'dismiss' })
      .expect(404);
    expect(outside.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    const reader = await as(app, observerThere)
      .post(`/api/v1/flags/${a.id}/resolve`)
      .send({ action: 'hide', reasonCode: 'spam' })
      .expect(403);
    expect(reader.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });

    // The new group's moderators see them, with the posts' text, and resolve them.
    const newQueue = (await queueOf(to.people.moderator, to.id)).filter((f) => mine.includes(f.id));
    expect(newQueue.map((f) => f.id).sort()).toEqual([...mine].sort());
    expect(newQueue.find((f) => f.id === a.id)?.post).toMatchObject({
      id: first.id,
      body: 'Erster gemeldeter Beitrag',
    });
    await as(app, to.people.moderator)
      .post(`/api/v1/flags/${a.id}/resolve`)
      .send({ action: 'dismiss' })
      .expect(200);
    await as(app, to.people.moderator)
      .post(`/api/v1/flags/${b.id}/resolve`)
      .send({ action: 'hide', reasonCode: 'spam' })
      .expect(200);
    expect((await queueOf(to.people.moderator, to.id)).filter((f) => mine.includes(f.id))).toEqual([]);
    expect((await as(app, to.people.observer).get(`/api/v1/posts/${second.id}`)).body.hidden).toBe(true);
    // The resolved one moved too (a flag's group is its thread's), but nobody is told of it again.
    expect(await groupOfFlag(resolvedBefore.id)).toBe(to.id);

    // Each open flag that moved: `flag.moved` on both groups' streams, in the order the flags were made.
    const moved = (stream: string, skip: number) =>
      eventsOf(app, stream).then((events) => events.slice(skip).filter((e) => e.type === 'flag.moved'));
    const expected = mine.map((flagId, i) => ({
      flagId,
      postId: i === 0 ? first.id : second.id,
      threadId: thread.id,
      fromGroupId: from.id,
      toGroupId: to.id,
    }));
    expect((await moved(`group:${from.id}`, fromEventsBefore)).map((e) => e.data)).toEqual(expected);
    expect((await moved(`group:${to.id}`, toEventsBefore)).map((e) => e.data)).toEqual(expected);
    // Resolved in the new group: told there (b and c together: resolving one closes every open flag on a post).
    const toTypes = (await eventsOf(app, `group:${to.id}`)).slice(toEventsBefore).map((e) => e.type);
    expect(toTypes.filter((t) => t === 'flag.resolved')).toHaveLength(2);
    const fromTypes = (await eventsOf(app, `group:${from.id}`)).slice(fromEventsBefore).map((e) => e.type);
    expect(fromTypes).toEqual(['flag.moved', 'flag.moved', 'flag.moved']);
  });

  it('a move within one group changes nothing about its flags', async () => {
    const other = await givenTopic(app, from);
    const thread = await givenThread(app, from.people.member, fromTopicId);
    const post = await givenPost(app, from.people.member, thread.id, 'Innerhalb verschoben');
    const f = await flag(from.people.observer, post.id);
    const eventsBefore = (await eventsOf(app, `group:${from.id}`)).length;
    await as(app, mover).post(`/api/v1/threads/${thread.id}/move`).send({ topicId: other.id }).expect(200);
    expect(await groupOfFlag(f.id)).toBe(from.id);
    expect((await queueOf(from.owner, from.id)).map((x) => x.id)).toContain(f.id);
    expect((await eventsOf(app, `group:${from.id}`)).slice(eventsBefore)).toEqual([]);
    await as(app, from.owner).post(`/api/v1/flags/${f.id}/resolve`).send({ action: 'dismiss' }).expect(200);
  });

  it('a resolve checked against the old group, waiting while the thread moves, is checked again', async () => {
    const thread = await givenThread(app, from.people.member, fromTopicId);
    const post = await givenPost(app, from.people.member, thread.id, 'Gleich woanders');
    const f = await flag(from.people.observer, post.id);
    // The move's transaction, stood in for by hand: it has changed the flag's group and not committed yet.
    const move = app.dataSource.createQueryRunner();
    await move.connect();
    try {
      await move.startTransaction();
      await move.query(`UPDATE threads SET group_id = $1, topic_id = $2 WHERE id = $3`, [
        to.id,
        toTopicId,
        thread.id,
      ]);
      await move.query(`UPDATE flags SET group_id = $1 WHERE thread_id = $2`, [to.id, thread.id]);
      const resolving = as(app, from.owner)
        .post(`/api/v1/flags/${f.id}/resolve`)
        .send({ action: 'dismiss' })
        .then((res) => res);
      await expectEventually(async () => {
        const [{ n }] = (await app.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%flags%'`,
        )) as Array<{ n: number }>;
        expect(n).toBeGreaterThan(0);
      });
      await move.commitTransaction();
      const res = await resolving;
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    } finally {
      await move.release();
    }
    const [row] = (await app.dataSource.query(`SELECT status FROM flags WHERE id = $1`, [f.id])) as Array<{
      status: string;
    }>;
    expect(row.status).toBe('open');
  });

  it('a flag made while its thread moves lands in the group the thread ends up in', async () => {
    const thread = await givenThread(app, from.people.member, fromTopicId);
    const posts = [];
    for (let i = 0; i < 8; i++)
      posts.push(await givenPost(app, from.people.member, thread.id, `Beitrag ${i}`));
    const [move, ...flags] = await Promise.all([
      as(app, mover).post(`/api/v1/threads/${thread.id}/move`).send({ topicId: toTopicId }),
      ...posts.map((p) =>
        as(app, from.people.observer).post(`/api/v1/posts/${p.id}/flags`).send({ reason: 'x' }),
      ),
    ]);
    expect(move.status).toBe(200);
    // A flag sent after the move may find the thread out of the flagger's reach; every one made is in place.
    const made = flags.filter((r) => r.status === 201).map((r) => r.body.id as string);
    for (const id of made) expect(await groupOfFlag(id)).toBe(to.id);
    const moved = (await eventsOf(app, `group:${to.id}`)).filter(
      (e) => e.type === 'flag.moved' && e.data.threadId === thread.id,
    );
    const created = (await eventsOf(app, `group:${to.id}`)).filter(
      (e) => e.type === 'flag.created' && e.data.threadId === thread.id,
    );
    // Each flag arrives in the new group's stream exactly once: moved along, or made there.
    expect([...moved, ...created].map((e) => e.data.flagId).sort()).toEqual([...made].sort());
  });
});
