import { Redis } from 'ioredis';
import {
  AppConfig,
  createRedis,
  failFastRedisOptions,
  RateLimitRule,
  RateLimitService,
  RedisKeys,
  toErrorBody,
  waitUntilReady,
} from '@runde/platform';
import { RedisServer } from '../support/redis-server';

const UNAVAILABLE = {
  statusCode: 503,
  code: 'SERVICE_UNAVAILABLE',
  message: 'Rate limiting is unavailable (Redis); try again shortly',
  retryAfterSeconds: 5,
};

/** RateLimitService on a Redis of its own (connected as RedisModule connects it), which the test kills. */
describe('rate limits while Redis is down', () => {
  let server: RedisServer;
  let redis: Redis;
  let limits: RateLimitService;
  const reads: RateLimitRule = { name: 'api', limit: 2, windowSeconds: 60, whenRedisDown: 'count-locally' };
  const writes: RateLimitRule = { name: 'write', limit: 100, windowSeconds: 60 };
  const login: RateLimitRule = { name: 'login', limit: 10, windowSeconds: 60 };

  beforeAll(async () => {
    server = await RedisServer.start();
    redis = createRedis(server.url, { ...failFastRedisOptions(), enableAutoPipelining: true });
    redis.on('error', () => undefined);
    expect(await waitUntilReady(redis, 5000)).toBe(true);
    const config = { REDIS_PREFIX: `${process.env.REDIS_PREFIX}_rl` } as AppConfig;
    limits = new RateLimitService(redis, new RedisKeys(config));
  });
  afterAll(async () => {
    redis.disconnect();
    await server.stop();
  });

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'passed',
      (error: unknown) => toErrorBody(error),
    );

  it('refuses with 503 and Retry-After unless every rule may be counted locally; counts those in the process', async () => {
    await limits.consume(login, 'ip:1');
    await server.stop();

    // Password checks and writes: never uncounted.
    expect(await refusal(limits.consume(login, 'ip:1'))).toEqual(UNAVAILABLE);
    expect(await refusal(limits.consumeAll([reads, writes], 'u:1'))).toEqual(UNAVAILABLE);
    // Reads: counted in this process, up to their limit.
    expect(await refusal(limits.consume(reads, 'u:1'))).toBe('passed');
    expect(await refusal(limits.consume(reads, 'u:1'))).toBe('passed');
    expect(await refusal(limits.consume(reads, 'u:1'))).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: 'Too many requests, retry in 60s',
      retryAfterSeconds: 60,
    });
    expect(await refusal(limits.consume(reads, 'u:2'))).toBe('passed');

    // Back (empty, as a Redis without persistence comes back): Redis counts again.
    await server.start();
    expect(await waitUntilReady(redis, 15_000)).toBe(true);
    expect(await limits.hit(reads, 'u:1')).toEqual({ count: 1, retryAfterSeconds: 60 });
    expect(await limits.hit(login, 'ip:1')).toEqual({ count: 1, retryAfterSeconds: 60 });
  });
});
