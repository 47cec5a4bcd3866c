import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  EventEnvelope,
  EventRelay,
  PersonPayload,
  PostPayload,
  streamName,
  Transaction,
} from '@runde/events';
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
 * Group commit for posts. Posts submitted while a commit is running wait and are then written together by one
 * statement, which PostgreSQL runs as one transaction: it locks the threads (in id order, locked threads
 * skipped), takes their next `seq` numbers, inserts the posts, makes their authors follow the threads and writes
 * the `post.created` events with their outbox rows. One round trip instead of five (BEGIN, posts, follows,
 * events, COMMIT), each of which waited for a turn of the event loop and a wake-up of PostgreSQL. The events are
 * then relayed as after any unit of work.
 *
 * Each post is acknowledged only after its transaction committed. If a batch fails as a whole, every post in
 * it is retried on its own, so one bad post can never fail the others (unless the database is unreachable: then
 * they all fail at once, with 503) — GroupCommit's rules.
 */
@Injectable()
export class PostBatchWriter {
  private readonly commits: GroupCommit<NewPost, Outcome>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: EventRelay,
  ) {
    this.commits = new GroupCommit({
      write: (inputs) => this.writeBatch(inputs),
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
   * One group commit: a single autocommit statement (see the class comment), then the relay. It writes what a
   * unit of work would: the posts, the threads' counters, the authors' follows (the rule of `AuthorFollows`,
   * which runs as a before-commit hook for posts written in a unit of work, such as a thread's first post) and
   * one event per post, in its thread's stream, with an outbox row.
   */
  async writeBatch(inputs: NewPost[]): Promise<Outcome[]> {
    // Thread ids as PostgreSQL spells them (lower case): the statement names the streams after them.
    const threadIds = inputs.map((input) => input.threadId.toLowerCase());
    const wanted = new Map<string, number>();
    const ords = threadIds.map((threadId) => {
      const ord = (wanted.get(threadId) ?? 0) + 1;
      wanted.set(threadId, ord);
      return ord;
    });
    const ids = [...wanted.keys()].sort();
    const now = new Date();
    const posts = inputs.map((input, i) =>
      newPost({
        id: randomUUID(),
        threadId: threadIds[i],
        seq: 0, // set from the thread's counter in the statement
        authorId: input.author.id,
        body: input.body,
        replyToId: input.replyTo?.post.id ?? null,
        createdAt: now,
      }),
    );
    // Each post's view (its event's payload, and the answer to its poster), with seq 0 until the statement tells.
    const views = inputs.map((input, i) => postView(posts[i], input.author, input.replyTo));
    const eventIds = inputs.map(() => randomUUID());
    // `FOR NO KEY UPDATE`: posts and notifications referencing a thread (their foreign key's share lock) do not
    // wait for it, nor it for them. Threads are locked in id order, then their streams (the order every unit of
    // work takes), so two writers cannot deadlock. Each event's payload gets the post's seq in the statement.
    const rows = await prepared<{
      id: string;
      locked: boolean;
      last_post_seq: string | null;
      head: string | null;
    }>(
      this.dataSource,
      `WITH p AS MATERIALIZED (
         SELECT * FROM json_to_recordset($3::json) AS p(
           id uuid, thread_id uuid, ord int, author_id uuid, body text, reply_to_id uuid, event_id uuid, data jsonb)
       ), target AS (
         SELECT id, locked FROM threads WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE
       ), bumped AS (
         UPDATE threads t
            SET last_post_seq = t.last_post_seq + v.n, post_count = t.post_count + v.n, last_activity_at = now()
           FROM unnest($1::uuid[], $2::int[]) AS v(id, n)
          WHERE t.id = v.id AND t.id IN (SELECT id FROM target WHERE NOT locked)
         RETURNING t.id, t.last_post_seq, v.n
       ), written AS MATERIALIZED (
         SELECT p.*, b.last_post_seq - b.n + p.ord AS seq, b.n FROM p JOIN bumped b ON b.id = p.thread_id
       ), inserted AS (
         INSERT INTO posts (id, thread_id, seq, author_id, body, reply_to_id, created_at)
         SELECT id, thread_id, seq, author_id, body, reply_to_id, $4::timestamptz FROM written
       ), followed AS (
         INSERT INTO follows (user_id, target_type, target_id)
         SELECT DISTINCT author_id, 'thread', thread_id FROM written
         ON CONFLICT DO NOTHING
       ), heads AS (
         INSERT INTO event_streams (stream, head)
         SELECT 'thread:' || id, n FROM bumped ORDER BY 1
         ON CONFLICT (stream) DO UPDATE SET head = event_streams.head + EXCLUDED.head
         RETURNING stream, head
       ), events AS (
         INSERT INTO domain_events (id, stream, seq, type, occurred_at, actor_id, data)
         SELECT w.event_id, h.stream, h.head - w.n + w.ord, 'post.created', $4::timestamptz, w.author_id,
                jsonb_set(w.data, '{post,seq}', to_jsonb(w.seq))
           FROM written w JOIN heads h ON h.stream = 'thread:' || w.thread_id
         RETURNING id, position
       ), queued AS (
         INSERT INTO event_outbox (event_id, position) SELECT id, position FROM events
       )
       SELECT target.id, target.locked, bumped.last_post_seq, heads.head
         FROM target
         LEFT JOIN bumped ON bumped.id = target.id
         LEFT JOIN heads ON heads.stream = 'thread:' || target.id`,
      [
        ids,
        ids.map((id) => wanted.get(id)!),
        JSON.stringify(
          inputs.map((input, i) => ({
            id: posts[i].id,
            thread_id: threadIds[i],
            ord: ords[i],
            author_id: input.author.id,
            body: input.body,
            reply_to_id: posts[i].replyToId,
            event_id: eventIds[i],
            data: { post: views[i] },
          })),
        ),
        now.toISOString(),
      ],
    );
    const written = new Map<string, { firstSeq: number; firstEventSeq: number; stream: string }>();
    const locked = new Set<string>();
    for (const row of rows) {
      if (row.locked || row.last_post_seq === null || row.head === null) {
        locked.add(row.id);
        continue;
      }
      const n = wanted.get(row.id)!;
      written.set(row.id, {
        firstSeq: Number(row.last_post_seq) - n + 1,
        firstEventSeq: Number(row.head) - n + 1,
        stream: streamName('thread', row.id),
      });
    }
    const events: EventEnvelope[] = [];
    const occurredAt = now.toISOString();
    const outcomes = inputs.map((input, i): Outcome => {
      const thread = written.get(threadIds[i]);
      if (!thread) {
        return {
          ok: false,
          error: locked.has(threadIds[i])
            ? new AppError(ErrorCode.ThreadLocked, 'This thread is locked')
            : AppError.notFound('Thread'),
        };
      }
      const post = posts[i];
      const view = views[i];
      post.seq = view.seq = thread.firstSeq + ords[i] - 1;
      events.push({
        id: eventIds[i],
        stream: thread.stream as EventEnvelope['stream'],
        seq: thread.firstEventSeq + ords[i] - 1,
        type: 'post.created',
        occurredAt,
        actorId: input.author.id,
        data: { post: view },
      } as EventEnvelope);
      return { ok: true, written: { post, view } };
    });
    await this.relay.afterCommit(events);
    return outcomes;
  }

  /**
   * A new thread's first post (seq 1), inside the unit of work that creates the thread with its counters at 1:
   * nobody else can post into a thread that is not committed yet, so no lock or counter is needed. The unit of
   * work writes the event, and its before-commit hook (`AuthorFollows`) the author's follow.
   */
  async writeFirst(
    tx: Transaction,
    threadId: string,
    author: PersonPayload,
    body: string,
  ): Promise<{ post: PostEntity; view: PostPayload }> {
    const post = newPost({
      id: randomUUID(),
      threadId,
      seq: 1,
      authorId: author.id,
      body,
      replyToId: null,
      createdAt: new Date(),
    });
    await tx.manager.insert(PostEntity, post);
    const view = postView(post, author, null);
    tx.append(streamName('thread', threadId), 'post.created', { post: view }, author.id);
    return { post, view };
  }
}
