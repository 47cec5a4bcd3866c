import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { PersonPayload, PostPayload, ThreadPayload } from '@runde/events';
import { type Caller, UsersService } from '@runde/identity';
import { AppError } from '@runde/platform';
import { PostEntity } from '../entities/post.entity';
import { ThreadEntity } from '../entities/thread.entity';
import { postView, threadView } from '../views';

/** Loads threads and posts with their people, shaped as the contract's views. */
@Injectable()
export class DiscussionReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  async thread(id: string, manager: EntityManager = this.dataSource.manager): Promise<ThreadEntity> {
    const thread = await manager.findOneBy(ThreadEntity, { id });
    if (!thread) throw AppError.notFound('Thread');
    return thread;
  }

  async post(id: string, manager: EntityManager = this.dataSource.manager): Promise<PostEntity> {
    const post = await manager.findOneBy(PostEntity, { id });
    if (!post) throw AppError.notFound('Post');
    return post;
  }

  /** The caller as shown next to their content; the authenticator usually loaded their organisation already. */
  async authorOf(caller: Caller): Promise<PersonPayload> {
    if (caller.organisation === undefined) return (await this.people([caller.id])).get(caller.id)!;
    return {
      id: caller.id,
      displayName: caller.displayName,
      organisation: caller.organisation,
      deleted: false,
    };
  }

  /** The post a new post replies to, with its author; 400 unless it is a post of the same thread. */
  async replyTarget(threadId: string, postId: string): Promise<{ post: PostEntity; author: PersonPayload }> {
    const post = await this.dataSource.manager.findOneBy(PostEntity, { id: postId });
    if (!post || post.threadId !== threadId) {
      throw AppError.validation('replyToId must be a post of this thread', [
        { field: 'replyToId', messages: ['not a post of this thread'] },
      ]);
    }
    const people = await this.people([post.authorId]);
    return { post, author: people.get(post.authorId)! };
  }

  async people(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, PersonPayload>> {
    return this.users.people(ids, manager);
  }

  async threadViews(
    threads: ThreadEntity[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ThreadPayload[]> {
    const people = await this.people(
      threads.map((t) => t.authorId),
      manager,
    );
    return threads.map((t) => threadView(t, people.get(t.authorId)!));
  }

  async threadViewOf(thread: ThreadEntity, manager?: EntityManager): Promise<ThreadPayload> {
    return (await this.threadViews([thread], manager))[0];
  }

  async postViews(
    posts: PostEntity[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PostPayload[]> {
    const replyIds = [...new Set(posts.map((p) => p.replyToId).filter((id): id is string => !!id))];
    const replies = replyIds.length ? await manager.findBy(PostEntity, { id: In(replyIds) }) : [];
    const replyById = new Map(replies.map((r) => [r.id, r]));
    const people = await this.people(
      [...posts.map((p) => p.authorId), ...replies.map((r) => r.authorId)],
      manager,
    );
    return posts.map((p) => {
      const reply = p.replyToId ? replyById.get(p.replyToId) : undefined;
      return postView(
        p,
        people.get(p.authorId)!,
        reply ? { post: reply, author: people.get(reply.authorId)! } : null,
      );
    });
  }

  async postViewOf(post: PostEntity, manager?: EntityManager): Promise<PostPayload> {
    return (await this.postViews([post], manager))[0];
  }
}
