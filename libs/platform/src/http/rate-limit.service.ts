import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-code';
import { REDIS } from '../redis/redis.tokens';
import { RedisKeys } from '../redis/redis-keys';
import { LocalRateLimiter } from './local-rate-limiter';

// For each key: INCR the window counter, start its expiry with the first hit. Returns {count1, msLeft1, count2, …}.
// Sent once and then called by its SHA (ioredis' defineCommand), so a request pays one short round trip.
const HITS = `
local out = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('PEXPIRE', key, ARGV[i]) end
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then redis.call('PEXPIRE', key, ARGV[i]); ttl = tonumber(ARGV[i]) end
  out[#out + 1] = count
  out[#out + 1] = ttl
end
return out`;

type HitsCommand = (numKeys: number, ...keysThenWindows: string[]) => Promise<number[]>;

/**
 * The `Retry-After` of a 503 while Redis is down: its connection tries again every two seconds at most, so a
 * Redis that is back counts again within about that.
 */
export const REDIS_DOWN_RETRY_AFTER_SECONDS = 5;

export interface RateLimitRule {
  /** Name of the limit, part of the key (e.g. `login`). */
  name: string;
  limit: number;
  windowSeconds: number;
  /**
   * While Redis cannot count: `refuse` (the default) answers `503`; `count-locally` counts in this process instead
   * (LocalRateLimiter). A hit falls back only when every rule it counts against allows it, so a limit that guards
   * passwords or writes is never skipped or weakened by an outage.
   */
  whenRedisDown?: 'refuse' | 'count-locally';
}

/**
 * Fixed-window counters in Redis, so a limit holds across every api process. Throws `429 RATE_LIMITED` with the
 * seconds until the window ends. While Redis is down it throws `503 SERVICE_UNAVAILABLE` (with `Retry-After`)
 * rather than letting everything through, unless the rules allow counting in this process for the time being.
 */
@Injectable()
export class RateLimitService {
  private readonly hits: HitsCommand;
  private readonly local = new LocalRateLimiter();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {
    if (!('runde_rate_hits' in redis)) redis.defineCommand('runde_rate_hits', { lua: HITS });
    const command = (redis as unknown as { runde_rate_hits: HitsCommand }).runde_rate_hits;
    this.hits = command.bind(redis);
  }

  /** Counts one hit against each rule (one round trip); the counts and seconds left, in the rules' order. */
  async hitAll(
    rules: RateLimitRule[],
    subject: string,
  ): Promise<Array<{ count: number; retryAfterSeconds: number }>> {
    let result: number[];
    try {
      // While the connection is down, ioredis refuses at once (no offline queue): no wait for a timeout.
      result = await this.hits(
        rules.length,
        ...rules.map((rule) => this.keys.key('rl', rule.name, subject)),
        ...rules.map((rule) => String(rule.windowSeconds * 1000)),
      );
    } catch {
      return this.hitLocally(rules, subject);
    }
    if (this.local.size > 0) this.local.clear(); // Redis counts again
    return rules.map((_, i) => ({
      count: Number(result[2 * i]),
      retryAfterSeconds: Math.max(1, Math.ceil(Number(result[2 * i + 1]) / 1000)),
    }));
  }

  /** Redis cannot count: in this process if every rule allows it, else 503. */
  private hitLocally(
    rules: RateLimitRule[],
    subject: string,
  ): Array<{ count: number; retryAfterSeconds: number }> {
    const refused = new AppError(
      ErrorCode.ServiceUnavailable,
      'Rate limiting is unavailable (Redis); try again shortly',
      undefined,
      REDIS_DOWN_RETRY_AFTER_SECONDS,
    );
    if (!rules.every((rule) => rule.whenRedisDown === 'count-locally')) throw refused;
    return rules.map((rule) => {
      const hit = this.local.hit(`${rule.name}:${subject}`, rule.windowSeconds);
      if (!hit) throw refused;
      return hit;
    });
  }

  async hit(rule: RateLimitRule, subject: string): Promise<{ count: number; retryAfterSeconds: number }> {
    return (await this.hitAll([rule], subject))[0];
  }

  async consume(rule: RateLimitRule, subject: string): Promise<void> {
    await this.consumeAll([rule], subject);
  }

  /** Counts against every rule at once; 429 with the longest wait among the rules that are over their limit. */
  async consumeAll(rules: RateLimitRule[], subject: string): Promise<void> {
    const results = await this.hitAll(rules, subject);
    const over = results.filter((r, i) => r.count > rules[i].limit);
    if (over.length) throw AppError.rateLimited(Math.max(...over.map((r) => r.retryAfterSeconds)));
  }

  async reset(rule: RateLimitRule, subject: string): Promise<void> {
    await this.redis.del(this.keys.key('rl', rule.name, subject)).catch(() => undefined);
  }

  async count(rule: RateLimitRule, subject: string): Promise<number> {
    const value = await this.redis.get(this.keys.key('rl', rule.name, subject)).catch(() => null);
    return value ? Number(value) : 0;
  }
}
