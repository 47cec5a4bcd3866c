/**
 * The needs benchmark's data, written with SQL in the run's own database the way NeedsService writes it: the
 * reporters (the register's 44 districts and towns up to 1,100, each with a confirmed admin), the ministry's
 * people, one quarterly round over every field of action with 40 periods (ten years; the last one open), and each
 * reporter's report of every period with an entry per field: released ones (status, `released_at`, `late`, and
 * the `needs_report.released` event on the `needs` stream — what NeedsAggregator.rebuild() reads), about one in
 * a hundred a Fehlanzeige, and in the open period the `--releases` reports left drafting for the benchmark to
 * release over REST. Values come from a hash of the report and field (the same data every run).
 */
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { FIELD_KEYS } from '../../libs/needs/src/fields';
import { type BenchUser, confirmedPeople, districtsAndTowns } from '../consultations/support';

export const MINISTRY = 'Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg';

export interface NeedsWorld {
  roundId: string;
  periods: Array<{ id: string; label: string }>;
  openPeriodId: string;
  orgIds: string[];
  /** the ministry's people (audience all) and people of districts and towns (audience network) */
  ministry: BenchUser[];
  members: BenchUser[];
  /** drafting reports of the open period, with the organisation's admin: released over REST */
  toRelease: Array<{ orgId: string; admin: BenchUser; fields: string[] }>;
  reports: number;
  entries: number;
  events: number;
}

const DAY = 24 * 3600_000;

