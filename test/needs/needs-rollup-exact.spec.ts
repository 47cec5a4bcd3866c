import { FIELD_KEYS, NeedsAggregator, NeedsScheduler } from '@runde/needs';
import { as, type TestUser } from '../support/factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, waitForQueuesToDrain, type TestApp } from '../support/test-app';
import { givenOrgPerson } from '../consultations/consultation-support';
import { givenNeedsWorld, type NeedsWorld } from './needs-support';

jest.setTimeout(240_000);

/** A small seeded generator (mulberry32): the same reports on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}

const TRENDS = ['new', 'rising', 'stable', 'falling'] as const;

/**
 * The roll-up, every row of it: 60 reporters (the 44 districts, the three associations, 13 towns in random
 * districts) report over three monthly periods with random entries and visibilities, released through the API
 * (some only drafted, some Fehlanzeigen, some silent). Every row of needs_aggregates — both audiences, all levels —
 * equals a straight count over needs_entries, needs_reports and organisations; and a rebuild from the event log
 * gives the same rows.
 */
describe('needs roll-ups are exact', () => {
  let app: TestApp;
  let w: NeedsWorld;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    w = await givenNeedsWorld(app);
  });
  afterAll(() => app.close());

  it('match a straight count for 60 reporters over 3 periods, and a rebuild', async () => {
    const rnd = random(26);
    const reporters: string[] = w.districts.map((d) => d.id);
    for (const name of [
      'Landkreistag Baden-Württemberg',
      'Städtetag Baden-Württemberg',
      'Gemeindetag Baden-Württemberg',
    ])
      reporters.push(w.orgs.get(name)!);
    for (let i = 0; i < 13; i++) {
      const district = rnd.pick(w.districts);
      const town = await as(app, w.admin)
        .post('/api/v1/organisations')
        .send({
          name: `Stadt Prüfingen ${i}`,
          kind: 'town',
          parentId: district.id,
          ags: `${district.kreisschluessel}${String(100 + i).padStart(3, '0')}`,
        })
        .expect(201);
      reporters.push(town.body.id);
    }
    expect(reporters).toHaveLength(60);
    const leads = new Map<string, TestUser>();
    for (const id of reporters)
      leads.set(id, await givenOrgPerson(app, w.admin, id, rnd.next() < 0.5 ? 'admin' : 'deputy'));

    const round = await as(app, w.ministry)
      .post('/api/v1/needs/rounds')
      .send({
        title: 'Monatliche Bedarfsmeldung',
        cadence: 'monthly',
        reporters: { organisationIds: reporters },
        dueDays: 365,
      })
      .expect(201);
    // Two more periods: the scheduler's tick a month and two months on (nothing is due or closed yet).
    const scheduler = app.worker!.get(NeedsScheduler);
    const month = 31 * 24 * 3600 * 1000;
    expect((await scheduler.tick(new Date(Date.now() + month))).opened).toBe(1);
    expect((await scheduler.tick(new Date(Date.now() + 2 * month))).opened).toBe(1);
    const periods = (
      await as(app, w.ministry).get(`/api/v1/needs/rounds/${round.body.id}/periods`).expect(200)
    ).body.items as Array<{ id: string }>;
    expect(periods).toHaveLength(3);

    let released = 0;
    let entriesReleased = 0;
    const jobs: Array<() => Promise<void>> = [];
    for (const period of periods) {
      for (const orgId of reporters) {
        const roll = rnd.next();
        if (roll < 0.1) continue; // silent
        const nil = roll < 0.2;
        const draftOnly = roll >= 0.2 && roll < 0.3;
        const fields = [...FIELD_KEYS].sort(() => rnd.next() - 0.5).slice(0, rnd.int(1, 4));
        const entries = fields.map((field) => ({
          field,
          targetGroup: `Zielgruppe ${rnd.int(1, 99)}`,
          affected: rnd.int(0, 500),
          trend: rnd.pick(TRENDS),
          severity: rnd.int(1, 5),
          visibility: rnd.next() < 0.6 ? 'network' : 'ministry',
        }));
        if (!draftOnly) {
          released++;
          if (!nil) entriesReleased += entries.length;
        }
        const lead = leads.get(orgId)!;
        jobs.push(async () => {
          await as(app, lead)
            .put(`/api/v1/needs/periods/${period.id}/reports/${orgId}`)
            .send(nil ? { nilReturn: true } : { entries })
            .expect(200);
          if (!draftOnly)
            await as(app, lead)
              .post(`/api/v1/needs/periods/${period.id}/reports/${orgId}/release`)
              .expect(200);
        });
      }
    }
    // Eight at a time: the worker aggregates releases that arrive together.
    for (let i = 0; i < jobs.length; i += 8) await Promise.all(jobs.slice(i, i + 8).map((job) => job()));
    const [{ n, e }] = await app.dataSource.query(
      `SELECT count(DISTINCT r.id)::int AS n, count(e.id)::int AS e
         FROM needs_reports r LEFT JOIN needs_entries e ON e.report_id = r.id WHERE r.status <> 'drafting'`,
    );
    expect([n, e]).toEqual([released, entriesReleased]);

    await waitForQueuesToDrain(app, 60_000);
    // Every release reached the aggregator (else say where the rest are: the outbox, by type and state).
    await expectEventually(
      async () => {
        const [c] = await app.dataSource.query(
          `SELECT (SELECT count(*)::int FROM domain_events WHERE type = 'needs_report.released') AS released,
                  (SELECT count(*)::int FROM processed_events WHERE consumer = 'needs.aggregate') AS aggregated`,
        );
        if (c.released !== c.aggregated) {
          const outbox = await app.dataSource.query(
            `SELECT d.type, o.published_at IS NOT NULL AS published, o.last_error, count(*)::int AS n
               FROM event_outbox o JOIN domain_events d ON d.id = o.event_id GROUP BY 1, 2, 3`,
          );
          throw new Error(
            `aggregated ${c.aggregated} of ${c.released} releases; outbox ${JSON.stringify(outbox)}`,
          );
        }
      },
      { timeoutMs: 60_000 },
    );
    const expected = await straightCount(app);
    expect(expected.length).toBeGreaterThan(500);
    expect(await aggregates(app)).toEqual(expected);
    // Both audiences and every level are there.
    expect(new Set(expected.map((r) => `${r.level}/${r.audience}`))).toEqual(
      new Set([
        'district/all',
        'district/network',
        'regierungsbezirk/all',
        'regierungsbezirk/network',
        'land/all',
        'land/network',
      ]),
    );

    await app.worker!.get(NeedsAggregator).rebuild();
    expect(await aggregates(app)).toEqual(expected);
  });
});

