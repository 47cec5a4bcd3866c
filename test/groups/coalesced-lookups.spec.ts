import { randomUUID } from 'node:crypto';
import { AccessPolicy } from '@runde/groups';
import { UsersService } from '@runde/identity';
import { as, givenUser } from '../support/factories';
import { givenThread, givenTopic, useGroupWithTopic } from '../support/discussion-factories';

/**
 * The caller and access-policy lookups of one tick go to PostgreSQL as one statement. Each request must still
 * get its own answer, as fresh as before, and one lookup the database refuses must not fail the others.
 */
describe('coalesced caller and access lookups', () => {
  const ctx = useGroupWithTopic();

  const statementsWhile = async <T>(run: () => Promise<T>): Promise<{ result: T; texts: string[] }> => {
    const pool = (
      ctx.app.dataSource.driver as unknown as { master: { query: (...args: unknown[]) => unknown } }
    ).master;
    const spy = jest.spyOn(pool, 'query');
    try {
      const result = await run();
      const texts = spy.mock.calls.map((call) => {
        const first = call[0] as string | { text: string };
        return typeof first === 'string' ? first : first.text;
      });
      return { result, texts };
    } finally {
      spy.mockRestore();
    }
  };

  it('concurrent requests by different people on different threads: each gets its own answer', async () => {
    const { people, owner } = ctx.group;
    const outsider = await givenUser(ctx.app);
    const open = await givenThread(ctx.app, people.member, ctx.topicId);
    const other = await givenThread(ctx.app, people.member, ctx.topicId);
    const network = await givenThread(
      ctx.app,
      people.member,
      (await givenTopic(ctx.app, ctx.group, 'network')).id,
    );
    // Locking is for moderators: owner 200, member 403, outsider 404 on a group topic, 403 on a network one.
    const cases = [
      { who: owner, thread: open.id, status: 200 },
      { who: people.moderator, thread: other.id, status: 200 },
      { who: people.member, thread: open.id, status: 403 },
      { who: people.observer, thread: other.id, status: 403 },
      { who: outsider, thread: open.id, status: 404 },
      { who: outsider, thread: network.id, status: 403 },
      { who: people.member, thread: randomUUID(), status: 404 },
    ];
    const rounds = [...cases, ...cases, ...cases];
    const result = await Promise.all(
      rounds.map((c, i) =>
        as(ctx.app, c.who)
          .post(`/api/v1/threads/${c.thread}/${i % 2 ? 'lock' : 'unlock'}`)
          .send({}),
      ),
    );
    expect(result.map((r) => r.status)).toEqual(rounds.map((c) => c.status));
  });

  it('the lookups of one tick are one statement each for callers and for a kind of resource', async () => {
    const users = ctx.app.api.get(UsersService);
    const policy = ctx.app.api.get(AccessPolicy);
    const { people, owner } = ctx.group;
    const outsider = await givenUser(ctx.app);
    const threads = [
      await givenThread(ctx.app, people.member, ctx.topicId),
      await givenThread(ctx.app, people.member, ctx.topicId),
    ];
    const who = [owner, people.member, people.observer, outsider];

    // Once more the owner, in upper case: a UUID, which the one-key statement matches in either case too.
    const ids = [...who.map((u) => u.id), owner.id.toUpperCase()];
    const callers = await statementsWhile(() => Promise.all(ids.map((id) => users.caller(id))));
    expect(callers.result.map((c) => c.id)).toEqual([...who.map((u) => u.id), owner.id]);
    expect(callers.texts.filter((t) => /FROM users u LEFT JOIN organisations/.test(t))).toHaveLength(1);

    const reads = await statementsWhile(() =>
      Promise.all(
        callers.result
          .slice(0, who.length)
          .flatMap((caller) => threads.map((thread) => policy.canRead(caller, 'thread', thread.id))),
      ),
    );
    // Everyone but the outsider may read the group's threads.
    expect(reads.result).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'not_found', 'not_found']);
    const lookups = reads.texts.filter((t) => /FROM threads t JOIN topics tp/.test(t));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toMatch(/CROSS JOIN LATERAL/);
  });

  it('a thread’s facts come along in a batch: a locked thread refuses posts, an open one takes them', async () => {
    const { people } = ctx.group;
    const locked = await givenThread(ctx.app, people.member, ctx.topicId);
    const open = await givenThread(ctx.app, people.member, ctx.topicId);
    await as(ctx.app, ctx.group.owner).post(`/api/v1/threads/${locked.id}/lock`).send({}).expect(200);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        as(ctx.app, i % 2 ? people.member : people.moderator)
          .post(`/api/v1/threads/${i % 3 ? open.id : locked.id}/posts`)
          .send({ body: `Beitrag ${i}` }),
      ),
    );
    const expected = Array.from({ length: 12 }, (_, i) => (i % 3 ? 201 : 409));
    expect(results.map((r) => r.status)).toEqual(expected);
  });

  it('a deleted account is refused at once, even among concurrent lookups of others', async () => {
    const leaving = await givenUser(ctx.app);
    const staying = await givenUser(ctx.app);
    await ctx.app.dataSource.query(`UPDATE users SET deleted_at = now() WHERE id = $1`, [leaving.id]);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => as(ctx.app, i % 2 ? leaving : staying).get('/api/v1/me')),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 ? 401 : 200)));
    for (const [i, r] of results.entries())
      if (i % 2 === 0) expect(r.body.id ?? r.body.user?.id).toBe(staying.id);
  });

  it('a lookup the database refuses fails alone; the others in its batch are answered', async () => {
    const users = ctx.app.api.get(UsersService);
    const policy = ctx.app.api.get(AccessPolicy);
    const { member } = ctx.group.people;
    const thread = await givenThread(ctx.app, member, ctx.topicId);
    const callers = await Promise.allSettled([
      users.caller(member.id),
      users.caller('not-a-uuid'),
      users.caller(ctx.group.owner.id),
      users.caller(randomUUID()),
    ]);
    expect(callers.map((c) => c.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((callers[0] as PromiseFulfilledResult<{ id: string }>).value.id).toBe(member.id);
    expect((callers[2] as PromiseFulfilledResult<{ id: string }>).value.id).toBe(ctx.group.owner.id);
    expect((callers[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'UNAUTHORIZED' });

    const caller = await users.caller(member.id);
    const reads = await Promise.allSettled([
      policy.canRead(caller, 'thread', thread.id),
      policy.canRead(caller, 'thread', 'not-a-uuid'),
      policy.canRead(caller, 'thread', randomUUID()),
      policy.canRead(caller, 'topic', ctx.topicId),
    ]);
    expect(reads.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(reads.filter((r) => r.status === 'fulfilled').map((r) => r.value)).toEqual([
      'ok',
      'not_found',
      'ok',
    ]);
  });
});
