import { Module } from '@nestjs/common';
import { NeedsAccess } from '@runde/needs';
import { NoticeAccess } from './access/notice-access';
import { NotificationWriter } from './fanout/notification-writer';
import { NotificationsConsumer } from './fanout/notifications.consumer';
import { ConsultationNotices } from './fanout/consultation-notices';
import { NeedsNotices } from './fanout/needs-notices';
import { DraftNotices } from './fanout/draft-notices';
import { NotificationMails } from './fanout/notification-mails';
import { ModerationNotices } from './fanout/moderation-notices';
import { OrganisationNotices } from './fanout/organisation-notices';
import { PostFanout } from './fanout/post-fanout';
import { AuthorFollows } from './follows/author-follows';
import { FollowsController } from './follows/follows.controller';
import { FollowsService } from './follows/follows.service';
import { MailDigests } from './mail/mail-digests';
import { MailTokens } from './mail/mail-tokens';
import { MailUnsubscribe } from './mail/mail-unsubscribe';
import { NoticeMails } from './mail/notice-mails';
import { OutgoingMail } from './mail/outgoing-mail';
import { MentionResolver } from './mentions/mention-resolver';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { OverviewController } from './overview/overview.controller';
import { OverviewQueries } from './overview/overview-queries';
import { OverviewService } from './overview/overview.service';
import { NotificationsPersonalData } from './privacy/notifications-personal-data';
import { ReadMarkersController } from './reads/read-markers.controller';
import { ReadMarkersService } from './reads/read-markers.service';

/**
 * Following, read markers, mentions and notifications. The api serves the routes; authors follow their threads
 * in the transaction that writes the thread or post; in the worker, the consumer of `post.created` writes the
 * notifications (with `notification.created` events).
 */
@Module({
  controllers: [FollowsController, ReadMarkersController, NotificationsController, OverviewController],
  providers: [
    // The needs radar's rule of who sees a signal (stateless; the notices about signals follow it).
    NeedsAccess,
    AuthorFollows,
    NoticeAccess,
    MentionResolver,
    NotificationWriter,
    PostFanout,
    DraftNotices,
    ModerationNotices,
    OrganisationNotices,
    ConsultationNotices,
    NeedsNotices,
    NotificationMails,
    MailTokens,
    OutgoingMail,
    NoticeMails,
    MailDigests,
    MailUnsubscribe,
    NotificationsConsumer,
    FollowsService,
    ReadMarkersService,
    NotificationsService,
    NotificationsPersonalData,
    OverviewQueries,
    OverviewService,
  ],
  exports: [MailTokens, OutgoingMail, MailUnsubscribe, MailDigests],
})
export class NotificationsModule {}
