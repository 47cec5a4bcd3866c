import { Injectable } from '@nestjs/common';
import type { EventEnvelope, HideReason, Transaction } from '@runde/events';
import { UsersService } from '@runde/identity';
import { NoticeAccess } from '../access/notice-access';
import { NotificationWriter } from './notification-writer';

/**
 * Moderation that people would otherwise only find by looking: a new flag tells the owners and moderators of the
 * flag's group (never the one who flagged, and only while the flag is still open), a post hidden or shown again
 * tells its author (never when they did it themselves), with the reason and the moderators' note. The author's
 * notice names no moderator (the moderators act as one, as the thread shows it); the moderators' notice names who
 * flagged (their queue does too). No notice carries the post's text; only people who may read the thread hear
 * of it; once per event and person.
 */
@Injectable()
export class ModerationNotices {
  constructor(
    private readonly access: NoticeAccess,
    private readonly writer: NotificationWriter,
    private readonly users: UsersService,
  ) {}

  async onFlagCreated(event: EventEnvelope<'flag.created'>, tx: Transaction): Promise<void> {
    // The flag as it is now: its group moves with its thread; a flag resolved meanwhile asks nobody for anything.
    const rows = await tx.manager.query<
      Array<{
        group_id: string;
        reporter_id: string;
        thread_id: string;
        title: string;
        post_seq: number;
        moderators: string[];
      }>
    >(
      `SELECT f.group_id, f.reporter_id, f.thread_id, t.title, p.seq AS post_seq, ARRAY(
         SELECT m.user_id FROM group_members m
          WHERE m.group_id = f.group_id AND m.role IN ('owner', 'moderator') AND m.user_id <> f.reporter_id
       )::text[] AS moderators
       FROM flags f JOIN threads t ON t.id = f.thread_id JOIN posts p ON p.id = f.post_id
       WHERE f.id = $1 AND f.status = 'open'`,
      [event.data.flagId],
    );
    const flag = rows[0];
    if (!flag) return;
    const readers = await this.access.readersOf(tx.manager, 'thread', flag.thread_id, flag.moderators);
    const actor = (await this.users.people([flag.reporter_id])).get(flag.reporter_id) ?? null;
    await this.writer.writeAll(
      tx,
      readers.map((userId) => ({
        draft: {
          userId,
          kind: 'post_flagged' as const,
          threadId: flag.thread_id,
          postId: event.data.postId,
          actorId: flag.reporter_id,
          sourceEventId: event.id,
          occurredAt: event.occurredAt,
        },
        ctx: { title: flag.title, postSeq: flag.post_seq, actor, groupId: flag.group_id },
      })),
    );
  }

  async onPostHiddenOrShown(
    event: EventEnvelope<'post.hidden' | 'post.unhidden'>,
    tx: Transaction,
  ): Promise<void> {
    const { post } = event.data;
    if (post.authorId === event.actorId) return;
    const hidden = event.type === 'post.hidden';
    const reasonCode = hidden ? (event.data as { reasonCode: HideReason }).reasonCode : null;
    // The note travels only here, never in the thread's event: read it from the post while this hiding stands
    // (the same reason by the same moderator). If the post was shown again or hidden anew since, that change
    // has its own notice, and this one keeps its reason without a note that no longer applies.
    const rows = await tx.manager.query<Array<{ title: string; note: string | null }>>(
      `SELECT t.title, CASE WHEN p.hidden AND p.hidden_reason = $3 AND p.hidden_by = $4 THEN p.hidden_note END AS note
         FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = $1 AND p.thread_id = $2`,
      [post.id, post.threadId, reasonCode, event.actorId],
    );
    if (!rows.length) return;
    const readers = await this.access.readersOf(tx.manager, 'thread', post.threadId, [post.authorId]);
    await this.writer.writeAll(
      tx,
      readers.map((userId) => ({
        draft: {
          userId,
          kind: hidden ? ('post_hidden' as const) : ('post_unhidden' as const),
          threadId: post.threadId,
          postId: post.id,
          actorId: null,
          sourceEventId: event.id,
          occurredAt: event.occurredAt,
          reasonCode,
          note: hidden ? rows[0].note : null,
        },
        ctx: { title: rows[0].title, postSeq: post.seq, actor: null },
      })),
    );
  }
}
