import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppError, REDIS, RedisKeys } from '@runde/platform';

const FREE_FAILURES = 5;
const MAX_LOCK_SECONDS = 15 * 60;

/**
 * Slows down guessing one account's password: after 5 failed logins in a row, each further attempt must wait
 * 1, 2, 4, … seconds (up to 15 minutes) — also with the right password. A success clears it. Kept in Redis, so
 * it holds across api processes.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  private key(email: string) {
    return this.keys.key('login-fail', email);
  }

  async assertAllowed(email: string): Promise<void> {
    let ttlMs: number;
    try {
      ttlMs = await this.redis.pttl(`${this.key(email)}:lock`);
    } catch {
      throw AppError.unavailable();
    }
    if (ttlMs > 0) throw AppError.rateLimited(ttlMs / 1000);
  }

  async recordFailure(email: string): Promise<void> {
    const key = this.key(email);
    const failures = await this.redis.incr(key).catch(() => 0);
    await this.redis.expire(key, MAX_LOCK_SECONDS).catch(() => undefined);
    if (failures >= FREE_FAILURES) {
      const seconds = Math.min(2 ** (failures - FREE_FAILURES), MAX_LOCK_SECONDS);
      await this.redis.set(`${key}:lock`, '1', 'EX', seconds).catch(() => undefined);
    }
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.key(email), `${this.key(email)}:lock`).catch(() => undefined);
  }
}
