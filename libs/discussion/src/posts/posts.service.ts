import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThan } from 'typeorm';
import { PostPayload, streamName, UnitOfWork } from '@runde/events';
import { Access, AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { AppError, ErrorCode } from '@runde/platform';
import { PostRevisionEntity } from '../entities/post-revision.entity';
import { PostEntity } from '../entities/post.entity';
import { ThreadEntity } from '../entities/thread.entity';
import { DiscussionReader } from '../threads/discussion-reader';
import { PostBatchWriter } from './post-batch-writer';
import { forgetPostText } from './forget-post-text';
import { SlowMode } from './slow-mode';

/** A post as one caller sees it: authors and moderators also see a hidden post's text and why it was hidden. */
export interface PostForViewer extends PostPayload {
  moderation: { reasonCode: string | null; note: string | null; hiddenAt: string | null } | null;
}

@Injectable()
export class PostsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly reader: DiscussionReader,
    private readonly batch: PostBatchWriter,
    private readonly slowMode: SlowMode,
  ) {}

  async create(caller: Caller, threadId: string, body: string, replyToId?: string): Promise<PostForViewer> {
    const access = await this.policy.assert(caller, 'write', 'thread', threadId, 'Thread');
    const thread = access.scope.facts as { locked: boolean; slow_mode_seconds: number };
    if (thread.locked) throw new AppError(ErrorCode.ThreadLocked, 'This thread is locked');
    const replyTo = replyToId ? await this.reader.replyTarget(threadId, replyToId) : null;
    const slow = access.moderate ? 0 : Number(thread.slow_mode_seconds);
    await this.slowMode.claim(threadId, caller.id, slow);
    try {
      const { post, view } = await this.batch.submit({
        threadId,
        author: await this.reader.authorOf(caller),
        body,
        replyTo,
      });
      return this.forViewer(post, view, caller, access);
    } catch (error) {
      if (slow) await this.slowMode.release(threadId, caller.id);
      throw error;
    }
  }

  async list(
    caller: Caller,
    threadId: string,
    after = 0,
    limit = 50,
  ): Promise<{ items: PostForViewer[]; nextCursor: string | null }> {
    const access = await this.policy.assert(caller, 'read', 'thread', threadId, 'Thread');
    const rows = await this.dataSource.getRepository(PostEntity).find({
      where: { threadId, seq: MoreThan(after) },
      order: { seq: 'ASC' },
      take: limit + 1,
    });
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const views = await this.reader.postViews(page);
    return {
      items: page.map((p, i) => this.forViewer(p, views[i], caller, access)),
      nextCursor: more ? String(page[page.length - 1].seq) : null,
    };
  }

  /**
   * The posts of a thread as `caller` sees them now (what `list` would show), by id: catch-up replays the log's
   * post events with these in place of the stored payloads, so a post hidden, deleted or edited since, or by a
   * person erased since, shows as it does over REST. Ids of posts that are gone are left out.
   */
  async currentViews(
    caller: Caller,
    threadId: string,
    postIds: string[],
  ): Promise<Map<string, PostForViewer>> {
    if (postIds.length === 0) return new Map();
    const access = await this.policy.assert(caller, 'read', 'thread', threadId, 'Thread');
    const rows = await this.dataSource
      .getRepository(PostEntity)
      .findBy({ threadId, id: In([...new Set(postIds)]) });
    const views = await this.reader.postViews(rows);
    return new Map(rows.map((p, i) => [p.id, this.forViewer(p, views[i], caller, access)]));
  }

  async get(caller: Caller, postId: string): Promise<PostForViewer> {
    const access = await this.policy.assert(caller, 'read', 'post', postId, 'Post');
    const post = await this.reader.post(postId);
    return this.forViewer(post, await this.reader.postViewOf(post), caller, access);
  }

  async edit(caller: Caller, postId: string, body: string): Promise<PostForViewer> {
    const access = await this.policy.assert(caller, 'write', 'post', postId, 'Post');
    return this.uow.run(async (tx) => {
      const post = await tx.manager
        .getRepository(PostEntity)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id = :postId', { postId })
        .getOneOrFail();
      if (post.authorId !== caller.id)
        throw AppError.forbidden('Only the author may edit a post').because('AUTHOR_ONLY');
      if (post.deletedAt) throw AppError.conflict('This post was deleted').because('POST_DELETED');
      const thread = await tx.manager.findOneByOrFail(ThreadEntity, { id: post.threadId });
      if (thread.locked) throw new AppError(ErrorCode.ThreadLocked, 'This thread is locked');
      if (post.body === body)
        return this.forViewer(post, await this.reader.postViewOf(post, tx.manager), caller, access);
      await tx.manager.insert(PostRevisionEntity, { postId, body: post.body, editedBy: caller.id });
      post.body = body;
      post.editedAt = new Date();
      await tx.manager.update(PostEntity, { id: postId }, { body, editedAt: post.editedAt });
      const view = await this.reader.postViewOf(post, tx.manager);
      tx.append(streamName('thread', post.threadId), 'post.updated', { post: view }, caller.id);
      return this.forViewer(post, view, caller, access);
    });
  }

  async remove(caller: Caller, postId: string): Promise<void> {
    await this.policy.assert(caller, 'read', 'post', postId, 'Post');
    await this.uow.run(async (tx) => {
      const post = await tx.manager.findOneByOrFail(PostEntity, { id: postId });
      if (post.authorId !== caller.id)
        throw AppError.forbidden('Only the author may delete a post').because('AUTHOR_ONLY');
      if (post.deletedAt) return;
      post.deletedAt = new Date();
      await tx.manager.update(PostEntity, { id: postId }, { deletedAt: post.deletedAt });
      const view = await this.reader.postViewOf(post, tx.manager);
      await forgetPostText(tx.manager, post.threadId, postId);
      tx.append(streamName('thread', post.threadId), 'post.deleted', { post: view }, caller.id);
    });
  }

  async revisions(caller: Caller, postId: string) {
    const access = await this.policy.assert(caller, 'read', 'post', postId, 'Post');
    const post = await this.reader.post(postId);
    const mayRead = (!post.hidden && !post.deletedAt) || post.authorId === caller.id || access.moderate;
    if (!mayRead)
      throw AppError.forbidden('The history of a hidden or deleted post is for its author and moderators');
    const rows = await this.dataSource
      .getRepository(PostRevisionEntity)
      .find({ where: { postId }, order: { createdAt: 'ASC' } });
    const people = await this.reader.people(rows.map((r) => r.editedBy));
    return {
      items: [
        ...rows.map((r, i) => ({
          revision: i + 1,
          body: r.body,
          replacedAt: r.createdAt.toISOString(),
          editedBy: people.get(r.editedBy),
        })),
        { revision: rows.length + 1, body: post.body, replacedAt: null, editedBy: null, current: true },
      ],
      nextCursor: null,
    };
  }

  forViewer(post: PostEntity, view: PostPayload, caller: Caller, access: Access): PostForViewer {
    const privileged = post.authorId === caller.id || access.moderate;
    if (post.hidden && privileged) {
      return {
        ...view,
        body: post.deletedAt ? null : post.body,
        moderation: {
          reasonCode: post.hiddenReason,
          note: post.hiddenNote,
          hiddenAt: post.hiddenAt?.toISOString() ?? null,
        },
      };
    }
    return { ...view, moderation: null };
  }
}
