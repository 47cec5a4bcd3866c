import type { NotificationPayload, PersonPayload } from '@runde/events';
import type { NotificationEntity } from '../entities/notification.entity';

export interface NotificationContext {
  threadTitle: string;
  postSeq: number | null;
  actor: PersonPayload | null;
}

/** A notification as its recipient sees it (REST and the `notification.created` event). */
export function notificationView(n: NotificationEntity, ctx: NotificationContext): NotificationPayload {
  return {
    id: n.id,
    kind: n.kind,
    threadId: n.threadId,
    threadTitle: ctx.threadTitle,
    postId: n.postId,
    postSeq: ctx.postSeq,
    actor: ctx.actor,
    count: n.count,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
