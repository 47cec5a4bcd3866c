import { Injectable } from '@nestjs/common';
import { streamName, Transaction, type HideReason, type NotificationPayload } from '@runde/events';
import { NotificationSettingsService, UsersService } from '@runde/identity';
import { CATEGORY_OF } from './notification-category';
import { NoticeMails } from '../mail/notice-mails';
import { NotificationEntity, type NotificationKind } from '../entities/notification.entity';
import { NotificationContext, notificationView } from '../notifications/notification-view';

export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  /** The subject: a thread and its post, or a strategy draft (then `threadId` and `postId` are null). */
  threadId: string | null;
  postId: string | null;
  draftId?: string | null;
  organisationId?: string | null;
  consultationId?: string | null;
  needsSignalId?: string | null;
  actorId: string | null;
  sourceEventId: string;
  /**
   * When the post was written (its event's `occurredAt`): the notice's time, so that lists show notices in the
   * order things happened, also when the worker handles several events in one transaction.
   */
  occurredAt: string;
  /** `post_hidden`: the reason code and the moderators' note to the author. */
  reasonCode?: HideReason | null;
  note?: string | null;
}

/**
 * Writes notifications inside a consumer's transaction and appends `notification.created` on the recipient's
 * `user:<id>` stream in that same transaction. Mentions, replies and draft notices: one row per event and person
 * (`uq_notifications_source`). Followed threads: one unread row per person and thread, whose `count` grows
 * without a new row or event until it is read (`uq_notifications_unread_followed`).
 */
/** A notification to write, and what its view needs. */
export interface NotificationItem {
  draft: NotificationDraft;
  ctx: NotificationContext;
}

/**
 * Writes notifications inside a consumer's transaction and appends `notification.created` on the recipient's
 * `user:<id>` stream in that same transaction. Mentions, replies and draft notices: one row per event and person
 * (`uq_notifications_source`). Followed threads: one unread row per person and thread, whose `count` grows
 * without a new row or event until it is read (`uq_notifications_unread_followed`).
 *
 * Rows are written in one fixed order (person, then thread or draft, then post), whatever order the events
 * came in: two workers fanning out posts for the same people at once then take the row locks in the same order
 * and wait for each other instead of deadlocking. The events still go out in the order of the items.
 */
@Injectable()
export class NotificationWriter {
  constructor(
    private readonly settings: NotificationSettingsService,
    private readonly mails: NoticeMails,
    private readonly users: UsersService,
  ) {}

  async writeAll(tx: Transaction, items: NotificationItem[]): Promise<void> {
    items = await this.currentActors(tx, items);
    // Mails (at once, or for the digests) follow the e-mail choice, whatever the choice for the app.
    await this.mails.record(tx, items);
    items = await this.wanted(tx, items);
    if (items.length === 0) return;
    const order = items.map((_, i) => i).sort((a, b) => compareLockKeys(items[a].draft, items[b].draft));
    // The view of a new row as it was created (a later item of the batch may count it up).
    const created: Array<NotificationPayload | null> = items.map(() => null);
    for (const i of order) {
      const { draft, ctx } = items[i];
      const id =
        draft.kind === 'followed_thread' ? await this.coalesce(tx, draft) : await this.insertOnce(tx, draft);
      if (id)
        created[i] = notificationView(await tx.manager.findOneByOrFail(NotificationEntity, { id }), ctx);
    }
    for (const [i, notification] of created.entries()) {
      if (!notification) continue;
      const { draft } = items[i];
      tx.append(streamName('user', draft.userId), 'notification.created', { notification }, draft.actorId);
    }
  }

