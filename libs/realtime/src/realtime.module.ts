import { Module } from '@nestjs/common';
import { DiscussionModule } from '@runde/discussion';
import { DraftsModule } from '@runde/drafts';
import { DraftChannel } from './draft-channel';
import { LiveEmitter } from './live-emitter';
import { PresenceService } from './presence.service';
import { RealtimeGateway } from './realtime.gateway';
import { SubscriptionsService } from './subscriptions.service';

/** The socket.io gateway: subscriptions with catch-up, live events, presence and typing. */
@Module({
  imports: [DraftsModule, DiscussionModule],
  providers: [RealtimeGateway, SubscriptionsService, PresenceService, DraftChannel],
  exports: [RealtimeGateway, PresenceService],
})
export class RealtimeModule {}

/** For the worker: live delivery of the events it commits or sweeps, without a socket server. */
@Module({ providers: [LiveEmitter], exports: [LiveEmitter] })
export class RealtimeEmitterModule {}
