import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ALL_ENTITIES } from '@runde/database';
import { EventsModule } from '@runde/events';
import { DiscussionModule } from '@runde/discussion';
import { ConsultationsModule } from '@runde/consultations';
import { DraftsModule } from '@runde/drafts';
import { NeedsModule } from '@runde/needs';
import { SiteModule } from '@runde/site';
import { GroupsModule } from '@runde/groups';
import { AuthGuard, IdentityModule } from '@runde/identity';
import { InboundMailModule, NotificationsModule } from '@runde/notifications';
import { RealtimeModule } from '@runde/realtime';
import { SearchModule } from '@runde/search';
import { ConfigModule, DatabaseModule, HealthService, LoggingModule, RedisModule } from '@runde/platform';
import { AdminGate } from './admin/admin-gate';
import { AdminSessionController } from './admin/admin-session.controller';
import { HealthController } from './health/health.controller';
import { ApiRateLimitGuard } from './http/api-rate-limit.guard';
import { MetaController } from './meta/meta.controller';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule.forRoot({ entities: ALL_ENTITIES }),
    RedisModule,
    EventsModule,
    IdentityModule,
    GroupsModule,
    DiscussionModule,
    NotificationsModule,
    InboundMailModule,
    SearchModule,
    DraftsModule,
    ConsultationsModule,
    NeedsModule,
    SiteModule,
    RealtimeModule,
  ],
  controllers: [HealthController, MetaController, AdminSessionController],
  providers: [
    HealthService,
    AdminGate,
    // Order matters: who is calling first, then how often.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: ApiRateLimitGuard },
  ],
})
export class AppModule {}
