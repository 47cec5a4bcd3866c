import request from 'supertest';
import { streamName, UnitOfWork } from '@runde/events';
import { as, givenGroup, TestGroup } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { RedisServer } from '../support/redis-server';
import { connectSocket, subscribe } from '../support/sockets';
import { startTestApp, TestApp, waitForQueuesToDrain } from '../support/test-app';

const UNAVAILABLE = {
  statusCode: 503,
  code: 'SERVICE_UNAVAILABLE',
  message: 'Rate limiting is unavailable (Redis); try again shortly',
  retryAfterSeconds: 5,
};

/**
 * The api and the worker on a Redis of their own, which the test kills and starts again (empty, as a Redis
 * without persistence comes back). While it is down, reads keep working; writes and sign-in answer 503 at once.
 */
describe('while Redis is down', () => {
  let redis: RedisServer;
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    redis = await RedisServer.start();
    app = await startTestApp({ worker: true, env: { REDIS_URL: redis.url } });
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(async () => {
    await app?.close();
    await redis.stop();
    process.off('unhandledRejection', onUnhandled);
  });

  it('reads answer 200, writes and sign-in 503 with Retry-After; once Redis is back, all works and is live again', async () => {
    const member = group.people.member;
    const thread = await givenThread(app, group.owner, topicId);
    const socket = await connectSocket(app, member.accessToken);
    try {
      expect(await subscribe(socket, `thread:${thread.id}`)).toMatchObject({ ok: true, head: 1 });
      // A quiet moment (the thread's event handled), so that what arrives later is what happened later.
      await waitForQueuesToDrain(app);
      await redis.stop();

      // Reads: the thread list and the topic list need no Redis.
      const threads = await as(app, member)
        .get(`/api/v1/topics/${topicId}/threads`)
        .timeout(5000)
        .expect(200);
      expect(JSON.stringify(threads.body)).toContain(thread.id);
      const topics = await as(app, member).get(`/api/v1/groups/${group.id}/topics`).timeout(5000).expect(200);
      expect(JSON.stringify(topics.body)).toContain(topicId);

      // A write: refused at once (the limit cannot be counted across processes), with when to try again.
      const post = await as(app, member)
        .post(`/api/v1/threads/${thread.id}/posts`)
        .send({ body: 'während des Ausfalls' })
        .timeout(5000);
      expect(post.status).toBe(503);
      expect(post.headers['retry-after']).toBe('5');
      expect(post.body).toEqual(UNAVAILABLE);

      // Sign-in checks a password: never without its throttling.
      const login = await request(app.url)
        .post('/api/v1/auth/login')
        .send({ email: member.email, password: member.password })
        .timeout(5000);
      expect(login.status).toBe(503);
      expect(login.headers['retry-after']).toBe('5');
      expect(login.body).toEqual(UNAVAILABLE);

      // Following a thread is a read too: the subscription and its catch-up work (presence waits for Redis).
      const late = await connectSocket(app, group.owner.accessToken);
      try {
        expect(await subscribe(late, `thread:${thread.id}`, 0)).toMatchObject({ ok: true, head: 1 });
      } finally {
        late.close();
      }

      const health = await request(app.url).get('/health').timeout(5000).expect(503);
      expect(health.body).toMatchObject({ checks: { redis: 'down', postgres: 'up' } });

      await redis.start();
      await expectEventually(() => request(app.url).get('/health').expect(200), { timeoutMs: 15_000 });
      const after = await givenPost(app, member, thread.id, 'nach dem Ausfall');
      expect(after.seq).toBe(2);
      await as(app, member)
        .post('/api/v1/auth/login')
        .send({ email: member.email, password: member.password })
        .expect(200);

      // Live again: the api's own delivery (seq 2), and the worker's emitter, which delivers what the outbox
      // sweep finds (seq 3, committed without relay as a crashed api process leaves it).
      await app.api.get(UnitOfWork).runWithoutRelay(async (tx) => {
        tx.append(streamName('thread', thread.id), 'system.probe', { note: 'nach dem Ausfall' }, null);
      });
      // At least once: the same event may come twice (the client library drops the second by `seq`).
      await expectEventually(() => expect([...new Set(socket.received.map((e) => e.seq))]).toEqual([2, 3]), {
        timeoutMs: 15_000,
      });
      expect(socket.received.find((e) => e.seq === 2)).toMatchObject({
        type: 'post.created',
        stream: `thread:${thread.id}`,
      });
    } finally {
      socket.close();
    }
    expect(unhandled).toEqual([]);
  });

  it('an api process shuts down while Redis is away, instead of waiting for it', async () => {
    const own = await RedisServer.start(); // not the one of the other test's app
    const other = await startTestApp({ env: { REDIS_URL: own.url } });
    try {
      const socket = await connectSocket(other, group.people.member.accessToken);
      const thread = await givenThread(other, group.owner, topicId);
      expect(await subscribe(socket, `thread:${thread.id}`)).toMatchObject({ ok: true });
      await own.stop();
      // Something for the socket.io adapter to hold while Redis is away: presence leaving as the socket goes.
      socket.close();
      const closed = other.close().then(() => 'closed');
      const stuck = new Promise((resolve) => setTimeout(resolve, 20_000, 'still closing').unref());
      expect(await Promise.race([closed, stuck])).toBe('closed');
    } finally {
      await own.stop();
    }
  }, 40_000);
});
