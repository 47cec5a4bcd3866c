import { Global, Inject, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { createRedis, failFastRedisOptions, waitUntilReady } from './redis-connections';
import { RedisKeys } from './redis-keys';
import { RateLimitService } from '../http/rate-limit.service';
import { REDIS } from './redis.tokens';

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // Commands of one tick go out in one write (rate limits of concurrent requests, presence updates).
        const redis = createRedis(config.REDIS_URL, {
          ...failFastRedisOptions(),
          enableAutoPipelining: true,
        });
        redis.on('error', () => undefined); // reported by /health; reconnects on its own
        return redis;
      },
    },
    RedisKeys,
    RateLimitService,
  ],
  exports: [REDIS, RedisKeys, RateLimitService],
})
export class RedisModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onModuleInit(): Promise<void> {
    if (!(await waitUntilReady(this.redis, 5000))) {
      this.logger.warn('Redis is not reachable yet; requests that need it answer 503 until it is');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
