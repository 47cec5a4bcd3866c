import { Module } from '@nestjs/common';
import { ALL_ENTITIES } from '@runde/database';
import { EventsModule, EventsWorkerModule } from '@runde/events';
import { DiscussionModule } from '@runde/discussion';
import { ConsultationsModule } from '@runde/consultations';
import { DraftsModule } from '@runde/drafts';
import { NeedsModule } from '@runde/needs';
import { GroupsModule } from '@runde/groups';
import { IdentityModule } from '@runde/identity';
import { NotificationsModule } from '@runde/notifications';
import { RealtimeEmitterModule } from '@runde/realtime';
import { ConfigModule, DatabaseModule, LoggingModule, RedisModule } from '@runde/platform';

/** The worker process: BullMQ consumers of domain events and maintenance jobs. No HTTP. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule.forRoot({ entities: ALL_ENTITIES }),
    RedisModule,
    EventsModule,
    EventsWorkerModule,
    IdentityModule,
    GroupsModule,
    DiscussionModule,
    NotificationsModule,
    RealtimeEmitterModule,
    DraftsModule,
    ConsultationsModule,
    NeedsModule,
  ],
})
export class WorkerModule {}
