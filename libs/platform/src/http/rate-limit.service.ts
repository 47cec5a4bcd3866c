import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppError } from '../errors/app-error';
import { REDIS } from '../redis/redis.tokens';
import { RedisKeys } from '../redis/redis-keys';

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
  private readonly hits: HitsCommand;

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
      result = await this.hits(
        rules.length,
        ...rules.map((rule) => this.keys.key('rl', rule.name, subject)),
        ...rules.map((rule) => String(rule.windowSeconds * 1000)),
      );
    } catch {
      throw AppError.unavailable('Rate limiting is unavailable (Redis)');
    }
    return rules.map((_, i) => ({
      count: Number(result[2 * i]),
      retryAfterSeconds: Math.max(1, Math.ceil(Number(result[2 * i + 1]) / 1000)),
    }));
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
