import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { EventEnvelope, PostCommitHooks } from '@runde/events';
import type { AppConfig } from '@runde/platform';
import { LiveEmitter, socketIoKey } from '@runde/realtime';
import { expectEventually } from '../support/expect-eventually';
import { RedisServer } from '../support/redis-server';

const probe = (n: number): EventEnvelope =>
  ({
    id: `probe-${n}.`,
    stream: 'thread:live-emitter-test',
    seq: n,
    type: 'system.probe',
    occurredAt: new Date().toISOString(),
    actorId: null,
    data: { note: 'emitted in a loop' },
  }) as EventEnvelope;

/** The number of the probe an emitter message carries (socket.io's MessagePack keeps strings as they are). */
const probeNumber = (message: Buffer): number =>
  Number(/probe-(\d+)\./.exec(message.toString('latin1'))?.[1]);

/**
 * The worker's emitter publishes without awaiting (the socket.io emitter drops the promise). When Redis dies with
 * publishes in flight, those fail; the process must stay alive, and emit again once Redis is back.
 */
describe('LiveEmitter when Redis is killed while it emits', () => {
  let redis: RedisServer;
  let emitter: LiveEmitter;
  let subscriber: Redis;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    subscriber?.disconnect();
    await emitter?.onApplicationShutdown();
    await redis.stop();
    process.off('unhandledRejection', onUnhandled);
  });

  it('no publish rejects unhandled, and after Redis is back the subscribers hear it again', async () => {
    const config = { REDIS_URL: redis.url, REDIS_PREFIX: `${process.env.REDIS_PREFIX}_emitter` } as AppConfig;
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    emitter = new LiveEmitter(new PostCommitHooks(), config);
    subscriber = new Redis(redis.url);
    subscriber.on('error', () => undefined);
    const received: number[] = [];
    subscriber.on('pmessageBuffer', (_pattern: Buffer, _channel: Buffer, message: Buffer) =>
      received.push(probeNumber(message)),
    );
    await subscriber.psubscribe(`${socketIoKey(config)}#/#*`);

    let emitted = 0;
    let running = true;
    const loop = () => {
      if (!running) return;
      emitter.emit(Array.from({ length: 20 }, () => probe(++emitted)));
      setImmediate(loop);
    };
    loop();
    try {
      await expectEventually(() => expect(received.length).toBeGreaterThan(200));

      await redis.stop();
      // The publishes that were in flight have failed (or, without the fix, rejected unhandled).
      const failed = () =>
        warn.mock.calls.some(([, message]) => String(message).includes('do not reach Redis'));
      await expectEventually(() => expect(failed() || unhandled.length > 0).toBe(true));
      expect(unhandled).toEqual([]);

      await redis.start();
      const before = emitted;
      await expectEventually(() => expect(received.some((n) => n > before)).toBe(true), {
        timeoutMs: 15_000,
      });
    } finally {
      running = false;
      warn.mockRestore();
    }
    expect(unhandled).toEqual([]);
  });
});
