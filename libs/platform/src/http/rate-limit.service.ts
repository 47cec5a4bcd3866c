import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppError } from '../errors/app-error';
import { REDIS } from '../redis/redis.tokens';
import { RedisKeys } from '../redis/redis-keys';

// INCR the window counter; start its expiry with the first hit. Returns {count, msLeft}.
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

export interface RateLimitRule {
  /** Name of the limit, part of the key (e.g. `login`). */
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in Redis, so a limit holds across every api process. Throws `429 RATE_LIMITED` with the
 * seconds until the window ends; while Redis is down it throws `503 SERVICE_UNAVAILABLE` rather than letting
 * everything through.
 */
@Injectable()
export class RateLimitService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async hit(rule: RateLimitRule, subject: string): Promise<{ count: number; retryAfterSeconds: number }> {
    let result: [number, number];
    try {
      result = (await this.redis.eval(
        HIT,
        1,
        this.keys.key('rl', rule.name, subject),
        String(rule.windowSeconds * 1000),
      )) as [number, number];
    } catch {
      throw AppError.unavailable('Rate limiting is unavailable (Redis)');
    }
    return { count: result[0], retryAfterSeconds: Math.max(1, Math.ceil(result[1] / 1000)) };
  }

  async consume(rule: RateLimitRule, subject: string): Promise<void> {
    const { count, retryAfterSeconds } = await this.hit(rule, subject);
    if (count > rule.limit) throw AppError.rateLimited(retryAfterSeconds);
  }

  async reset(rule: RateLimitRule, subject: string): Promise<void> {
    await this.redis.del(this.keys.key('rl', rule.name, subject)).catch(() => undefined);
  }

  async count(rule: RateLimitRule, subject: string): Promise<number> {
    const value = await this.redis.get(this.keys.key('rl', rule.name, subject)).catch(() => null);
    return value ? Number(value) : 0;
  }
}
