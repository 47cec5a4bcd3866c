import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { streamName, UnitOfWork } from '@runde/events';
import { ThreadEntity } from '@runde/discussion';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { AppError } from '@runde/platform';
import { NotificationEntity } from '../entities/notification.entity';

export interface ReadMarkerView {
  threadId: string;
  lastReadSeq: number;
  unreadCount: number;
}

/**
 * How far each person has read each thread: `thread_reads`, which thread lists turn into `unreadCount`; and which
 * drafts they have opened since their notices about them arrived.
 */
@Injectable()
export class ReadMarkersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
  ) {}

  /**
   * Moves the caller's marker up to `seq` (never down, never past the last post). Read up to the last post, the
   * thread's unread followed-thread notification is read too.
   */
  async markRead(caller: Caller, threadId: string, seq: number): Promise<ReadMarkerView> {
    await this.policy.assert(caller, 'read', 'thread', threadId, 'Thread');
    return this.uow.run(async (tx) => {
      const thread = await tx.manager.findOne(ThreadEntity, {
        where: { id: threadId },
        select: { id: true, lastPostSeq: true },
      });
      if (!thread) throw AppError.notFound('Thread');
      const before: Array<{ last_read_seq: number }> = await tx.manager.query(
        `SELECT last_read_seq FROM thread_reads WHERE user_id = $1 AND thread_id = $2 FOR UPDATE`,
        [caller.id, threadId],
      );
      const rows: Array<{ last_read_seq: number }> = await tx.manager.query(
        `INSERT INTO thread_reads (user_id, thread_id, last_read_seq, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (user_id, thread_id) DO UPDATE
           SET last_read_seq = GREATEST(thread_reads.last_read_seq, EXCLUDED.last_read_seq),
               updated_at = CASE WHEN EXCLUDED.last_read_seq > thread_reads.last_read_seq
                                 THEN now() ELSE thread_reads.updated_at END
         RETURNING last_read_seq`,
        [caller.id, threadId, Math.min(seq, thread.lastPostSeq)],
      );
      const lastReadSeq = rows[0].last_read_seq;
      if (lastReadSeq > (before[0]?.last_read_seq ?? -1)) {
        tx.append(streamName('user', caller.id), 'thread.read', { threadId, lastReadSeq }, caller.id);
      }
      if (lastReadSeq >= thread.lastPostSeq) {
        await tx.manager.update(
          NotificationEntity,
          { userId: caller.id, threadId, kind: 'followed_thread', readAt: IsNull() },
          { readAt: () => 'now()' },
        );
      }
      return { threadId, lastReadSeq, unreadCount: Math.max(0, thread.lastPostSeq - lastReadSeq) };
    });
  }

  /**
   * The caller has the draft open: their unread notices about it are read. Writes `draft.read` on their
   * `user:<id>` stream when that changed anything, so their other tabs and devices follow along.
   */
  async markDraftRead(caller: Caller, draftId: string): Promise<{ draftId: string; marked: number }> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    return this.uow.run(async (tx) => {
      const result = await tx.manager.update(
        NotificationEntity,
        { userId: caller.id, draftId, readAt: IsNull() },
        { readAt: () => 'now()' },
      );
      const marked = result.affected ?? 0;
      if (marked > 0) tx.append(streamName('user', caller.id), 'draft.read', { draftId, marked }, caller.id);
      return { draftId, marked };
    });
  }
}
