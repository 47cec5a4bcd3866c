import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { streamName, ThreadPayload, UnitOfWork } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { decodeCursor, Page, toPage } from '@runde/platform';
import { CreateThreadDto } from '../dto/discussion.dto';
import { ThreadEntity } from '../entities/thread.entity';
import { TopicEntity } from '../entities/topic.entity';
import { PostBatchWriter } from '../posts/post-batch-writer';
import { DiscussionReader } from './discussion-reader';

export interface ThreadListItem extends ThreadPayload {
  unreadCount: number;
  lastReadSeq: number;
}

type ThreadCursor = { p: boolean; a: string; id: string };
const isThreadCursor = (v: unknown): v is ThreadCursor =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as ThreadCursor).p === 'boolean' &&
  typeof (v as ThreadCursor).a === 'string' &&
  !Number.isNaN(Date.parse((v as ThreadCursor).a)) &&
  typeof (v as ThreadCursor).id === 'string' &&
  /^[0-9a-f-]{36}$/i.test((v as ThreadCursor).id);

@Injectable()
export class ThreadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly reader: DiscussionReader,
    private readonly posts: PostBatchWriter,
  ) {}

  async create(caller: Caller, topicId: string, dto: CreateThreadDto): Promise<ThreadPayload> {
    await this.policy.assert(caller, 'write', 'topic', topicId, 'Topic');
    return this.uow.run(async (tx) => {
      const topic = await tx.manager.findOneByOrFail(TopicEntity, { id: topicId });
      const created = await tx.manager.save(
        tx.manager.create(ThreadEntity, {
          topicId,
          groupId: topic.groupId,
          title: dto.title,
          authorId: caller.id,
          locked: false,
          pinned: false,
          slowModeSeconds: 0,
          postCount: 1,
          lastPostSeq: 1,
        }),
      );
      await this.posts.writeFirst(tx, created.id, await this.reader.authorOf(caller), dto.body);
      const thread = await tx.manager.findOneByOrFail(ThreadEntity, { id: created.id });
      const view = await this.reader.threadViewOf(thread, tx.manager);
      tx.append(streamName('topic', topicId), 'thread.created', { thread: view }, caller.id);
      return view;
    });
  }

  async get(caller: Caller, threadId: string): Promise<ThreadListItem> {
    await this.policy.assert(caller, 'read', 'thread', threadId, 'Thread');
    const thread = await this.reader.thread(threadId);
    const [view] = await this.withUnread(caller, await this.reader.threadViews([thread]));
    return view;
  }

  /** Pinned first, then by last activity, newest first; with the caller's unread count. */
  async list(caller: Caller, topicId: string, limit = 20, cursor?: string): Promise<Page<ThreadListItem>> {
    await this.policy.assert(caller, 'read', 'topic', topicId, 'Topic');
    const after = decodeCursor(cursor, isThreadCursor);
    const qb = this.dataSource
      .getRepository(ThreadEntity)
      .createQueryBuilder('t')
      .where('t.topic_id = :topicId', { topicId })
      .orderBy('t.pinned', 'DESC')
      .addOrderBy('t.last_activity_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(limit + 1);
    if (after) {
      // Keyset on (pinned DESC, last_activity_at DESC, id DESC).
      qb.andWhere(
        `(t.pinned < :p OR (t.pinned = :p AND (t.last_activity_at < :a OR (t.last_activity_at = :a AND t.id < :id))))`,
        { p: after.p, a: after.a, id: after.id },
      );
    }
    const rows = await qb.getMany();
    const page = toPage(
      rows,
      limit,
      (t) => t,
      (t) => ({ p: t.pinned, a: t.lastActivityAt.toISOString(), id: t.id }),
    );
    const items = await this.withUnread(caller, await this.reader.threadViews(page.items));
    return { items, nextCursor: page.nextCursor };
  }

  private async withUnread(caller: Caller, threads: ThreadPayload[]): Promise<ThreadListItem[]> {
    if (threads.length === 0) return [];
    const reads: Array<{ thread_id: string; last_read_seq: number }> = await this.dataSource.query(
      `SELECT thread_id, last_read_seq FROM thread_reads WHERE user_id = $1 AND thread_id = ANY($2::uuid[])`,
      [caller.id, threads.map((t) => t.id)],
    );
    const lastRead = new Map(reads.map((r) => [r.thread_id, r.last_read_seq]));
    return threads.map((t) => {
      const seen = Math.min(lastRead.get(t.id) ?? 0, t.lastPostSeq);
      return { ...t, lastReadSeq: seen, unreadCount: t.lastPostSeq - seen };
    });
  }
}
