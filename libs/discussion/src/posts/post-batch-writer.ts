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
   * `seq` numbers and the posts in one statement, and one `post.created` event each. A post of a locked or
   * missing thread comes back as its error; the others are written.
   */
  async writeIn(tx: Transaction, inputs: NewPost[]): Promise<Outcome[]> {
    const wanted = new Map<string, number>();
    // Each post's place among its thread's posts in this batch (1, 2, …): its seq is the thread's old head + ord.
    const ords = inputs.map((input) => {
      const ord = (wanted.get(input.threadId) ?? 0) + 1;
      wanted.set(input.threadId, ord);
      return ord;
    });
    const ids = [...wanted.keys()].sort();
    const now = new Date();
    const postIds = inputs.map(() => randomUUID());
    // One statement: lock the threads (in id order), take their next seq numbers and insert the posts of the
    // threads that are open. `FOR NO KEY UPDATE`: posts and notifications referencing a thread (their foreign
    // key's share lock) do not wait for it, nor it for them.
    const rows = await prepared<{ id: string; locked: boolean; last_post_seq: number | null }>(
      tx.manager,
      `WITH target AS (
         SELECT id, locked FROM threads WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE
       ), bumped AS (
         UPDATE threads t
            SET last_post_seq = t.last_post_seq + v.n, post_count = t.post_count + v.n, last_activity_at = now()
           FROM unnest($1::uuid[], $2::int[]) AS v(id, n)
          WHERE t.id = v.id AND t.id IN (SELECT id FROM target WHERE NOT locked)
         RETURNING t.id, t.last_post_seq, v.n
       ), inserted AS (
         INSERT INTO posts (id, thread_id, seq, author_id, body, reply_to_id, created_at)
         SELECT p.id, p.thread_id, b.last_post_seq - b.n + p.ord, p.author_id, p.body, p.reply_to_id, $4::timestamptz
           FROM json_to_recordset($3::json)
                AS p(id uuid, thread_id uuid, ord int, author_id uuid, body text, reply_to_id uuid)
           JOIN bumped b ON b.id = p.thread_id
         RETURNING id
       )
       SELECT target.id, target.locked, bumped.last_post_seq FROM target LEFT JOIN bumped ON bumped.id = target.id`,
      [
        ids,
        ids.map((id) => wanted.get(id)!),
        JSON.stringify(
          inputs.map((input, i) => ({
            id: postIds[i],
            thread_id: input.threadId,
            ord: ords[i],
            author_id: input.author.id,
            body: input.body,
            reply_to_id: input.replyTo?.post.id ?? null,
          })),
        ),
        now.toISOString(),
      ],
    );
    const firstSeq = new Map<string, number>();
    const locked = new Set<string>();
    for (const row of rows) {
      if (row.locked || row.last_post_seq === null) locked.add(row.id);
      else firstSeq.set(row.id, Number(row.last_post_seq) - wanted.get(row.id)! + 1);
    }
    const outcomes = inputs.map((input, i) => {
      const first = firstSeq.get(input.threadId);
      if (first === undefined) {
        return {
          ok: false as const,
          error: locked.has(input.threadId)
            ? new AppError(ErrorCode.ThreadLocked, 'This thread is locked')
            : AppError.notFound('Thread'),
        };
      }
      const post = newPost({
        id: postIds[i],
        threadId: input.threadId,
        seq: first + ords[i] - 1,
        authorId: input.author.id,
        body: input.body,
        replyToId: input.replyTo?.post.id ?? null,
        createdAt: now,
      });
      return { ok: true as const, written: { post, view: postView(post, input.author, input.replyTo) } };
    });
    for (const outcome of outcomes) {
      if (!outcome.ok) continue;
      const { post, view } = outcome.written;
      tx.append(streamName('thread', post.threadId), 'post.created', { post: view }, post.authorId);
    }
    return outcomes;
  }
}
