import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HideReason, streamName, ThreadPayload, Transaction, UnitOfWork } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { AppError } from '@runde/platform';
import { FlagEntity } from '../entities/flag.entity';
import { ModerationActionEntity, ModerationActionType } from '../entities/moderation-action.entity';
import { PostEntity } from '../entities/post.entity';
import { ThreadEntity } from '../entities/thread.entity';
import { TopicEntity } from '../entities/topic.entity';
import { DiscussionReader } from '../threads/discussion-reader';
import { PostForViewer, PostsService } from '../posts/posts.service';

type ThreadToggle = { field: 'locked' | 'pinned'; value: boolean; action: ModerationActionType };

const TOGGLES = {
  lock: { field: 'locked', value: true, action: 'lock' },
  unlock: { field: 'locked', value: false, action: 'unlock' },
  pin: { field: 'pinned', value: true, action: 'pin' },
  unpin: { field: 'pinned', value: false, action: 'unpin' },
} as const satisfies Record<string, ThreadToggle>;

const EVENT_OF = {
  lock: 'thread.locked',
  unlock: 'thread.unlocked',
  pin: 'thread.pinned',
  unpin: 'thread.unpinned',
} as const;

/** Moderators keep order openly: every action is logged with who, what, target, reason and time. */
@Injectable()
export class ModerationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly reader: DiscussionReader,
    private readonly posts: PostsService,
  ) {}

  async toggle(caller: Caller, threadId: string, which: keyof typeof TOGGLES): Promise<ThreadPayload> {
    await this.policy.assert(caller, 'moderate', 'thread', threadId, 'Thread');
    const spec = TOGGLES[which];
    return this.uow.run(async (tx) => {
      const thread = await this.lockThread(tx.manager, threadId);
      if (thread[spec.field] === spec.value) return this.reader.threadViewOf(thread, tx.manager);
      thread[spec.field] = spec.value;
      await tx.manager.update(ThreadEntity, { id: threadId }, { [spec.field]: spec.value });
      const view = await this.reader.threadViewOf(thread, tx.manager);
      tx.append(streamName('thread', threadId), EVENT_OF[which], { thread: view }, caller.id);
      await this.log(tx, caller, thread.groupId, spec.action, 'thread', threadId);
      return view;
    });
  }

  async slowMode(caller: Caller, threadId: string, seconds: number): Promise<ThreadPayload> {
    await this.policy.assert(caller, 'moderate', 'thread', threadId, 'Thread');
    return this.uow.run(async (tx) => {
      const thread = await this.lockThread(tx.manager, threadId);
      thread.slowModeSeconds = seconds;
      await tx.manager.update(ThreadEntity, { id: threadId }, { slowModeSeconds: seconds });
      const view = await this.reader.threadViewOf(thread, tx.manager);
      tx.append(streamName('thread', threadId), 'thread.slow_mode_changed', { thread: view }, caller.id);
      await this.log(tx, caller, thread.groupId, 'slow_mode', 'thread', threadId, null, null, { seconds });
      return view;
    });
  }

  /** Moves a thread to another topic of a group the caller moderates too. */
  async move(caller: Caller, threadId: string, topicId: string): Promise<ThreadPayload> {
    await this.policy.assert(caller, 'moderate', 'thread', threadId, 'Thread');
    await this.policy.assert(caller, 'moderate', 'topic', topicId, 'Topic');
    return this.uow.run(async (tx) => {
      const thread = await this.lockThread(tx.manager, threadId);
      const fromTopicId = thread.topicId;
      if (fromTopicId === topicId) return this.reader.threadViewOf(thread, tx.manager);
      const target = await tx.manager.findOneByOrFail(TopicEntity, { id: topicId });
      const fromGroupId = thread.groupId;
      thread.topicId = topicId;
      thread.groupId = target.groupId;
      await tx.manager.update(ThreadEntity, { id: threadId }, { topicId, groupId: target.groupId });
      const view = await this.reader.threadViewOf(thread, tx.manager);
      const data = { thread: view, fromTopicId, toTopicId: topicId };
      tx.append(streamName('thread', threadId), 'thread.moved', data, caller.id);
      tx.append(streamName('topic', fromTopicId), 'thread.moved', data, caller.id);
      tx.append(streamName('topic', topicId), 'thread.moved', data, caller.id);
      await this.log(tx, caller, fromGroupId, 'move', 'thread', threadId, null, null, {
        fromTopicId,
        toTopicId: topicId,
      });
      if (target.groupId !== fromGroupId) {
        await this.log(tx, caller, target.groupId, 'move', 'thread', threadId, null, null, {
          fromTopicId,
          toTopicId: topicId,
        });
        await this.moveFlags(tx, caller, threadId, fromGroupId, target.groupId);
      }
      return view;
    });
  }

  /**
   * A flag belongs to its thread's group. `flags.group_id` is a copy of it, as `threads.group_id` is of the topic's
   * (the queue stays one index scan, resolving one lookup): taken when the flag is made, under a key-share lock on
   * the thread, and kept in step here, the one place where a thread changes group, in the move's transaction. Both
   * groups' moderators hear of each open flag that left or arrived (their queues and counts follow), as both topics
   * hear of the thread.
   */
  private async moveFlags(
    tx: Transaction,
    caller: Caller,
    threadId: string,
    fromGroupId: string,
    toGroupId: string,
  ): Promise<void> {
    const { raw } = await tx.manager
      .createQueryBuilder()
      .update(FlagEntity)
      .set({ groupId: toGroupId })
      .where('group_id = :fromGroupId AND thread_id = :threadId', { fromGroupId, threadId })
      .returning('id, post_id, status, created_at')
      .execute();
    const open = (raw as Array<{ id: string; post_id: string; status: string; created_at: Date }>)
      .filter((flag) => flag.status === 'open')
      .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id));
    for (const flag of open) {
      const data = { flagId: flag.id, postId: flag.post_id, threadId, fromGroupId, toGroupId };
      tx.append(streamName('group', fromGroupId), 'flag.moved', data, caller.id);
      tx.append(streamName('group', toGroupId), 'flag.moved', data, caller.id);
    }
  }

  async hide(caller: Caller, postId: string, reasonCode: HideReason, note?: string): Promise<PostForViewer> {
    const access = await this.policy.assert(caller, 'moderate', 'post', postId, 'Post');
    return this.uow.run((tx) => this.hideIn(tx, caller, postId, reasonCode, note ?? null, access));
  }

  async hideIn(
    tx: Transaction,
    caller: Caller,
    postId: string,
    reasonCode: HideReason,
    note: string | null,
    access: Awaited<ReturnType<AccessPolicy['assert']>>,
  ): Promise<PostForViewer> {
    const post = await this.lockPost(tx.manager, postId);
    const thread = await tx.manager.findOneByOrFail(ThreadEntity, { id: post.threadId });
    const changed = !post.hidden || post.hiddenReason !== reasonCode || post.hiddenNote !== note;
    Object.assign(post, {
      hidden: true,
      hiddenReason: reasonCode,
      hiddenNote: note,
      hiddenBy: caller.id,
      hiddenAt: new Date(),
    });
    if (changed) {
      await tx.manager.update(
        PostEntity,
        { id: postId },
        {
          hidden: true,
          hiddenReason: reasonCode,
          hiddenNote: note,
          hiddenBy: caller.id,
          hiddenAt: post.hiddenAt,
        },
      );
      const view = await this.reader.postViewOf(post, tx.manager);
      tx.append(streamName('thread', post.threadId), 'post.hidden', { post: view, reasonCode }, caller.id);
      await this.log(tx, caller, thread.groupId, 'hide', 'post', postId, reasonCode, note);
    }
    return this.posts.forViewer(post, await this.reader.postViewOf(post, tx.manager), caller, access);
  }

  async unhide(caller: Caller, postId: string): Promise<PostForViewer> {
    const access = await this.policy.assert(caller, 'moderate', 'post', postId, 'Post');
    return this.uow.run(async (tx) => {
      const post = await this.lockPost(tx.manager, postId);
      if (post.hidden) {
        const thread = await tx.manager.findOneByOrFail(ThreadEntity, { id: post.threadId });
        Object.assign(post, {
          hidden: false,
          hiddenReason: null,
          hiddenNote: null,
          hiddenBy: null,
          hiddenAt: null,
        });
        await tx.manager.update(
          PostEntity,
          { id: postId },
          { hidden: false, hiddenReason: null, hiddenNote: null, hiddenBy: null, hiddenAt: null },
        );
        const view = await this.reader.postViewOf(post, tx.manager);
        tx.append(streamName('thread', post.threadId), 'post.unhidden', { post: view }, caller.id);
        await this.log(tx, caller, thread.groupId, 'unhide', 'post', postId);
      }
      return this.posts.forViewer(post, await this.reader.postViewOf(post, tx.manager), caller, access);
    });
  }

  async log(
    tx: Transaction,
    caller: Caller,
    groupId: string,
    action: ModerationActionType,
    targetType: 'thread' | 'post' | 'flag',
    targetId: string,
    reasonCode: string | null = null,
    note: string | null = null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await tx.manager.getRepository(ModerationActionEntity).insert({
      groupId,
      actorId: caller.id,
      action,
      targetType,
      targetId,
      reasonCode,
      note,
      details: details as never,
    });
  }

  private async lockThread(manager: EntityManager, id: string): Promise<ThreadEntity> {
    const thread = await manager
      .getRepository(ThreadEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.id = :id', { id })
      .getOne();
    if (!thread) throw AppError.notFound('Thread');
    return thread;
  }

  private async lockPost(manager: EntityManager, id: string): Promise<PostEntity> {
    const post = await manager
      .getRepository(PostEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOne();
    if (!post) throw AppError.notFound('Post');
    return post;
  }
}
