import { Client } from 'pg';
import { RealtimeClient, type Envelope } from '@runde/client';
import { expectEventually } from './expect-eventually';
import type { FaultRig } from './fault-rig';

interface Person {
  id: string;
  token: string;
}

/**
 * What the fault tests do to a running rig and check afterwards: a group, a thread and two live subscribers (the
 * client library, reconnecting and catching up by itself); a steady stream of posts that mention one person; and,
 * after a fault, the exact outcome — every acknowledged post stored, one mention notice per stored post, every
 * sequence number once at each subscriber.
 */
export class FaultTraffic {
  readonly acked = new Set<string>();
  readonly timings: Record<string, Record<string, number>> = {};
  private readonly subscribers: Array<{ client: RealtimeClient; seqs: number[] }> = [];
  private db!: Client;
  private poster!: Person;
  private mentioned!: Person;
  private threadId!: string;

  constructor(private readonly rig: FaultRig) {}

  async setUp(): Promise<void> {
    this.db = new Client({ connectionString: this.rig.databaseUrl });
    this.db.on('error', () => undefined); // a test may restart the server under it: queries then reconnect
    await this.db.connect();
    await this.healthyWithin(60_000); // a first start on a busy machine
    const owner = await this.register('Olga');
    this.poster = await this.register('Paul');
    this.mentioned = await this.register('Mira');
    const group = await this.http('/api/v1/groups', {
      method: 'POST',
      token: owner.token,
      body: '{"name":"AG Fehler"}',
    });
    const groupId = group.body.id as string;
    for (const p of [this.poster, this.mentioned]) {
      const added = await this.http(`/api/v1/groups/${groupId}/members`, {
        method: 'POST',
        token: owner.token,
        body: JSON.stringify({ userId: p.id, role: 'member' }),
      });
      if (added.status !== 201) throw new Error(`adding a member answered ${added.status}`);
    }
    const topic = await this.http(`/api/v1/groups/${groupId}/topics`, {
      method: 'POST',
      token: owner.token,
      body: JSON.stringify({ title: 'Fehlerbilder', visibility: 'group' }),
    });
    const thread = await this.http(`/api/v1/topics/${topic.body.id as string}/threads`, {
      method: 'POST',
      token: owner.token,
      body: JSON.stringify({ title: 'Unter Last', body: 'Los geht es' }),
    });
    this.threadId = thread.body.id as string;
    for (const person of [owner, this.mentioned]) {
      const seqs: number[] = [];
      const client = new RealtimeClient({ url: this.rig.url, token: () => person.token, gapTimeoutMs: 500 });
      const ack = await client.subscribe(
        `thread:${this.threadId}`,
        { onEvent: (e: Envelope) => seqs.push(e.seq) },
        0,
      );
      if (!ack.ok) throw new Error(`subscribing failed: ${JSON.stringify(ack)}`);
      this.subscribers.push({ client, seqs });
    }
  }

  async tearDown(): Promise<void> {
    for (const s of this.subscribers) s.client.close();
    await this.db?.end().catch(() => undefined);
  }

