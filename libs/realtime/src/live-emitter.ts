import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { EventEnvelope, PostCommitHooks } from '@runde/events';
import { APP_CONFIG, AppConfig, createRedis, failFastRedisOptions } from '@runde/platform';
import { accessNarrowedBy } from '@runde/groups';
import { RECHECK_EVENT, RecheckFilter, recheckFilterOf } from './recheck';
import { socketIoKey } from './redis-io.adapter';

/**
 * For processes without sockets (the worker): events they commit (notifications) or sweep up (left behind by a
 * crashed api process) reach the subscribers through the socket.io Redis emitter.
 *
 * The emitter calls `publish()` on its client and drops the promise. A publish in flight when Redis goes away
 * fails (ioredis gives up on it after its retry, or refuses it once the connection is closing), and a dropped
 * promise that fails is an unhandled rejection, which ends the process. So the emitter gets a client whose only
 * method, `publish`, catches: an event that does not reach Redis is lost to live delivery only, and the
 * subscribers fetch it from the event log when they see the gap in `seq`.
 */
@Injectable()
export class LiveEmitter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LiveEmitter');
  private readonly redis: Redis;
  private readonly emitter: Emitter;
  /** Whether the last publish failed: one warning per outage, not one per event. */
  private failing = false;

  constructor(
    private readonly hooks: PostCommitHooks,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redis = createRedis(config.REDIS_URL, failFastRedisOptions());
    this.redis.on('error', () => undefined);
    this.emitter = new Emitter(
      { publish: (channel: string, message: string | Buffer) => this.publish(channel, message) },
      { key: socketIoKey(config) },
    );
  }

  onModuleInit(): void {
    this.hooks.register((events) => this.emit(events));
  }

  emit(events: EventEnvelope[]): void {
    if (this.redis.status !== 'ready') return; // clients repair from the event log when they see the gap
    for (const event of events) this.emitter.to(event.stream).emit('event', event);
    // What the delivered events take away (a member removed, a topic made group-only) is revoked on every api
    // process, as the api does for the events it delivers itself (RealtimeGateway.recheck).
    const filters = new Map<string, RecheckFilter>();
    for (const event of events) {
      const narrowed = accessNarrowedBy(event);
      if (narrowed) filters.set(JSON.stringify(narrowed), recheckFilterOf(narrowed));
    }
    for (const filter of filters.values()) this.emitter.serverSideEmit(RECHECK_EVENT, filter);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Never rejects (see the class comment). */
  private publish(channel: string, message: string | Buffer): Promise<void> {
    return this.redis.publish(channel, message).then(
      () => {
        this.failing = false;
      },
      (error: unknown) => {
        if (this.failing) return;
        this.failing = true;
        this.logger.warn(
          { err: error },
          'live events do not reach Redis; subscribers catch up from the event log',
        );
      },
    );
  }
}
