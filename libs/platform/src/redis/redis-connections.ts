import { Redis, RedisOptions } from 'ioredis';

/**
 * Options for a connection that answers "unavailable" at once while Redis is down,
 * instead of queueing commands until the request hangs.
 */
export function failFastRedisOptions(): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
}

/** Options for long-lived blocking connections (BullMQ workers): they wait for Redis to come back. */
export function blockingRedisOptions(): RedisOptions {
  return {
    maxRetriesPerRequest: null,
    enableReadyCheck: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
}

export function createRedis(url: string, options: RedisOptions): Redis {
  return new Redis(url, options);
}

/** Waits until a connection is ready, or gives up after `timeoutMs` (the caller decides what that means). */
export async function waitUntilReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.once('ready', onReady);
  });
}
