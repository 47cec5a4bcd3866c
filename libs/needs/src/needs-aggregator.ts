import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { EventEnvelope, OnDomainEvent, Transaction } from '@runde/events';
import { NeedsSignals } from './needs-signals';

/** A released entry with where its organisation sits. */
export interface PlacedEntry {
  reportId: string;
  periodId: string | null;
  organisationId: string;
  field: string;
  affected: number;
  trend: string;
  severity: number;
  visibility: string;
  kreisschluessel: string | null;
  districtName: string | null;
  regierungsbezirk: string | null;
}

/**
 * The roll-up of released reports, kept current by the worker (a consumer of `needs_report.released`, once per
 * event, in the event's own transaction): per period, field, level and audience — `all` (the ministry's view)
 * and `network` (the entries their organisations shared with everyone). Rebuildable from the event log. The
 * signal rules run as a second consumer after it, in their own transaction: the roll-up is committed (and shown)
 * without waiting for them, and a rule that fails holds back only the signals.
 */
@Injectable()
export class NeedsAggregator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signals: NeedsSignals,
  ) {}

  @OnDomainEvent('needs.aggregate', ['needs_report.released'])
  async onReleased(event: EventEnvelope<'needs_report.released'>, tx: Transaction): Promise<void> {
    if (event.data.periodId) await this.add(tx.manager, event.data.reportId);
  }

  /** The signal rules over the released entries (declared after the roll-up's consumer, so run after it). */
  @OnDomainEvent('needs.signals', ['needs_report.released'])
  async evaluateSignals(event: EventEnvelope<'needs_report.released'>, tx: Transaction): Promise<void> {
    await this.signals.evaluate(tx, event.data, await this.placed(tx.manager, event.data.reportId));
  }

  /** The report's entries with their organisation's district and Regierungsbezirk (a town: its district's). */
  async placed(manager: EntityManager, reportId: string): Promise<PlacedEntry[]> {
    return manager.query(
      `SELECT e.report_id AS "reportId", r.period_id AS "periodId", r.organisation_id AS "organisationId",
              e.field, e.affected, e.trend, e.severity, e.visibility,
              CASE WHEN o.kind IN ('Landkreis', 'Stadtkreis') THEN o.kreisschluessel ELSE p.kreisschluessel END
                AS kreisschluessel,
              CASE WHEN o.kind IN ('Landkreis', 'Stadtkreis') THEN o.name ELSE p.name END AS "districtName",
              COALESCE(o.regierungsbezirk, p.regierungsbezirk) AS regierungsbezirk
         FROM needs_entries e
         JOIN needs_reports r ON r.id = e.report_id
         JOIN organisations o ON o.id = r.organisation_id
         LEFT JOIN organisations p ON p.id = o.parent_id
        WHERE e.report_id = $1 AND r.status = 'released'`,
      [reportId],
    );
  }

  /** Adds a released report's entries to the aggregates (one statement for all the rows it touches). */
  async add(manager: EntityManager, reportId: string): Promise<void> {
    await manager.query(aggregateSql(`r.id = $1`, 'add'), [reportId]);
  }

  /**
   * Rebuilds every aggregate from the event log (the reports its `needs_report.released` events name; those
   * events are kept when the log is pruned), in one transaction: readers see the old roll-up until the new one
   * is complete.
   */
  async rebuild(): Promise<{ reports: number }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM needs_aggregates`);
      await manager.query(
        aggregateSql(
          `r.id IN (SELECT (data->>'reportId')::uuid FROM domain_events WHERE type = 'needs_report.released')`,
          'replace',
        ),
      );
      const [{ n }] = await manager.query(
        `SELECT count(DISTINCT data->>'reportId')::int AS n FROM domain_events WHERE type = 'needs_report.released'`,
      );
      return { reports: n };
    });
  }
}

/**
 * The roll-up of the released reports `where` selects, grouped per period, field, level, key and audience, added
 * to (`add`) or written as (`replace`) the stored aggregates. Towns count in their district and its
 * Regierungsbezirk; associations and the ministry in the Land only.
 */
function aggregateSql(where: string, mode: 'add' | 'replace'): string {
  const counts = `count(*)::int, sum(affected)::bigint,
         count(*) FILTER (WHERE trend = 'new')::int, count(*) FILTER (WHERE trend = 'rising')::int,
         count(*) FILTER (WHERE trend = 'stable')::int, count(*) FILTER (WHERE trend = 'falling')::int,
         count(*) FILTER (WHERE severity = 1)::int, count(*) FILTER (WHERE severity = 2)::int,
         count(*) FILTER (WHERE severity = 3)::int, count(*) FILTER (WHERE severity = 4)::int,
         count(*) FILTER (WHERE severity = 5)::int`;
  const add = (c: string) => `${c} = needs_aggregates.${c} + EXCLUDED.${c}`;
  return `
    WITH placed AS (
      SELECT r.period_id, e.field, e.affected, e.trend, e.severity, e.visibility,
             CASE WHEN o.kind IN ('Landkreis', 'Stadtkreis') THEN o.kreisschluessel ELSE p.kreisschluessel END AS ks,
             CASE WHEN o.kind IN ('Landkreis', 'Stadtkreis') THEN o.name ELSE p.name END AS district,
             COALESCE(o.regierungsbezirk, p.regierungsbezirk) AS rb
        FROM needs_reports r
        JOIN needs_entries e ON e.report_id = r.id
        JOIN organisations o ON o.id = r.organisation_id
        LEFT JOIN organisations p ON p.id = o.parent_id
       WHERE ${where} AND r.status = 'released' AND r.period_id IS NOT NULL
    ), levels AS (
      SELECT period_id, field, 'district' AS level, ks AS key, district AS name, affected, trend, severity, visibility
        FROM placed WHERE ks IS NOT NULL
      UNION ALL
      SELECT period_id, field, 'regierungsbezirk', rb, rb, affected, trend, severity, visibility
        FROM placed WHERE rb IS NOT NULL
      UNION ALL
      SELECT period_id, field, 'land', 'BW', 'Baden-Württemberg', affected, trend, severity, visibility FROM placed
    ), audiences AS (
      SELECT *, 'all' AS audience FROM levels
      UNION ALL
      SELECT *, 'network' FROM levels WHERE visibility = 'network'
    )
    INSERT INTO needs_aggregates (period_id, field, level, key, audience, name, reports, affected,
                                  t_new, t_rising, t_stable, t_falling, s1, s2, s3, s4, s5)
    SELECT period_id, field, level, key, audience, min(name), ${counts}
      FROM audiences GROUP BY period_id, field, level, key, audience
    ${
      mode === 'add'
        ? `ON CONFLICT (period_id, field, level, key, audience) DO UPDATE SET
             ${[
               'reports',
               'affected',
               't_new',
               't_rising',
               't_stable',
               't_falling',
               's1',
               's2',
               's3',
               's4',
               's5',
             ]
               .map(add)
               .join(', ')}`
        : ''
    }`;
}
