import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppError, REDIS, RedisKeys } from '@runde/platform';

/**
 * Slow mode: at most one post per person per N seconds in a thread. The interval is a Redis key with a TTL
 * (SET NX EX), so it holds across api processes; the remaining time comes back as `retryAfterSeconds`.
 */
@Injectable()
export class SlowMode {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async claim(threadId: string, userId: string, seconds: number): Promise<void> {
    if (seconds <= 0) return;
    const key = this.keys.key('slow', threadId, userId);
    let claimed: string | null;
    try {
      claimed = await this.redis.set(key, '1', 'EX', seconds, 'NX');
    } catch {
      throw AppError.unavailable();
    }
    if (claimed === 'OK') return;
    const ttl = await this.redis.pttl(key).catch(() => seconds * 1000);
    throw AppError.rateLimited(Math.max(ttl, 1) / 1000);
  }

  /** Gives the slot back when the post was not accepted after all (locked thread, bad reply id). */
  async release(threadId: string, userId: string): Promise<void> {
    await this.redis.del(this.keys.key('slow', threadId, userId)).catch(() => undefined);
  }
}
