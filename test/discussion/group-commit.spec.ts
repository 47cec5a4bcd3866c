import { PostBatchWriter } from '@runde/discussion';
import { as } from '../support/factories';
import { eventsOf, givenThread, useGroupWithTopic } from '../support/discussion-factories';

describe('posts: group commit', () => {
  const ctx = useGroupWithTopic();

  const seqsOf = async (threadId: string) =>
    (
      (await ctx.app.dataSource.query(`SELECT seq FROM posts WHERE thread_id = $1 ORDER BY seq`, [
        threadId,
      ])) as Array<{
        seq: number;
      }>
    ).map((r) => r.seq);

  it('posts sent together commit in fewer transactions, each thread gapless, one event per post in seq order', async () => {
    const threads = [
      await givenThread(ctx.app, ctx.group.people.member, ctx.topicId),
      await givenThread(ctx.app, ctx.group.people.member, ctx.topicId),
      await givenThread(ctx.app, ctx.group.people.member, ctx.topicId),
    ];
    const runs = jest.spyOn(ctx.app.api.get(PostBatchWriter), 'writeBatch');
    const writers = [ctx.group.owner, ctx.group.people.moderator, ctx.group.people.member];
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        as(ctx.app, writers[i % 3])
          .post(`/api/v1/threads/${threads[i % 3].id}/posts`)
          .send({ body: `Beitrag ${i}` }),
      ),
    );
    const transactions = runs.mock.calls.length;
    runs.mockRestore();
    expect(results.map((r) => r.status)).toEqual(Array(60).fill(201));
    expect(transactions).toBeLessThan(60);
    for (const [t, thread] of threads.entries()) {
      expect(await seqsOf(thread.id)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
      const mine = results.filter((_, i) => i % 3 === t).map((r) => r.body as { id: string; seq: number });
      const events = (await eventsOf(ctx.app, `thread:${thread.id}`)).filter(
        (e) => e.type === 'post.created',
      );
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
      // The event of each post carries the seq and id the poster got back.
      const byId = new Map(
        events.map((e) => [(e.data.post as { id: string }).id, e.data.post as { seq: number }]),
      );
      for (const post of mine) expect(byId.get(post.id)?.seq).toBe(post.seq);
    }
  });

  it('a thread locked after the check and a post the database refuses fail alone; the rest commit', async () => {
    const open = await givenThread(ctx.app, ctx.group.people.member, ctx.topicId);
    const closing = await givenThread(ctx.app, ctx.group.people.member, ctx.topicId);
    const writer = ctx.app.api.get(PostBatchWriter);
    const batches = jest.spyOn(writer, 'writeBatch');
    const author = { id: ctx.group.people.member.id, displayName: 'M', organisation: null, deleted: false };
    // The lock lands between the access check and the commit (no REST check can see it).
    await ctx.app.dataSource.query(`UPDATE threads SET locked = true WHERE id = $1`, [closing.id]);
    // A NUL character no longer gets past validation (unstorable-text.spec.ts); submitted here directly, it stands
    // for any post the database refuses.
    const outcomes = await Promise.allSettled([
      writer.submit({ threadId: open.id, author, body: 'eins', replyTo: null }),
      writer.submit({ threadId: closing.id, author, body: 'zu spät', replyTo: null }),
      writer.submit({ threadId: open.id, author, body: 'mit \u0000 darin', replyTo: null }),
      writer.submit({ threadId: open.id, author, body: 'zwei', replyTo: null }),
    ]);
    const statements = batches.mock.calls.map(([inputs]) => inputs.map((i) => i.body));
    batches.mockRestore();
    // The failed batch is written again post by post: each post once more, on its own.
    expect(statements).toEqual([
      ['eins', 'zu spät', 'mit \u0000 darin', 'zwei'],
      ['eins'],
      ['zu spät'],
      ['mit \u0000 darin'],
      ['zwei'],
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'THREAD_LOCKED' });
    expect(await seqsOf(open.id)).toEqual([1, 2, 3]);
    expect(await seqsOf(closing.id)).toEqual([1]);
    const bodies = (
      (await ctx.app.dataSource.query(`SELECT body FROM posts WHERE thread_id = $1 ORDER BY seq`, [
        open.id,
      ])) as Array<{
        body: string;
      }>
    ).map((r) => r.body);
    expect(bodies.slice(1)).toEqual(['eins', 'zwei']);
    expect((await eventsOf(ctx.app, `thread:${open.id}`)).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('a NUL character in a post is a 400 for its sender only, at validation: the group commit never sees it', async () => {
    const thread = await givenThread(ctx.app, ctx.group.people.member, ctx.topicId);
    const batches = jest.spyOn(ctx.app.api.get(PostBatchWriter), 'writeBatch');
    const [bad, good] = await Promise.all([
      as(ctx.app, ctx.group.people.member)
        .post(`/api/v1/threads/${thread.id}/posts`)
        .send({ body: 'a\u0000b' }),
      as(ctx.app, ctx.group.owner).post(`/api/v1/threads/${thread.id}/posts`).send({ body: 'gut' }),
    ]);
    const statements = batches.mock.calls.map(([inputs]) => inputs.map((i) => i.body));
    batches.mockRestore();
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      details: [{ field: 'body' }],
    });
    expect(good.status).toBe(201);
    expect(statements).toEqual([['gut']]);
    expect(await seqsOf(thread.id)).toEqual([1, 2]);
  });

  it("a new thread's first post is seq 1 of its stream, and a NUL character in it leaves no thread behind", async () => {
    const created = await as(ctx.app, ctx.group.people.member)
      .post(`/api/v1/topics/${ctx.topicId}/threads`)
      .send({ title: 'Erster Beitrag', body: 'Hallo' })
      .expect(201);
    const thread = created.body as { id: string; postCount: number };
    expect(thread.postCount).toBe(1);
    expect(await seqsOf(thread.id)).toEqual([1]);
    const events = await eventsOf(ctx.app, `thread:${thread.id}`);
    expect(events.map((e) => [e.type, e.seq])).toEqual([['post.created', 1]]);
    // The next post continues at 2.
    await as(ctx.app, ctx.group.owner)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .send({ body: 'zwei' })
      .expect(201);
    expect(await seqsOf(thread.id)).toEqual([1, 2]);

    const before = await ctx.app.dataSource.query(
      `SELECT count(*)::int AS n FROM threads WHERE topic_id = $1`,
      [ctx.topicId],
    );
    const bad = await as(ctx.app, ctx.group.people.member)
      .post(`/api/v1/topics/${ctx.topicId}/threads`)
      .send({ title: 'Kaputt', body: 'a\u0000b' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      details: [{ field: 'body' }],
    });
    const after = await ctx.app.dataSource.query(
      `SELECT count(*)::int AS n FROM threads WHERE topic_id = $1`,
      [ctx.topicId],
    );
    expect(after).toEqual(before);
  });
});
