import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { PersonPayload, PostPayload, streamName, Transaction, UnitOfWork } from '@runde/events';
import { AppError, ErrorCode, GroupCommit, prepared } from '@runde/platform';
import { newPost, PostEntity } from '../entities/post.entity';
import { postView } from '../views';

/** A post to write: validated and authorised by the caller (PostsService). */
export interface NewPost {
  threadId: string;
  author: PersonPayload;
  body: string;
  /** The post replied to, read (and checked to be in the same thread) before submitting. */
  replyTo: { post: PostEntity; author: PersonPayload } | null;
}

/** At most this many posts go into one transaction. */
export const MAX_POST_BATCH = 256;

type Outcome =
  { ok: true; written: { post: PostEntity; view: PostPayload } } | { ok: false; error: AppError };

/**
 * Group commit for posts. Posts submitted while a commit is running wait and are then written together in one
 * transaction: one statement takes the threads' next `seq` numbers (row locks in id order, locked threads
 * skipped), one inserts the posts, one writes their `post.created` events (the outbox). One post alone costs
 * the same round trips as before; under load the per-post cost of the database falls with the batch size.
 *
 * Each post is acknowledged only after its transaction committed. If a batch fails as a whole, every post in
 * it is retried on its own, so one bad post can never fail the others (unless the database is unreachable: then
 * they all fail at once, with 503) — GroupCommit's rules.
 */
@Injectable()
export class PostBatchWriter {
  private readonly commits: GroupCommit<NewPost, Outcome>;

  constructor(private readonly uow: UnitOfWork) {
    this.commits = new GroupCommit({
      write: (inputs) => this.uow.run((tx) => this.writeIn(tx, inputs)),
      maxBatch: MAX_POST_BATCH,
      logger: new Logger('PostBatchWriter'),
      what: 'posts',
    });
  }

  async submit(input: NewPost): Promise<{ post: PostEntity; view: PostPayload }> {
    const outcome = await this.commits.submit(input);
    if (!outcome.ok) throw outcome.error;
    return outcome.written;
  }

  /**
   * Writes posts inside the caller's transaction (the batch's own, or a thread's creation): the threads' next
   * `seq` numbers in one statement, the posts in one, and one `post.created` event each. A post of a locked or
   * missing thread comes back as its error; the others are written.
   */
  async writeIn(tx: Transaction, inputs: NewPost[]): Promise<Outcome[]> {
    const wanted = new Map<string, number>();
    for (const input of inputs) wanted.set(input.threadId, (wanted.get(input.threadId) ?? 0) + 1);
    const ids = [...wanted.keys()].sort();
    const rows = await prepared<{ id: string; locked: boolean; last_post_seq: number | null }>(
      tx.manager,
      `WITH target AS (
         SELECT id, locked FROM threads WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE
       ), bumped AS (
         UPDATE threads t
            SET last_post_seq = t.last_post_seq + v.n, post_count = t.post_count + v.n, last_activity_at = now()
           FROM unnest($1::uuid[], $2::int[]) AS v(id, n)
          WHERE t.id = v.id AND t.id IN (SELECT id FROM target WHERE NOT locked)
         RETURNING t.id, t.last_post_seq
       )
       SELECT target.id, target.locked, bumped.last_post_seq FROM target LEFT JOIN bumped ON bumped.id = target.id`,
      [ids, ids.map((id) => wanted.get(id)!)],
    );
    const next = new Map<string, number>();
    const locked = new Set<string>();
    for (const row of rows) {
      if (row.locked || row.last_post_seq === null) locked.add(row.id);
      else next.set(row.id, Number(row.last_post_seq) - wanted.get(row.id)! + 1);
    }
    const now = new Date();
    const outcomes = inputs.map((input) => {
      const seq = next.get(input.threadId);
      if (seq === undefined) {
        return {
          ok: false as const,
          error: locked.has(input.threadId)
            ? new AppError(ErrorCode.ThreadLocked, 'This thread is locked')
            : AppError.notFound('Thread'),
        };
      }
      next.set(input.threadId, seq + 1);
      const post = newPost({
        id: randomUUID(),
        threadId: input.threadId,
        seq,
        authorId: input.author.id,
        body: input.body,
        replyToId: input.replyTo?.post.id ?? null,
        createdAt: now,
      });
      return { ok: true as const, written: { post, view: postView(post, input.author, input.replyTo) } };
    });
    const posts = outcomes.flatMap((o) => (o.ok ? [o.written.post] : []));
    if (posts.length > 0) {
      await prepared(
        tx.manager,
        `INSERT INTO posts (id, thread_id, seq, author_id, body, reply_to_id, created_at)
         SELECT * FROM json_to_recordset($1::json)
           AS p(id uuid, thread_id uuid, seq int, author_id uuid, body text, reply_to_id uuid, created_at timestamptz)`,
        [
          JSON.stringify(
            posts.map((p) => ({
              id: p.id,
              thread_id: p.threadId,
              seq: p.seq,
              author_id: p.authorId,
              body: p.body,
              reply_to_id: p.replyToId,
              created_at: now.toISOString(),
            })),
          ),
        ],
      );
    }
    for (const outcome of outcomes) {
      if (!outcome.ok) continue;
      const { post, view } = outcome.written;
      tx.append(streamName('thread', post.threadId), 'post.created', { post: view }, post.authorId);
    }
    return outcomes;
  }
}
