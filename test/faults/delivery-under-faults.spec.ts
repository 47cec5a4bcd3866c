import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { RealtimeClient, type Envelope } from '@runde/client';
import { expectEventually } from '../support/expect-eventually';
import { FaultRig } from '../support/fault-rig';

jest.setTimeout(300_000);

interface Person {
  id: string;
  token: string;
}

/**
 * Faults under a steady stream of posts that mention someone, with two live subscribers: the worker killed
 * mid-batch, Redis restarted without its data, the api killed. After each, every acknowledged post is stored, each
 * subscriber has every sequence number exactly once, the mention notices converge to exactly one per post, and no
 * process needed a manual restart (the killed one aside). Recovery times go to test/artifacts/faults.json
 * (docs/reliability.md).
 */
describe('faults: delivery survives worker, Redis and api failures', () => {
  let rig: FaultRig;
  let db: Client;
  let poster: Person;
  let mentioned: Person;
  let threadId: string;
  const acked = new Set<string>();
  const subscribers: Array<{ client: RealtimeClient; seqs: number[] }> = [];
  const timings: Record<string, Record<string, number>> = {};

  async function http(path: string, init: RequestInit & { token?: string } = {}) {
    const res = await fetch(`${rig.url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      signal: AbortSignal.timeout(5000),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
  }

  async function register(name: string): Promise<Person> {
    const email = `${name.toLowerCase()}-${Date.now()}@example.org`;
    const res = await http('/api/v1/auth/register', {
      method: 'POST',
      body: JSON.stringify({ email, password: 'Integration braucht Zeit 42', displayName: name }),
    });
    expect(res.status).toBe(201);
    return { id: (res.body.user as { id: string }).id, token: res.body.accessToken as string };
  }

  /** Posts mentioning `mentioned` until stopped; only answers of 201 count as acknowledged. */
  function load(): { stop: () => Promise<number> } {
    let running = true;
    let sent = 0;
    const lane = async () => {
      while (running) {
        sent += 1;
        try {
          const res = await http(`/api/v1/threads/${threadId}/posts`, {
            method: 'POST',
            token: poster.token,
            body: JSON.stringify({ body: `Frage ${sent} an @${mentioned.id}` }),
          });
          if (res.status === 201) acked.add(res.body.id as string);
        } catch {
          // the api is away: this one was never acknowledged
        }
        await new Promise((resolve) => setTimeout(resolve, 40)); // pacing of the load, ~40 posts/s in all
      }
    };
    const lanes = [lane(), lane()];
    return {
      stop: async () => {
        running = false;
        await Promise.all(lanes);
        return sent;
      },
    };
  }

  async function healthyWithin(ms: number): Promise<number> {
    const from = Date.now();
    await expectEventually(async () => expect(await rig.health()).toBe(200), {
      timeoutMs: ms,
      intervalMs: 100,
    });
    return Date.now() - from;
  }

  /** After a fault: everything converges to exact counts. Returns how long each part took (ms). */
  async function converge(phase: string): Promise<void> {
    const from = Date.now();
    // One more post once all is well: a subscriber that missed the end notices the gap with it.
    await expectEventually(
      async () => {
        const res = await http(`/api/v1/threads/${threadId}/posts`, {
          method: 'POST',
          token: poster.token,
          body: JSON.stringify({ body: `Schluss ${phase} an @${mentioned.id}` }),
        });
        expect(res.status).toBe(201);
        acked.add(res.body.id as string);
      },
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    const stored = new Set(
      (await db.query(`SELECT id FROM posts WHERE thread_id = $1`, [threadId])).rows.map(
        (r) => r.id as string,
      ),
    );
    for (const id of acked) expect(stored.has(id)).toBe(true);
    const mentioning = Number(
      (
        await db.query(`SELECT count(*) AS n FROM posts WHERE thread_id = $1 AND body LIKE $2`, [
          threadId,
          `%@${mentioned.id}%`,
        ])
      ).rows[0].n,
    );
    await expectEventually(
      async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n, count(DISTINCT post_id)::int AS posts FROM notifications
            WHERE user_id = $1 AND thread_id = $2 AND kind = 'mention'`,
          [mentioned.id, threadId],
        );
        expect(rows[0]).toEqual({ n: mentioning, posts: mentioning });
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const notified = Date.now() - from;
    const head = Number(
      (await db.query(`SELECT head FROM event_streams WHERE stream = $1`, [`thread:${threadId}`])).rows[0]
        .head,
    );
    await expectEventually(
      () => {
        for (const s of subscribers) {
          expect(s.seqs.length).toBe(head);
          expect([...s.seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
        }
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    timings[phase] = {
      ...timings[phase],
      notificationsConvergedMs: notified,
      livePostsConvergedMs: Date.now() - from,
    };
    timings[phase].posts = stored.size;
  }

  beforeAll(async () => {
    rig = await FaultRig.start();
    db = new Client({ connectionString: rig.databaseUrl });
    await db.connect();
    await healthyWithin(30_000);
    const owner = await register('Olga');
    poster = await register('Paul');
    mentioned = await register('Mira');
    const group = await http('/api/v1/groups', {
      method: 'POST',
      token: owner.token,
      body: '{"name":"AG Fehler"}',
    });
    const groupId = group.body.id as string;
    for (const p of [poster, mentioned]) {
      const added = await http(`/api/v1/groups/${groupId}/members`, {
        method: 'POST',
        token: owner.token,
        body: JSON.stringify({ userId: p.id, role: 'member' }),
      });
      expect(added.status).toBe(201);
    }
    const topic = await http(`/api/v1/groups/${groupId}/topics`, {
      method: 'POST',
      token: owner.token,
      body: JSON.stringify({ title: 'Fehlerbilder', visibility: 'group' }),
    });
    const thread = await http(`/api/v1/topics/${topic.body.id as string}/threads`, {
      method: 'POST',
      token: owner.token,
      body: JSON.stringify({ title: 'Unter Last', body: 'Los geht es' }),
    });
    threadId = thread.body.id as string;
    for (const person of [owner, mentioned]) {
      const seqs: number[] = [];
      const client = new RealtimeClient({ url: rig.url, token: () => person.token, gapTimeoutMs: 500 });
      const ack = await client.subscribe(
        `thread:${threadId}`,
        { onEvent: (e: Envelope) => seqs.push(e.seq) },
        0,
      );
      expect(ack).toMatchObject({ ok: true });
      subscribers.push({ client, seqs });
    }
  });

  afterAll(async () => {
    for (const s of subscribers) s.client.close();
    await db?.end();
    await rig?.stop();
    mkdirSync(join(__dirname, '..', 'artifacts'), { recursive: true });
    writeFileSync(join(__dirname, '..', 'artifacts', 'faults.json'), JSON.stringify(timings, null, 2));
  });

  it('worker SIGKILL mid-batch: restarted, it finishes every job; nothing lost, nothing twice', async () => {
    const traffic = load();
    await expectEventually(() => expect(acked.size).toBeGreaterThan(30), { timeoutMs: 20_000 });
    await rig.worker.kill();
    const killedAt = Date.now();
    await expectEventually(() => expect(acked.size).toBeGreaterThan(60), { timeoutMs: 20_000 });
    rig.worker.start();
    timings.workerKill = { downMs: Date.now() - killedAt };
    await expectEventually(() => expect(acked.size).toBeGreaterThan(90), { timeoutMs: 20_000 });
    await traffic.stop();
    await converge('workerKill');
    expect(rig.api.crashes).toBe(0);
  });

  it('Redis restarted without its data: /health recovers within 15 s; nothing lost, nothing twice', async () => {
    const traffic = load();
    const before = acked.size;
    // A backlog of jobs that only Redis holds: the worker is frozen (not killed) while posts keep coming.
    rig.worker.pause();
    await expectEventually(() => expect(acked.size).toBeGreaterThan(before + 30), { timeoutMs: 20_000 });
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM event_outbox WHERE published_at IS NOT NULL`,
    );
    expect(rows[0].n).toBeGreaterThan(0); // published, not yet processed: these jobs are lost with Redis' data
    await rig.redis.stop();
    rig.worker.resume();
    await expectEventually(async () => expect(await rig.health()).not.toBe(200), { timeoutMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 3000)); // the outage lasts a while (the fault itself)
    await rig.redis.start(); // empty: no queues, no schedulers, no socket.io rooms' state
    timings.redisRestartEmpty = { healthRecoveredMs: await healthyWithin(15_000) };
    const after = acked.size;
    await expectEventually(() => expect(acked.size).toBeGreaterThan(after + 30), { timeoutMs: 20_000 });
    await traffic.stop();
    await converge('redisRestartEmpty');
    expect(rig.api.crashes).toBe(0);
    expect(rig.worker.crashes).toBe(0);
  });

  it('api SIGKILL: restarted, it serves again; committed posts reach everyone once', async () => {
    const traffic = load();
    const before = acked.size;
    await expectEventually(() => expect(acked.size).toBeGreaterThan(before + 30), { timeoutMs: 20_000 });
    await rig.api.kill();
    const killedAt = Date.now();
    rig.api.start();
    timings.apiKill = { healthRecoveredMs: (await healthyWithin(15_000)) + 0, downMs: Date.now() - killedAt };
    const after = acked.size;
    await expectEventually(() => expect(acked.size).toBeGreaterThan(after + 30), { timeoutMs: 20_000 });
    await traffic.stop();
    await converge('apiKill');
    expect(rig.worker.crashes).toBe(0);
  });
});
