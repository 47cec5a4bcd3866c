import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PostBatchWriter } from '@runde/discussion';
import { toErrorBody } from '@runde/platform';
import { startTestApp, TestApp } from '../support/test-app';
import { TcpProxy, viaProxy } from '../support/tcp-proxy';
import { expectEventually } from '../support/expect-eventually';

/** Postgres or Redis stopping: the api answers 503 fast instead of hanging, and recovers when they return. */
describe('when a dependency is down', () => {
  let app: TestApp;
  let redisProxy: TcpProxy;
  let pgProxy: TcpProxy;
  const saved = { ...process.env };

  beforeAll(async () => {
    const redisUrl = new URL(process.env.REDIS_URL!);
    const pgUrl = new URL(process.env.DATABASE_URL!);
    redisProxy = await new TcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379)).start();
    pgProxy = await new TcpProxy(pgUrl.hostname, Number(pgUrl.port || 5432)).start();
    process.env.REDIS_URL = viaProxy(process.env.REDIS_URL!, redisProxy);
    process.env.DATABASE_URL = viaProxy(process.env.DATABASE_URL!, pgProxy);
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
    await redisProxy.stop();
    await pgProxy.stop();
    process.env = saved;
  });

  it('Redis stopped: /health is 503, reads still answer, writes are 503 SERVICE_UNAVAILABLE within 2 s', async () => {
    await request(app.url).get('/api/v1/meta').expect(200);
    redisProxy.cut();
    const health = await request(app.url).get('/health').timeout(2000).expect(503);
    expect(health.body).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      checks: { redis: 'down', postgres: 'up' },
    });
    // More while Redis is down: test/http/redis-down.spec.ts.
    await request(app.url).get('/api/v1/meta').timeout(2000).expect(200);
    const write = await request(app.url).post('/api/v1/auth/refresh').send({}).timeout(2000).expect(503);
    expect(write.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });

    redisProxy.restore();
    await expectEventually(() => request(app.url).get('/health').expect(200), { timeoutMs: 10_000 });
    await request(app.url).get('/api/v1/meta').expect(200);
  });

  it('Postgres stopped: /health is 503 within 2 s, and it recovers', async () => {
    pgProxy.cut();
    const health = await request(app.url).get('/health').timeout(2000).expect(503);
    expect(health.body).toMatchObject({ checks: { postgres: 'down', redis: 'up' } });
    pgProxy.restore();
    await expectEventually(() => request(app.url).get('/health').expect(200), { timeoutMs: 10_000 });
  });

  it('Postgres stopped while posts wait for their group commit: all fail at once with 503, not one by one', async () => {
    const writer = app.api.get(PostBatchWriter);
    const runs = jest.spyOn(writer, 'writeBatch');
    const author = { id: randomUUID(), displayName: 'Jemand', organisation: null, deleted: false };
    pgProxy.cut();
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, () =>
          writer.submit({ threadId: randomUUID(), author, body: 'während des Ausfalls', replyTo: null }),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual(Array(5).fill('rejected'));
      for (const outcome of outcomes) {
        expect(toErrorBody((outcome as PromiseRejectedResult).reason).statusCode).toBe(503);
      }
      // One statement for the batch; no retry of each post against a database that is away.
      expect(runs).toHaveBeenCalledTimes(1);
    } finally {
      runs.mockRestore();
      pgProxy.restore();
    }
    await expectEventually(() => request(app.url).get('/health').expect(200), { timeoutMs: 10_000 });
  });
});
