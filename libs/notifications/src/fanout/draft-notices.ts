import { Injectable } from '@nestjs/common';
import type { EventEnvelope, PersonPayload, Transaction } from '@runde/events';
import { UsersService } from '@runde/identity';
import { NoticeAccess } from '../access/notice-access';
import type { DraftNotificationKind } from '../entities/notification.entity';
import { NotificationWriter } from './notification-writer';

/**
 * What happens on a strategy draft that its people would otherwise only see with the draft open: a new comment or
 * suggestion notifies whoever started the draft, a reply in a comment thread everyone who wrote in that thread
 * before, and a decision on a suggestion its author. Never the person who acted, never someone who may no longer
 * read the draft; once per event and person.
 */
@Injectable()
export class DraftNotices {
  constructor(
    private readonly access: NoticeAccess,
    private readonly writer: NotificationWriter,
    private readonly users: UsersService,
  ) {}

  async onCommentAdded(event: EventEnvelope<'draft.comment_added'>, tx: Transaction): Promise<void> {
    const { comment } = event.data;
    // A new comment: who started the draft. A reply: who wrote in its thread before.
    const rows = await tx.manager.query<Array<{ title: string; people: string[] }>>(
      `SELECT d.title, CASE WHEN $2::uuid IS NULL THEN ARRAY[d.created_by::text] ELSE ARRAY(
         SELECT DISTINCT c.author_id FROM draft_comments c
          WHERE (c.id = $2 OR c.parent_id = $2) AND c.id <> $3 AND c.author_id IS NOT NULL
       )::text[] END AS people
       FROM drafts d WHERE d.id = $1`,
      [comment.draftId, comment.parentId, comment.id],
    );
    if (!rows.length) return;
    const kind = comment.parentId ? 'draft_reply' : 'draft_comment';
    await this.notify(tx, event, kind, comment.draftId, rows[0].title, rows[0].people, comment.author);
  }

  async onSuggestionAdded(event: EventEnvelope<'draft.suggestion_added'>, tx: Transaction): Promise<void> {
    const { suggestion } = event.data;
    const draft = await draftOf(tx, suggestion.draftId);
    if (!draft) return;
    await this.notify(
      tx,
      event,
      'draft_suggestion',
      draft.id,
      draft.title,
      [draft.startedBy],
      suggestion.author,
    );
  }

  async onSuggestionDecided(
    event: EventEnvelope<'draft.suggestion_accepted' | 'draft.suggestion_rejected'>,
    tx: Transaction,
  ): Promise<void> {
    const { suggestion } = event.data;
    const draft = await draftOf(tx, suggestion.draftId);
    if (!draft) return;
    const kind = event.type === 'draft.suggestion_accepted' ? 'suggestion_accepted' : 'suggestion_rejected';
    const decidedBy = event.data.decision.decidedBy;
    const actor = (await this.users.people([decidedBy])).get(decidedBy) ?? null;
    await this.notify(tx, event, kind, draft.id, draft.title, [suggestion.authorId], actor);
  }

  private async notify(
    tx: Transaction,
    event: EventEnvelope,
    kind: DraftNotificationKind,
    draftId: string,
    title: string,
    people: string[],
    actor: PersonPayload | null,
  ): Promise<void> {
    const actorId = actor?.id ?? event.actorId;
    const readers = await this.access.readersOf(
      tx.manager,
      'draft',
      draftId,
      people.filter((id) => id !== actorId),
    );
    await this.writer.writeAll(
      tx,
      [...readers].map((userId) => ({
        draft: {
          userId,
          kind,
          threadId: null,
          postId: null,
          draftId,
          actorId,
          sourceEventId: event.id,
          occurredAt: event.occurredAt,
        },
        ctx: { title, postSeq: null, actor },
      })),
    );
  }
}

/** A draft's title and who started it, or null when it is gone. */
async function draftOf(
  tx: Transaction,
  draftId: string,
): Promise<{ id: string; title: string; startedBy: string } | null> {
  const rows = await tx.manager.query<Array<{ id: string; title: string; started_by: string }>>(
    `SELECT id, title, created_by AS started_by FROM drafts WHERE id = $1`,
    [draftId],
  );
  return rows[0] ? { id: rows[0].id, title: rows[0].title, startedBy: rows[0].started_by } : null;
}