  /** The items whose person wants their kind in the app (notification settings, per category). */
  /**
   * The person who acted, as they are now, not as the event that is being consumed named them: the worker may get
   * to an event after its author erased their account (the erasure scrubs the stored log, not the job in flight),
   * and a notice or mail written then must not bring the name back.
   */
  private async currentActors(tx: Transaction, items: NotificationItem[]): Promise<NotificationItem[]> {
    const ids = items.filter((i) => i.ctx.actor && i.draft.actorId).map((i) => i.draft.actorId!);
    if (!ids.length) return items;
    // FOR SHARE: an erasure of one of them (which locks the account first) waits for this notice, or this for it.
    await tx.manager.query(`SELECT id FROM users WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`, [
      [...new Set(ids)],
    ]);
    const people = await this.users.people(ids, tx.manager);
    return items.map((i) =>
      i.ctx.actor && i.draft.actorId ? { ...i, ctx: { ...i.ctx, actor: people.get(i.draft.actorId)! } } : i,
    );
  }

  private async wanted(tx: Transaction, items: NotificationItem[]): Promise<NotificationItem[]> {
    if (items.length === 0) return items;
    const muted = await this.settings.mutedInApp(
      tx.manager,
      items.map((item) => item.draft.userId),
    );
    if (muted.size === 0) return items;
    return items.filter(({ draft }) => !muted.get(draft.userId)?.has(CATEGORY_OF[draft.kind]));
  }

  /**
   * Returns the new row's id, or null when this event already notified this person, or (mentions and replies) this
   * post did by another event: an edit's mention handled before the post's own event notifies once, not twice.
   */
  private async insertOnce(tx: Transaction, d: NotificationDraft): Promise<string | null> {
    const rows: Array<{ id: string }> = await tx.manager.query(
      `INSERT INTO notifications (user_id, kind, thread_id, post_id, draft_id, actor_id, source_event_id,
                                  created_at, updated_at, reason_code, note, organisation_id, consultation_id,
                                  needs_signal_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11, $12, $13)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        d.userId,
        d.kind,
        d.threadId,
        d.postId,
        d.draftId ?? null,
        d.actorId,
        d.sourceEventId,
        d.occurredAt,
        d.reasonCode ?? null,
        d.note ?? null,
        d.organisationId ?? null,
        d.consultationId ?? null,
        d.needsSignalId ?? null,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Returns the new row's id, or null when an unread one was counted up instead, or when this post was counted
   * for this person before (`followed_post_notices`: the event is being run again).
   */
  private async coalesce(tx: Transaction, d: NotificationDraft): Promise<string | null> {
    const rows: Array<{ id: string; inserted: boolean }> = await tx.manager.query(
      `WITH fresh AS (
         INSERT INTO followed_post_notices (user_id, post_id) VALUES ($1, $3)
         ON CONFLICT DO NOTHING RETURNING user_id
       )
       INSERT INTO notifications (user_id, kind, thread_id, post_id, actor_id, source_event_id, created_at, updated_at)
       SELECT $1, 'followed_thread', $2, $3, $4, $5, $6, $6 FROM fresh
       ON CONFLICT (user_id, thread_id) WHERE kind = 'followed_thread' AND read_at IS NULL
       DO UPDATE SET count = notifications.count + 1, actor_id = EXCLUDED.actor_id,
                     updated_at = GREATEST(notifications.updated_at, EXCLUDED.updated_at)
       RETURNING id, (xmax = 0) AS inserted`,
      [d.userId, d.threadId, d.postId, d.actorId, d.sourceEventId, d.occurredAt],
    );
    return rows[0]?.inserted ? rows[0].id : null;
  }
}

/** The order in which rows are locked: person, subject (thread or draft), post, kind. */
function compareLockKeys(a: NotificationDraft, b: NotificationDraft): number {
  return (
    compare(a.userId, b.userId) ||
    compare(subjectOf(a), subjectOf(b)) ||
    compare(a.postId ?? '', b.postId ?? '') ||
    compare(a.kind, b.kind)
  );
}

const subjectOf = (d: NotificationDraft) =>
  d.threadId ?? d.draftId ?? d.organisationId ?? d.needsSignalId ?? '';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
