import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { EventEnvelope, PostCommitHooks } from '@runde/events';
import { APP_CONFIG, AppConfig, createRedis } from '@runde/platform';
import { socketIoKey } from './redis-io.adapter';

/**
 * For processes without sockets (the worker): events they commit (notifications) or sweep up (left behind by a
 * crashed api process) reach the subscribers through the socket.io Redis emitter.
 */
@Injectable()
export class LiveEmitter implements OnModuleInit, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly emitter: Emitter;

  constructor(
    private readonly hooks: PostCommitHooks,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redis = createRedis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
    this.emitter = new Emitter(this.redis, { key: socketIoKey(config) });
  }

  onModuleInit(): void {
    this.hooks.register((events) => this.emit(events));
  }

  emit(events: EventEnvelope[]): void {
    if (this.redis.status !== 'ready') return; // clients repair from the event log when they see the gap
    for (const event of events) this.emitter.to(event.stream).emit('event', event);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
