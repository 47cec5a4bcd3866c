import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { prepared } from '@runde/platform';
import type { EventEnvelope, PostPayload, Transaction } from '@runde/events';
import { NoticeAccess } from '../access/notice-access';
import type { NotificationKind } from '../entities/notification.entity';
import { MentionResolver } from '../mentions/mention-resolver';
import { NotificationWriter, type NotificationItem } from './notification-writer';

/**
 * What a new post means for people, decided in the worker (its author follows the thread since the post was
 * written, AuthorFollows): each person hears of it at most once, by the strongest reason — mentioned, else
 * replied to, else following the thread (for a thread's first post: following its topic). Never the author, never
 * someone who may not read the thread, and no followed-thread notice for a post the follower has already read.
 */
/** A post's thread, and who follows it without having read the post yet. */
interface ThreadFollowers {
  id: string;
  title: string;
  followers: string[];
}

@Injectable()
export class PostFanout {
  constructor(
    private readonly access: NoticeAccess,
    private readonly mentions: MentionResolver,
    private readonly writer: NotificationWriter,
  ) {}

  /** New posts, in commit order: their threads and followers are read in one statement, then each fans out. */
  async onPostsCreated(events: Array<EventEnvelope<'post.created'>>, tx: Transaction): Promise<void> {
    const threads = await this.threadsAndFollowers(
      tx.manager,
      events.map((e) => e.data.post),
    );
    const items: NotificationItem[] = [];
    for (const [i, event] of events.entries()) {
      const thread = threads[i];
      if (thread) items.push(...(await this.fanOut(event, thread, tx)));
    }
    await this.writer.writeAll(tx, items);
  }

  /** Who hears of one new post, and why. */
  private async fanOut(
    event: EventEnvelope<'post.created'>,
    thread: ThreadFollowers,
    tx: Transaction,
  ): Promise<NotificationItem[]> {
    const { post } = event.data;

    const reasons = new Map<string, NotificationKind>();
    for (const id of thread.followers) reasons.set(id, 'followed_thread');
    if (post.replyTo) reasons.set(post.replyTo.authorId, 'reply');
    for (const id of await this.mentions.resolve(tx.manager, post.body)) reasons.set(id, 'mention');
    reasons.delete(post.authorId);

    const readers = await this.access.readersOf(tx.manager, 'thread', thread.id, reasons.keys());
    const ctx = { title: thread.title, postSeq: post.seq, actor: post.author };
    return [...readers].map((userId) => ({
      draft: {
        userId,
        kind: reasons.get(userId)!,
        threadId: thread.id,
        postId: post.id,
        actorId: post.authorId,
        sourceEventId: event.id,
        occurredAt: event.occurredAt,
      },
      ctx,
    }));
  }

  /**
   * A post edited to mention someone: each person newly mentioned hears of it once (never the author, never
   * someone who may not read the thread, nobody already notified of this post by a mention or as the one
   * replied to). Mentions removed by the edit take nothing back.
   */
  async onPostUpdated(event: EventEnvelope<'post.updated'>, tx: Transaction): Promise<void> {
    const { post } = event.data;
    if (!post.body) return; // hidden or deleted: nothing to point at
    const mentioned = new Set(await this.mentions.resolve(tx.manager, post.body));
    mentioned.delete(post.authorId);
    if (mentioned.size === 0) return;
    const rows = await tx.manager.query<Array<{ title: string; notified: string[] }>>(
      `SELECT t.title, ARRAY(
         SELECT n.user_id FROM notifications n
          WHERE n.post_id = $2 AND n.kind IN ('mention', 'reply') AND n.user_id = ANY($3::uuid[])
       )::text[] AS notified
       FROM threads t WHERE t.id = $1`,
      [post.threadId, post.id, [...mentioned]],
    );
    if (!rows.length) return;
    for (const id of rows[0].notified) mentioned.delete(id);
    const readers = await this.access.readersOf(tx.manager, 'thread', post.threadId, mentioned);
    const ctx = { title: rows[0].title, postSeq: post.seq, actor: post.author };
    await this.writer.writeAll(
      tx,
      [...readers].map((userId) => ({
        draft: {
          userId,
          kind: 'mention' as const,
          threadId: post.threadId,
          postId: post.id,
          actorId: post.authorId,
          sourceEventId: event.id,
          occurredAt: event.occurredAt,
        },
        ctx,
      })),
    );
  }

  /**
   * One statement for a job's posts, as it runs for every post: each thread's title and its followers (for a
   * thread's first post also its topic's) other than the post's author who have not read that post yet. (The
   * author follows the thread already: that is written with the post, AuthorFollows.) In the posts' order; null
   * for a thread that is gone.
   */
  private async threadsAndFollowers(
    manager: EntityManager,
    posts: PostPayload[],
  ): Promise<Array<ThreadFollowers | null>> {
    const rows = await prepared<ThreadFollowers & { ord: string }>(
      manager,
      `SELECT k.ord, t.id, t.title, ARRAY(
         SELECT DISTINCT f.user_id FROM follows f
           LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = f.user_id
          WHERE ((f.target_type = 'thread' AND f.target_id = t.id)
                 OR (k.seq = 1 AND f.target_type = 'topic' AND f.target_id = t.topic_id))
            AND f.user_id <> k.author_id AND COALESCE(r.last_read_seq, 0) < k.seq
       )::text[] AS followers
       FROM unnest($1::uuid[], $2::uuid[], $3::int[]) WITH ORDINALITY AS k(thread_id, author_id, seq, ord)
       JOIN threads t ON t.id = k.thread_id`,
      [posts.map((p) => p.threadId), posts.map((p) => p.authorId), posts.map((p) => p.seq)],
    );
    const found: Array<ThreadFollowers | null> = posts.map(() => null);
    for (const { ord, ...thread } of rows) found[Number(ord) - 1] = thread;
    return found;
  }
}
