import type { Client } from 'pg';

export interface CountDiff {
  /** rows of the straight count */
  expected: number;
  /** in the count, not in needs_aggregates */
  missing: number;
  /** in needs_aggregates, not in the count */
  extra: number;
  /** in both, with a different number */
  differ: number;
}

/**
 * The roll-up counted straight from the released reports' entries, written independently of NeedsAggregator's
 * SQL: an entry counts in its organisation's district (a district itself, or a town's parent), that district's
 * Regierungsbezirk and the Land, for the audience `all`, and for `network` when it was shared; reports are
 * distinct report ids. Compared row by row with needs_aggregates.
 */
export async function straightCountDiff(db: Client): Promise<CountDiff> {
  const measures = `count(DISTINCT report_id) AS reports, sum(affected)::bigint AS affected,
      count(*) FILTER (WHERE trend = 'new') AS t_new, count(*) FILTER (WHERE trend = 'rising') AS t_rising,
      count(*) FILTER (WHERE trend = 'stable') AS t_stable, count(*) FILTER (WHERE trend = 'falling') AS t_falling,
      count(*) FILTER (WHERE severity = 1) AS s1, count(*) FILTER (WHERE severity = 2) AS s2,
      count(*) FILTER (WHERE severity = 3) AS s3, count(*) FILTER (WHERE severity = 4) AS s4,
      count(*) FILTER (WHERE severity = 5) AS s5`;
  const { rows } = await db.query(`
    WITH entries AS (
      SELECT r.period_id, e.report_id, e.field, e.affected, e.trend, e.severity, e.visibility,
             d.kreisschluessel AS district, d.regierungsbezirk AS rb
        FROM needs_entries e
        JOIN needs_reports r ON r.id = e.report_id
        JOIN organisations o ON o.id = r.organisation_id
        LEFT JOIN organisations d
               ON d.id = CASE WHEN o.kind IN ('Landkreis', 'Stadtkreis') THEN o.id ELSE o.parent_id END
       WHERE r.status = 'released' AND r.period_id IS NOT NULL
    ), seen AS (
      SELECT entries.*, a.audience FROM entries
        CROSS JOIN (VALUES ('all'), ('network')) AS a(audience)
       WHERE a.audience = 'all' OR entries.visibility = 'network'
    ), counted AS (
      SELECT period_id, field, 'district' AS level, district AS key, audience, ${measures}
        FROM seen WHERE district IS NOT NULL GROUP BY period_id, field, district, audience
      UNION ALL
      SELECT period_id, field, 'regierungsbezirk', rb, audience, ${measures}
        FROM seen WHERE rb IS NOT NULL GROUP BY period_id, field, rb, audience
      UNION ALL
      SELECT period_id, field, 'land', 'BW', audience, ${measures}
        FROM seen GROUP BY period_id, field, audience
    )
    SELECT count(*) FILTER (WHERE c.period_id IS NOT NULL)::int AS expected,
           count(*) FILTER (WHERE a.period_id IS NULL)::int AS missing,
           count(*) FILTER (WHERE c.period_id IS NULL)::int AS extra,
           count(*) FILTER (WHERE a.period_id IS NOT NULL AND c.period_id IS NOT NULL AND (
             a.reports, a.affected, a.t_new, a.t_rising, a.t_stable, a.t_falling, a.s1, a.s2, a.s3, a.s4, a.s5
           ) IS DISTINCT FROM (
             c.reports, c.affected, c.t_new, c.t_rising, c.t_stable, c.t_falling, c.s1, c.s2, c.s3, c.s4, c.s5
           ))::int AS differ
      FROM counted c
      FULL JOIN needs_aggregates a
        ON a.period_id = c.period_id AND a.field = c.field AND a.level = c.level AND a.key = c.key
       AND a.audience = c.audience`);
  return rows[0] as CountDiff;
}
