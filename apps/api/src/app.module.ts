import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { EventsModule } from '@runde/events';
import { ALL_ENTITIES } from '@runde/database';
import {
  ConfigModule,
  DatabaseModule,
  HealthService,
  LoggingModule,
  RateLimitService,
  RedisModule,
} from '@runde/platform';
import { AdminGate } from './admin/admin-gate';
import { HealthController } from './health/health.controller';
import { MetaController } from './meta/meta.controller';
import { ApiRateLimitGuard } from './http/api-rate-limit.guard';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule.forRoot({ entities: ALL_ENTITIES }),
    RedisModule,
    EventsModule,
  ],
  controllers: [HealthController, MetaController],
  providers: [
    HealthService,
    RateLimitService,
    AdminGate,
    { provide: APP_GUARD, useClass: ApiRateLimitGuard },
  ],
})
export class AppModule {}
