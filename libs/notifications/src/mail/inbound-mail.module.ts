import { Module } from '@nestjs/common';
import { DiscussionModule } from '@runde/discussion';
import { InboundReplies } from './inbound/inbound-replies';
import { InboundSmtpServer } from './inbound/inbound-smtp.server';
import { NotificationsModule } from '../notifications.module';

/**
 * Replies by e-mail: the inbound SMTP endpoint (INBOUND_SMTP_PORT), run by the api process only — importing it
 * into a second kind of process would bind the port twice.
 */
@Module({
  imports: [DiscussionModule, NotificationsModule],
  providers: [InboundReplies, InboundSmtpServer],
  exports: [InboundSmtpServer],
})
export class InboundMailModule {}
