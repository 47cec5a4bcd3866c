import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { EventEnvelope, PostPayload, Transaction } from '@runde/events';
import { ThreadEntity } from '@runde/discussion';
import { ThreadAccess } from '../access/thread-access';
import type { NotificationKind } from '../entities/notification.entity';
import { FollowEntity, type FollowTarget } from '../entities/follow.entity';
import { ThreadReadEntity } from '../entities/thread-read.entity';
import { addFollow } from '../follows/follow-rows';
import { MentionResolver } from '../mentions/mention-resolver';
import { NotificationWriter } from './notification-writer';

/**
 * What a new post means for people, decided in the worker: its author follows the thread; then each person
 * hears of it at most once, by the strongest reason — mentioned, else replied to, else following the thread
 * (for a thread's first post: following its topic). Never the author, never someone who may not read the thread,
 * and no followed-thread notice for a post the follower has already read.
 */
@Injectable()
export class PostFanout {
  constructor(
    private readonly access: ThreadAccess,
    private readonly mentions: MentionResolver,
    private readonly writer: NotificationWriter,
  ) {}

  async onPostCreated(event: EventEnvelope<'post.created'>, tx: Transaction): Promise<void> {
    const { post } = event.data;
    await addFollow(tx.manager, post.authorId, 'thread', post.threadId);
    const thread = await tx.manager.findOneBy(ThreadEntity, { id: post.threadId });
    if (!thread) return;

    const reasons = new Map<string, NotificationKind>();
    for (const id of await this.followersOf(tx.manager, thread, post)) reasons.set(id, 'followed_thread');
    if (post.replyTo) reasons.set(post.replyTo.authorId, 'reply');
    for (const id of await this.mentions.resolve(tx.manager, post.body)) reasons.set(id, 'mention');
    reasons.delete(post.authorId);

    const readers = await this.access.readersOf(tx.manager, thread.id, reasons.keys());
    const ctx = { threadTitle: thread.title, postSeq: post.seq, actor: post.author };
    for (const userId of readers) {
      await this.writer.write(
        tx,
        {
          userId,
          kind: reasons.get(userId)!,
          threadId: thread.id,
          postId: post.id,
          actorId: post.authorId,
          sourceEventId: event.id,
        },
        ctx,
      );
    }
  }

  /** Followers of the thread (and, for its first post, of its topic) who have not read this post yet. */
  private async followersOf(
    manager: EntityManager,
    thread: ThreadEntity,
    post: PostPayload,
  ): Promise<string[]> {
    const targets: Array<{ targetType: FollowTarget; targetId: string }> = [
      { targetType: 'thread', targetId: thread.id },
    ];
    if (post.seq === 1) targets.push({ targetType: 'topic', targetId: thread.topicId });
    const follows = await manager.find(FollowEntity, { where: targets, select: { userId: true } });
    const ids = [...new Set(follows.map((f) => f.userId))];
    if (ids.length === 0) return [];
    const reads = await manager.find(ThreadReadEntity, {
      where: { threadId: thread.id, userId: In(ids) },
      select: { userId: true, lastReadSeq: true },
    });
    const readUpTo = new Map(reads.map((r) => [r.userId, r.lastReadSeq]));
    return ids.filter((id) => (readUpTo.get(id) ?? 0) < post.seq);
  }
}
