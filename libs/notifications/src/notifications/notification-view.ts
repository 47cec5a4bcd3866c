import type { NotificationPayload, PersonPayload } from '@runde/events';
import type { NotificationEntity } from '../entities/notification.entity';

export interface NotificationContext {
  /** The title of the notification's thread or draft. */
  title: string;
  postSeq: number | null;
  actor: PersonPayload | null;
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
    actor: ctx.actor,
    count: n.count,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
