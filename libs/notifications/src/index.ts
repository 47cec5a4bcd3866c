import { FollowedPostNoticeEntity } from './entities/followed-post-notice.entity';
import { NotificationMailEntity } from './entities/notification-mail.entity';
import { InboundReplyEntity } from './mail/inbound-reply.entity';
import { MailDigestEntity } from './mail/mail-digest.entity';
import { MailDigestItemEntity } from './mail/mail-digest-item.entity';
export * from './entities/follow.entity';
export * from './entities/thread-read.entity';
export * from './entities/notification.entity';
export * from './mentions/mention-parser';

import { FollowEntity } from './entities/follow.entity';
import { NotificationEntity } from './entities/notification.entity';
import { ThreadReadEntity } from './entities/thread-read.entity';
export const NOTIFICATIONS_ENTITIES = [
  FollowEntity,
  ThreadReadEntity,
  NotificationEntity,
  FollowedPostNoticeEntity,
  NotificationMailEntity,
  MailDigestItemEntity,
  MailDigestEntity,
  InboundReplyEntity,
];
export * from './notifications.module';
export * from './mail/inbound-mail.module';
export { InboundSmtpServer } from './mail/inbound/inbound-smtp.server';
export { MailDigests } from './mail/mail-digests';
export { MailUnsubscribe, unsubscribePage } from './mail/mail-unsubscribe';
export { UNSUBSCRIBE_PATH } from './mail/outgoing-mail';
