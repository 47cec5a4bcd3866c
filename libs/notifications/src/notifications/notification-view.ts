import type { NotificationPayload, PersonPayload } from '@runde/events';
import type { NotificationEntity } from '../entities/notification.entity';

export interface NotificationContext {
  /** The title of the notification's thread or draft, or the name of its organisation. */
  title: string;
  postSeq: number | null;
  actor: PersonPayload | null;
  /** `post_flagged`: the group whose moderation queue holds the flag (the thread's group). */
  groupId?: string | null;
  /** Organisation notices: the person's role there now (null: not a confirmed member). */
  role?: 'admin' | 'member' | 'deputy' | null;
  /** Consultation notices: the round's title. */
  consultationTitle?: string | null;
  /** `needs_signal`: what the signal says. */
  needsSignalSummary?: string | null;
}

/** A notification as its recipient sees it (REST and the `notification.created` event). */
export function notificationView(n: NotificationEntity, ctx: NotificationContext): NotificationPayload {
  return {
    id: n.id,
    kind: n.kind,
    threadId: n.threadId,
    threadTitle: n.threadId ? ctx.title : null,
    postId: n.postId,
    postSeq: ctx.postSeq,
    draftId: n.draftId,
    draftTitle: n.draftId ? ctx.title : null,
    organisationId: n.organisationId,
    organisationName: n.organisationId ? ctx.title : null,
    role: n.organisationId ? (ctx.role ?? null) : null,
    consultationId: n.consultationId,
    consultationTitle: n.consultationId ? (ctx.consultationTitle ?? null) : null,
    needsSignalId: n.needsSignalId,
    needsSignalSummary: n.needsSignalId ? (ctx.needsSignalSummary ?? null) : null,
    actor: ctx.actor,
    count: n.count,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
    groupId: n.kind === 'post_flagged' ? (ctx.groupId ?? null) : null,
    reasonCode: n.reasonCode,
    note: n.note,
  };
}
