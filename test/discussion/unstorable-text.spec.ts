import { PostBatchWriter } from '@runde/discussion';
import { as } from '../support/factories';
import { eventsOf, givenPost, givenThread, useGroupWithTopic } from '../support/discussion-factories';

/**
 * Issue 22, finding 7: text PostgreSQL cannot store (NUL; a lone UTF-16 surrogate, which has no UTF-8 spelling) is
 * a 400 at validation, naming the field, and nothing is written — it never reaches a transaction, nor the post
 * group commit, where it failed the whole batch.
 */
describe.each([
  ['a NUL character', 'a\u0000b', /NUL/],
  ['a lone surrogate', 'a\ud800b', /surrogate/],
  ['a lone low surrogate', '\udc00', /surrogate/],
])('%s in user text', (_what, bad, says) => {
  const ctx = useGroupWithTopic();

  const count = async (sql: string, params: unknown[]) =>
    ((await ctx.app.dataSource.query(sql, params)) as Array<{ n: number }>)[0].n;
  const expectRefused = (res: { status: number; body: unknown }, field: string) => {
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: `Invalid request: ${field}`,
      details: [{ field, messages: [expect.stringMatching(says)] }],
    });
  };

  it('a topic title: 400, no topic, no event', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM topics WHERE group_id = $1`, [ctx.group.id]);
    const events = (await eventsOf(ctx.app, `group:${ctx.group.id}`)).length;
    const res = await as(ctx.app, ctx.group.owner)
      .post(`/api/v1/groups/${ctx.group.id}/topics`)
      .send({ title: bad, visibility: 'group' });
    expectRefused(res, 'title');
    expect(await count(`SELECT count(*)::int AS n FROM topics WHERE group_id = $1`, [ctx.group.id])).toBe(
      before,
    );
    expect(await eventsOf(ctx.app, `group:${ctx.group.id}`)).toHaveLength(events);
  });

  it('a thread, in its title or its first post: 400, no thread, no event', async () => {
    const threads = () => count(`SELECT count(*)::int AS n FROM threads WHERE topic_id = $1`, [ctx.topicId]);
    const before = await threads();
    const events = (await eventsOf(ctx.app, `topic:${ctx.topicId}`)).length;
    const member = as(ctx.app, ctx.group.people.member);
    expectRefused(
      await member.post(`/api/v1/topics/${ctx.topicId}/threads`).send({ title: bad, body: 'gut' }),
      'title',
    );
    expectRefused(
      await member.post(`/api/v1/topics/${ctx.topicId}/threads`).send({ title: 'Gut', body: bad }),
      'body',
    );
    expect(await threads()).toBe(before);
    expect(await eventsOf(ctx.app, `topic:${ctx.topicId}`)).toHaveLength(events);
  });

  it('a post: 400 for its sender before the group commit; a good post sent with it is written', async () => {
    const thread = await givenThread(ctx.app, ctx.group.people.member, ctx.topicId);
    const batches = jest.spyOn(ctx.app.api.get(PostBatchWriter), 'writeBatch');
    try {
      const [refused, good] = await Promise.all([
        as(ctx.app, ctx.group.people.member).post(`/api/v1/threads/${thread.id}/posts`).send({ body: bad }),
        as(ctx.app, ctx.group.owner).post(`/api/v1/threads/${thread.id}/posts`).send({ body: 'Gut 😀' }),
      ]);
      expectRefused(refused, 'body');
      expect(good.status).toBe(201);
      // The group commit saw the good post once, and never the bad one.
      expect(batches.mock.calls.map(([inputs]) => inputs.map((i) => i.body))).toEqual([['Gut 😀']]);
    } finally {
      batches.mockRestore();
    }
    const rows = (await ctx.app.dataSource.query(
      `SELECT seq, body FROM posts WHERE thread_id = $1 ORDER BY seq`,
      [thread.id],
    )) as Array<{ seq: number; body: string }>;
    expect(rows).toEqual([
      { seq: 1, body: 'Erster Beitrag' },
      { seq: 2, body: 'Gut 😀' },
    ]);
    expect((await eventsOf(ctx.app, `thread:${thread.id}`)).map((e) => [e.type, e.seq])).toEqual([
      ['post.created', 1],
      ['post.created', 2],
    ]);
  });

  it('a post edit: 400, the post, its history and its stream unchanged', async () => {
    const thread = await givenThread(ctx.app, ctx.group.people.member, ctx.topicId);
    const post = await givenPost(ctx.app, ctx.group.people.member, thread.id, 'Unverändert');
    const events = (await eventsOf(ctx.app, `thread:${thread.id}`)).length;
    const res = await as(ctx.app, ctx.group.people.member)
      .patch(`/api/v1/posts/${post.id}`)
      .send({ body: bad });
    expectRefused(res, 'body');
    const [row] = (await ctx.app.dataSource.query(`SELECT body, edited_at FROM posts WHERE id = $1`, [
      post.id,
    ])) as Array<{ body: string; edited_at: Date | null }>;
    expect(row).toEqual({ body: 'Unverändert', edited_at: null });
    expect(await count(`SELECT count(*)::int AS n FROM post_revisions WHERE post_id = $1`, [post.id])).toBe(
      0,
    );
    expect(await eventsOf(ctx.app, `thread:${thread.id}`)).toHaveLength(events);
  });
});

describe('unstorable text in a query', () => {
  const ctx = useGroupWithTopic();

  it('NUL: 400 naming the parameter; a surrogate cannot be sent in a URL (it arrives as U+FFFD)', async () => {
    const log = `/api/v1/groups/${ctx.group.id}/moderation/log`;
    const nul = await as(ctx.app, ctx.group.owner).get(`${log}?cursor=a%00b`);
    expect(nul.status).toBe(400);
    expect(nul.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid request: cursor',
      details: [{ field: 'cursor', messages: ['cursor must not contain the NUL character (\\u0000)'] }],
    });
    // The bytes a surrogate would have (CESU-8) are no UTF-8: refused as a malformed cursor, not as unstorable.
    const surrogate = await as(ctx.app, ctx.group.owner).get(`${log}?cursor=%ED%A0%80`);
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.message).not.toMatch(/surrogate/);
  });
});