  /** A query on the rig's database; after a Postgres restart the connection is opened again. */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return expectEventually(
      async () => {
        try {
          return (await this.db.query(sql, params)).rows as T[];
        } catch (error) {
          await this.db.end().catch(() => undefined);
          this.db = new Client({ connectionString: this.rig.databaseUrl });
          this.db.on('error', () => undefined);
          await this.db.connect();
          throw error;
        }
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }

  async http(path: string, init: RequestInit & { token?: string } = {}) {
    const res = await fetch(`${this.rig.url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      signal: AbortSignal.timeout(5000),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
  }

  private async register(name: string): Promise<Person> {
    const email = `${name.toLowerCase()}-${Date.now()}@example.org`;
    const res = await this.http('/api/v1/auth/register', {
      method: 'POST',
      body: JSON.stringify({ email, password: 'Integration braucht Zeit 42', displayName: name }),
    });
    if (res.status !== 201) throw new Error(`registering ${name} answered ${res.status}`);
    return { id: (res.body.user as { id: string }).id, token: res.body.accessToken as string };
  }

  /** Posts mentioning one person until stopped (two lanes, ~40 posts/s); only 201s count as acknowledged. */
  load(): { stop: () => Promise<void> } {
    let running = true;
    let sent = 0;
    const lane = async () => {
      while (running) {
        sent += 1;
        try {
          const res = await this.http(`/api/v1/threads/${this.threadId}/posts`, {
            method: 'POST',
            token: this.poster.token,
            body: JSON.stringify({ body: `Frage ${sent} an @${this.mentioned.id}` }),
          });
          if (res.status === 201) this.acked.add(res.body.id as string);
        } catch {
          // nothing answered: never acknowledged
        }
        await new Promise((resolve) => setTimeout(resolve, 40)); // the load's pace
      }
    };
    const lanes = [lane(), lane()];
    return {
      stop: async () => {
        running = false;
        await Promise.all(lanes);
      },
    };
  }

  /** Waits until `acked` has grown by `more`. */
  async ackedMore(more: number): Promise<void> {
    const target = this.acked.size + more;
    await expectEventually(() => expect(this.acked.size).toBeGreaterThanOrEqual(target), {
      timeoutMs: 60_000,
    });
  }

  /** Milliseconds until /health answers 200 (fails after `ms`). */
  async healthyWithin(ms: number): Promise<number> {
    const from = Date.now();
    await expectEventually(async () => expect(await this.rig.health()).toBe(200), {
      timeoutMs: ms,
      intervalMs: 100,
    });
    return Date.now() - from;
  }

  /** After a fault: everything converges to exact counts; how long that took goes into `timings[phase]`. */
  async converge(phase: string): Promise<void> {
    const from = Date.now();
    // One more post once all is well: a subscriber that missed the end notices the gap with it.
    await expectEventually(
      async () => {
        const res = await this.http(`/api/v1/threads/${this.threadId}/posts`, {
          method: 'POST',
          token: this.poster.token,
          body: JSON.stringify({ body: `Schluss ${phase} an @${this.mentioned.id}` }),
        });
        expect(res.status).toBe(201);
        this.acked.add(res.body.id as string);
      },
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    const stored = new Set(
      (await this.query<{ id: string }>(`SELECT id FROM posts WHERE thread_id = $1`, [this.threadId])).map(
        (r) => r.id,
      ),
    );
    expect([...this.acked].filter((id) => !stored.has(id))).toEqual([]);
    const [{ n: mentioning }] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM posts WHERE thread_id = $1 AND body LIKE $2`,
      [this.threadId, `%@${this.mentioned.id}%`],
    );
    await expectEventually(
      async () => {
        const [row] = await this.query(
          `SELECT count(*)::int AS n, count(DISTINCT post_id)::int AS posts FROM notifications
            WHERE user_id = $1 AND thread_id = $2 AND kind = 'mention'`,
          [this.mentioned.id, this.threadId],
        );
        expect(row).toEqual({ n: mentioning, posts: mentioning });
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const notified = Date.now() - from;
    const [{ head }] = await this.query<{ head: string }>(
      `SELECT head FROM event_streams WHERE stream = $1`,
      [`thread:${this.threadId}`],
    );
    await expectEventually(
      () => {
        for (const s of this.subscribers) {
          expect(s.seqs.length).toBe(Number(head));
          expect([...s.seqs].sort((a, b) => a - b)).toEqual(
            Array.from({ length: Number(head) }, (_, i) => i + 1),
          );
        }
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    this.timings[phase] = {
      ...this.timings[phase],
      notificationsConvergedMs: notified,
      liveConvergedMs: Date.now() - from,
      postsStored: stored.size,
    };
  }
}
