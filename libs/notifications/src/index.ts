import { FollowedPostNoticeEntity } from './entities/followed-post-notice.entity';
import { NotificationMailEntity } from './entities/notification-mail.entity';
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
];
export * from './notifications.module';
