import { FaultRig } from '../support/fault-rig';
import { FaultTraffic } from '../support/fault-traffic';
import Redis from 'ioredis';
import { expectEventually } from '../support/expect-eventually';

jest.setTimeout(420_000);

const DAY_MS = 24 * 3600 * 1000;

/**
 * The scheduled work of consultation rounds and needs rounds across a killed worker: reminders and closes that fell
 * due while the worker was dead are done when it is back — each exactly once (exact counts in the ledgers and in
 * the event log), and a second kill and restart adds nothing.
 */
describe('faults: deadlines and reminders survive a killed worker', () => {
  let rig: FaultRig;
  let t: FaultTraffic;
  let owner: { id: string; token: string };
  let groupId: string;

  beforeAll(async () => {
    rig = await FaultRig.start();
    t = new FaultTraffic(rig);
    await t.setUp();
    const email = `lead-${Date.now()}@example.org`;
    const reg = await t.http('/api/v1/auth/register', {
      method: 'POST',
      body: JSON.stringify({ email, password: 'Integration braucht Zeit 42', displayName: 'Leitung' }),
    });
    owner = { id: (reg.body.user as { id: string }).id, token: reg.body.accessToken as string };
    // The ministry's admin steers needs rounds: made so directly in the database (as a platform admin would).
    await t.query(`UPDATE users SET is_admin = true WHERE id = $1`, [owner.id]);
    const group = await t.http('/api/v1/groups', {
      method: 'POST',
      token: owner.token,
      body: '{"name":"AG Fristen"}',
    });
    groupId = group.body.id as string;
  });
  afterAll(async () => {
    await t?.tearDown();
    await rig?.stop();
  });

  const count = async (sql: string, params: unknown[]) => (await t.query<{ n: number }>(sql, params))[0].n;

  it('a round’s reminders and close, and a needs period’s reminders, come once after the worker is back', async () => {
    const orgs = await t.query<{ id: string }>(
      `SELECT id FROM organisations WHERE kind IN ('Landkreis', 'Stadtkreis') ORDER BY kreisschluessel LIMIT 3`,
    );
    const ids = orgs.map((o) => o.id);
    // Round A: its "1 day before" reminders fall due in 65 s; round B closes then (a Frist must be a minute ahead).
    const soon = Date.now() + 65_000;
    const a = await t.http(`/api/v1/groups/${groupId}/consultations`, {
      method: 'POST',
      token: owner.token,
      body: JSON.stringify({
        title: 'Abfrage A',
        kind: 'survey',
        questions: [{ text: 'Wie viele Kursplätze fehlen?', type: 'number' }],
        addressees: { organisationIds: ids },
        deadline: new Date(soon + DAY_MS).toISOString(),
        remindDaysBefore: [1],
      }),
    });
    expect(a.status).toBe(201);
    const b = await t.http(`/api/v1/groups/${groupId}/consultations`, {
      method: 'POST',
      token: owner.token,
      body: JSON.stringify({
        title: 'Abfrage B',
        kind: 'survey',
        questions: [{ text: 'Reicht das Angebot?', type: 'yesno' }],
        addressees: { organisationIds: ids },
        deadline: new Date(soon).toISOString(),
        remindDaysBefore: [7],
      }),
    });
    expect(b.status).toBe(201);
    const roundA = a.body.id as string;
    const roundB = b.body.id as string;

    // The worker dies before anything is due.
    await rig.worker.kill();
    // A needs round made while it is dead: its period is opened at once by the api; its reminders (due now, the
    // period being due in a day) wait for the worker's tick.
    const needs = await t.http('/api/v1/needs/rounds', {
      method: 'POST',
      token: owner.token,
      body: JSON.stringify({
        title: 'Sofortmeldung',
        cadence: 'once',
        reporters: { organisationIds: ids },
        dueDays: 1,
        remindDaysBefore: [1],
      }),
    });
    expect(needs.status).toBe(201);
    const needsRound = needs.body.id as string;
    await expectEventually(async () => expect(Date.now()).toBeGreaterThan(soon + 1000), {
      timeoutMs: 90_000,
      intervalMs: 500,
    });
    expect(
      await count(`SELECT count(*)::int AS n FROM consultation_reminders WHERE consultation_id = $1`, [
        roundA,
      ]),
    ).toBe(0);

    rig.worker.start();
    const settled = async () => {
      expect(
        await count(`SELECT count(*)::int AS n FROM consultation_reminders WHERE consultation_id = $1`, [
          roundA,
        ]),
      ).toBe(3);
      expect(
        await count(`SELECT count(*)::int AS n FROM consultations WHERE id = $1 AND status = 'closed'`, [
          roundB,
        ]),
      ).toBe(1);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM needs_reminders m JOIN needs_periods p ON p.id = m.period_id WHERE p.round_id = $1`,
          [needsRound],
        ),
      ).toBe(3);
    };
    // The delayed jobs survived in Redis; the minute's sweep and tick find the rest.
    await expectEventually(settled, { timeoutMs: 150_000, intervalMs: 1000 });

    const events = async () => ({
      reminded: await count(
        `SELECT count(*)::int AS n FROM domain_events WHERE type = 'consultation.reminded' AND data->>'consultationId' = $1`,
        [roundA],
      ),
      closed: await count(
        `SELECT count(*)::int AS n FROM domain_events WHERE type = 'consultation.closed' AND stream = $1`,
        [`consultation:${roundB}`],
      ),
      needsReminded: await count(
        `SELECT count(*)::int AS n FROM domain_events e JOIN needs_periods p ON p.id = (e.data->'period'->>'id')::uuid
          WHERE e.type = 'needs_period.reminded' AND p.round_id = $1`,
        [needsRound],
      ),
      periods: await count(`SELECT count(*)::int AS n FROM needs_periods WHERE round_id = $1`, [needsRound]),
    });
    expect(await events()).toEqual({ reminded: 3, closed: 1, needsReminded: 3, periods: 1 });

    // Killed again and back: nothing is done twice, also after the restarted worker's sweep and tick have run.
    await rig.worker.kill();
    const restarted = Date.now();
    rig.worker.start();
    await expectEventually(
      async () => {
        const done = await finishedSince(rig.redis.url, restarted);
        expect(done).toEqual(expect.arrayContaining(['consultation-sweep', 'needs-tick']));
      },
      { timeoutMs: 150_000, intervalMs: 2000 },
    );
    expect(await events()).toEqual({ reminded: 3, closed: 1, needsReminded: 3, periods: 1 });
    expect(rig.api.crashes).toBe(0);
  });
});

/** The names of the maintenance jobs that finished since `since` (read from the rig's own Redis). */
async function finishedSince(url: string, since: number): Promise<string[]> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const names: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', '*:maintenance:completed', 'COUNT', 100);
      cursor = next;
      for (const key of keys) {
        const ids = await redis.zrangebyscore(key, since, '+inf');
        const prefix = key.slice(0, -'completed'.length);
        for (const id of ids) {
          const name = await redis.hget(`${prefix}${id}`, 'name');
          if (name) names.push(name);
        }
      }
    } while (cursor !== '0');
    return names;
  } finally {
    redis.disconnect();
  }
}