export async function seedNeeds(
  db: Client,
  opts: {
    reporters: number;
    years: number;
    releases: number;
    ministryWatchers: number;
    memberWatchers: number;
  },
): Promise<NeedsWorld> {
  const orgIds = await districtsAndTowns(db, opts.reporters);
  const admins = await confirmedPeople(db, orgIds, 'admin', 'reporter-admin');
  const [{ id: ministryId }] = (await db.query(`SELECT id FROM organisations WHERE name = $1`, [MINISTRY]))
    .rows;
  const ministry = await confirmedPeople(
    db,
    Array.from({ length: Math.max(1, opts.ministryWatchers) }, () => ministryId),
    'member',
    'ministry',
  );
  const members = await confirmedPeople(
    db,
    orgIds.slice(0, opts.memberWatchers),
    'member',
    'reporter-member',
  );

  const roundId = randomUUID();
  const startYear = new Date().getUTCFullYear() - opts.years + 1;
  await db.query(
    `INSERT INTO needs_rounds (id, title, cadence, fields, due_days, remind_days_before, active, created_by, created_at)
     VALUES ($1, 'Bedarfsmeldung Integration', 'quarterly', $2, 90, '{7,1}', true, $3, $4)`,
    [roundId, FIELD_KEYS, ministry[0].id, new Date(Date.UTC(startYear, 0, 1))],
  );
  await db.query(`INSERT INTO needs_reporters (round_id, organisation_id) SELECT $1, unnest($2::uuid[])`, [
    roundId,
    orgIds,
  ]);
  const periods: Array<{ id: string; label: string; opensAt: Date; dueAt: Date; open: boolean }> = [];
  for (let q = 0; q < opts.years * 4; q++) {
    const opensAt = new Date(Date.UTC(startYear + Math.floor(q / 4), (q % 4) * 3, 1));
    periods.push({
      id: randomUUID(),
      label: `${startYear + Math.floor(q / 4)}-Q${(q % 4) + 1}`,
      opensAt,
      dueAt: new Date(opensAt.getTime() + 90 * DAY),
      open: q === opts.years * 4 - 1,
    });
  }
  await db.query(
    `INSERT INTO needs_periods (id, round_id, label, seq, opens_at, due_at, status, closed_at)
     SELECT id, $1, label, seq - 1, opens, due, CASE WHEN open THEN 'open' ELSE 'closed' END,
            CASE WHEN open THEN NULL ELSE due + interval '14 days' END
       FROM unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::boolean[])
            WITH ORDINALITY AS t(id, label, opens, due, open, seq)`,
    [
      roundId,
      periods.map((p) => p.id),
      periods.map((p) => p.label),
      periods.map((p) => p.opensAt),
      periods.map((p) => p.dueAt),
      periods.map((p) => p.open),
    ],
  );
  const open = periods[periods.length - 1];
  const drafting = orgIds.slice(orgIds.length - opts.releases);

  await db.query('BEGIN');
  try {
    // Reports: released within the period (one in fifty after its due date, marked late), one in a hundred a
    // Fehlanzeige; in the open period the last reporters' reports drafting.
    await db.query(
      `INSERT INTO needs_reports (id, period_id, organisation_id, status, version, nil_return_intent, late,
                                  released_by, released_at, updated_by, created_at, updated_at)
       SELECT gen_random_uuid(), p.id, rp.organisation_id, s.status, CASE WHEN s.status = 'drafting' THEN 1 ELSE 2 END,
              s.status = 'nil_return', s.late, CASE WHEN s.status <> 'drafting' THEN m.user_id END,
              CASE WHEN s.status <> 'drafting' THEN s.at END, m.user_id, p.opens_at + interval '1 day',
              COALESCE(CASE WHEN s.status <> 'drafting' THEN s.at END, now())
         FROM needs_periods p
         JOIN needs_reporters rp ON rp.round_id = p.round_id
         JOIN organisation_members m ON m.organisation_id = rp.organisation_id AND m.role = 'admin'
         CROSS JOIN LATERAL (SELECT abs(hashtext(p.label || rp.organisation_id::text)::bigint) AS h) x
         CROSS JOIN LATERAL (
           SELECT CASE WHEN p.status = 'open' AND rp.organisation_id = ANY($2::uuid[]) THEN 'drafting'
                       WHEN x.h % 100 = 0 THEN 'nil_return' ELSE 'released' END AS status,
                  x.h % 50 = 1 AND p.status = 'closed' AS late,
                  CASE WHEN x.h % 50 = 1 AND p.status = 'closed' THEN p.due_at + interval '3 days'
                       ELSE least(p.opens_at + (x.h % 80) * interval '1 day' + (x.h % 86400) * interval '1 second',
                                  now() - interval '1 hour') END AS at) s
        WHERE p.round_id = $1`,
      [roundId, drafting],
    );
    // An entry per field of action (one report in eight leaves the last field out).
    await db.query(
      `INSERT INTO needs_entries (report_id, ord, field, target_group, affected, trend, severity, existing, missing,
                                  support, evidence, visibility)
       SELECT r.id, f.ord - 1, f.field, 'Neu Zugewanderte Familien mit Kindern im Schulalter', x.h % 400,
              (ARRAY['new', 'rising', 'stable', 'falling'])[1 + x.h % 4], 1 + (x.h / 7) % 5,
              'Integrationskurse der Volkshochschule, Migrationsberatung', 'Kurse mit Kinderbetreuung am Nachmittag',
              CASE WHEN x.h % 3 = 0 THEN 'Landesförderung für Kinderbetreuung in Kursen' END,
              CASE WHEN x.h % 5 = 0 THEN 'Wartelisten der Kursträger' END,
              CASE WHEN x.h % 10 < 7 THEN 'network' ELSE 'ministry' END
         FROM needs_reports r
         CROSS JOIN unnest($1::text[]) WITH ORDINALITY AS f(field, ord)
         CROSS JOIN LATERAL (SELECT abs(hashtext(r.id::text || f.field)::bigint) AS h) x
        WHERE r.status <> 'nil_return' AND NOT (f.ord = 8 AND abs(hashtext(r.id::text)::bigint) % 8 = 0)`,
      [FIELD_KEYS],
    );
    // The released events, in release order on the singleton `needs` stream (what writeEvents writes).
    const events = await db.query(
      `INSERT INTO domain_events (id, stream, seq, type, occurred_at, actor_id, data)
       SELECT gen_random_uuid(), 'needs', row_number() OVER (ORDER BY r.released_at, r.id), 'needs_report.released',
              r.released_at, r.released_by,
              jsonb_build_object('reportId', r.id, 'periodId', r.period_id, 'organisationId', r.organisation_id,
                                 'adhoc', false, 'nilReturn', r.status = 'nil_return', 'late', r.late,
                                 'releasedAt', to_char(r.released_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                 'networkFields', COALESCE((SELECT jsonb_agg(DISTINCT e.field) FROM needs_entries e
                                                             WHERE e.report_id = r.id AND e.visibility = 'network'),
                                                           '[]'::jsonb))
         FROM needs_reports r WHERE r.status <> 'drafting'`,
    );
    await db.query(
      `INSERT INTO event_streams (stream, head) SELECT 'needs', count(*) FROM domain_events WHERE stream = 'needs'
       ON CONFLICT (stream) DO UPDATE SET head = EXCLUDED.head`,
    );
    await db.query('COMMIT');
    void events;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  await db.query('VACUUM ANALYZE');
  const [counts] = (
    await db.query(
      `SELECT (SELECT count(*)::int FROM needs_reports) AS reports, (SELECT count(*)::int FROM needs_entries) AS entries,
              (SELECT count(*)::int FROM domain_events WHERE type = 'needs_report.released') AS events`,
    )
  ).rows;
  const fieldsOf: Array<{ organisation_id: string; fields: string[] }> = (
    await db.query(
      `SELECT r.organisation_id, array_agg(e.field ORDER BY e.ord) AS fields
         FROM needs_reports r JOIN needs_entries e ON e.report_id = r.id
        WHERE r.period_id = $1 AND r.status = 'drafting' GROUP BY 1`,
      [open.id],
    )
  ).rows;
  const byOrg = new Map(fieldsOf.map((r) => [r.organisation_id, r.fields]));
  return {
    roundId,
    periods: periods.map((p) => ({ id: p.id, label: p.label })),
    openPeriodId: open.id,
    orgIds,
    ministry,
    members,
    toRelease: drafting.map((orgId) => ({
      orgId,
      admin: admins[orgIds.indexOf(orgId)],
      fields: byOrg.get(orgId) ?? [],
    })),
    reports: counts.reports,
    entries: counts.entries,
    events: counts.events,
  };
}