type Row = Record<string, string | number>;

const ORDER = `ORDER BY period_id, field, level, key, audience`;

async function aggregates(app: TestApp): Promise<Row[]> {
  return app.dataSource.query(
    `SELECT period_id, field, level, key, audience, name, reports, affected::int AS affected, t_new, t_rising,
            t_stable, t_falling, s1, s2, s3, s4, s5 FROM needs_aggregates ${ORDER}`,
  );
}

/**
 * The roll-up counted straight from the released reports' entries: a district's own entries and its towns'; a
 * Regierungsbezirk's districts and towns; the Land everything (the associations too). The network's audience
 * counts only entries shared with the network.
 */
async function straightCount(app: TestApp): Promise<Row[]> {
  const counts = `count(*)::int AS reports, sum(e.affected)::int AS affected,
      count(*) FILTER (WHERE e.trend = 'new')::int AS t_new, count(*) FILTER (WHERE e.trend = 'rising')::int AS t_rising,
      count(*) FILTER (WHERE e.trend = 'stable')::int AS t_stable, count(*) FILTER (WHERE e.trend = 'falling')::int AS t_falling,
      count(*) FILTER (WHERE e.severity = 1)::int AS s1, count(*) FILTER (WHERE e.severity = 2)::int AS s2,
      count(*) FILTER (WHERE e.severity = 3)::int AS s3, count(*) FILTER (WHERE e.severity = 4)::int AS s4,
      count(*) FILTER (WHERE e.severity = 5)::int AS s5`;
  const from = `FROM needs_entries e
      JOIN needs_reports r ON r.id = e.report_id AND r.status = 'released' AND r.period_id IS NOT NULL
      JOIN organisations o ON o.id = r.organisation_id
      CROSS JOIN (VALUES ('all'), ('network')) AS a(audience)`;
  const audience = `(a.audience = 'all' OR e.visibility = 'network')`;
  return app.dataSource.query(
    `SELECT * FROM (
       SELECT r.period_id, e.field, 'district' AS level, d.kreisschluessel AS key, a.audience, d.name, ${counts}
         ${from}
         JOIN organisations d ON d.kind IN ('Landkreis', 'Stadtkreis')
                             AND d.id = (CASE WHEN o.kind = 'town' THEN o.parent_id ELSE o.id END)
        WHERE ${audience} GROUP BY 1, 2, 3, 4, 5, 6
       UNION ALL
       SELECT r.period_id, e.field, 'regierungsbezirk', rb.name, a.audience, rb.name, ${counts}
         ${from}
         JOIN LATERAL (SELECT regierungsbezirk AS name FROM organisations
                        WHERE id = (CASE WHEN o.kind = 'town' THEN o.parent_id ELSE o.id END)) rb ON rb.name IS NOT NULL
        WHERE ${audience} GROUP BY 1, 2, 3, 4, 5, 6
       UNION ALL
       SELECT r.period_id, e.field, 'land', 'BW', a.audience, 'Baden-Württemberg', ${counts}
         ${from}
        WHERE ${audience} GROUP BY 1, 2, 3, 4, 5, 6
     ) x ${ORDER}`,
  );
}
