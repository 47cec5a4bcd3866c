import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { NeedsReleasePayload, NeedsSignalPayload } from '@runde/events';
import { streamName, type Transaction } from '@runde/events';
import type { Caller } from '@runde/identity';
import { AppError, prepared } from '@runde/platform';
import { NeedsRuleEntity } from './entities/needs-rule.entity';
import { NeedsSignalEntity } from './entities/needs-signal.entity';
import { FIELDS, type FieldKey } from './fields';
import { NeedsAccess } from './needs-access';
import type { PlacedEntry } from './needs-aggregator';

/** The signal rules with their default thresholds (admins change them: PUT /needs/rules/:rule). */
export const RULES = {
  /** ≥ `districts` districts of one Regierungsbezirk report a rising (or new) need in the same field and period. */
  rising_cluster: { districts: 3 },
  /** An organisation's severity in a field rose by ≥ `rise` since its report of the previous period. */
  severity_jump: { rise: 2 },
  /** A field of action is reported for the first time anywhere in the Land. */
  first_report: {},
  /** An ad-hoc report with a need of severity ≥ `severity`. */
  adhoc_critical: { severity: 5 },
} as const satisfies Record<string, Record<string, number>>;

export type RuleName = keyof typeof RULES;
export const RULE_NAMES = Object.keys(RULES) as RuleName[];

const label = (field: string) => FIELDS[field as FieldKey]?.de ?? field;

interface Candidate {
  rule: RuleName;
  field: string;
  scope: string;
  periodId: string | null;
  reportIds: string[];
  summary: string;
  ministryOnly: boolean;
  dedupeKey: string;
}

/**
 * Early signals: rules evaluated by the worker when a report is released (in the release event's consumer
 * transaction). A signal is raised once per rule, field, scope and period; it is an event — on `needs` when every
 * report it rests on shared the entries with the network, else on the ministry's organisation stream — and it
 * remembers what was done about it (turned into a topic, dismissed, a note).
 */
@Injectable()
export class NeedsSignals {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: NeedsAccess,
  ) {}

  async evaluate(tx: Transaction, released: NeedsReleasePayload, entries: PlacedEntry[]): Promise<void> {
    if (!entries.length) return;
    const params = await this.params(tx.manager);
    const candidates: Candidate[] = [];
    for (const e of entries) {
      if (
        params.rising_cluster &&
        released.periodId &&
        e.regierungsbezirk &&
        ['rising', 'new'].includes(e.trend)
      ) {
        const rows: Array<{ report_id: string; visibility: string; ks: string }> = await tx.manager.query(
          `SELECT DISTINCT ON (ks) r.id AS report_id, e.visibility,
                  CASE WHEN o.kind IN ('Landkreis', 'Stadtkreis') THEN o.kreisschluessel ELSE p.kreisschluessel END AS ks
             FROM needs_entries e
             JOIN needs_reports r ON r.id = e.report_id AND r.status = 'released' AND r.period_id = $1
             JOIN organisations o ON o.id = r.organisation_id
             LEFT JOIN organisations p ON p.id = o.parent_id
            WHERE e.field = $2 AND e.trend IN ('rising', 'new')
              AND COALESCE(o.regierungsbezirk, p.regierungsbezirk) = $3`,
          [released.periodId, e.field, e.regierungsbezirk],
        );
        const districts = rows.filter((r) => r.ks);
        if (districts.length >= params.rising_cluster.districts) {
          candidates.push({
            rule: 'rising_cluster',
            field: e.field,
            scope: `regierungsbezirk:${e.regierungsbezirk}`,
            periodId: released.periodId,
            reportIds: districts.map((r) => r.report_id),
            summary: `${districts.length} Kreise im Regierungsbezirk ${e.regierungsbezirk} melden steigenden Bedarf: ${label(e.field)}`,
            ministryOnly: districts.some((r) => r.visibility !== 'network'),
            dedupeKey: `rising_cluster|${e.field}|${e.regierungsbezirk}|${released.periodId}`,
          });
        }
      }
      if (params.severity_jump && released.periodId) {
        const prev: Array<{ severity: number; report_id: string; visibility: string }> =
          await tx.manager.query(
            `SELECT e.severity, r.id AS report_id, e.visibility
             FROM needs_periods cur
             JOIN needs_periods prev ON prev.round_id = cur.round_id AND prev.seq = cur.seq - 1
             JOIN needs_reports r ON r.period_id = prev.id AND r.organisation_id = $2 AND r.status = 'released'
             JOIN needs_entries e ON e.report_id = r.id AND e.field = $3
            WHERE cur.id = $1`,
            [released.periodId, released.organisationId, e.field],
          );
        if (prev.length && e.severity - prev[0].severity >= params.severity_jump.rise) {
          candidates.push({
            rule: 'severity_jump',
            field: e.field,
            scope: e.kreisschluessel
              ? `district:${e.kreisschluessel}`
              : `organisation:${released.organisationId}`,
            periodId: released.periodId,
            reportIds: [prev[0].report_id, released.reportId],
            summary: `${e.districtName ?? 'Eine Organisation'}: Dringlichkeit ${label(e.field)} von ${prev[0].severity} auf ${e.severity} gestiegen`,
            ministryOnly: e.visibility !== 'network' || prev[0].visibility !== 'network',
            dedupeKey: `severity_jump|${e.field}|${released.organisationId}|${released.periodId}`,
          });
        }
      }
      if (params.first_report) {
        const earlier = await tx.manager.query(
          `SELECT 1 FROM needs_entries e JOIN needs_reports r ON r.id = e.report_id
            WHERE e.field = $1 AND r.status = 'released' AND r.id <> $2 LIMIT 1`,
          [e.field, released.reportId],
        );
        if (!earlier.length) {
          candidates.push({
            rule: 'first_report',
            field: e.field,
            scope: 'land',
            periodId: released.periodId,
            reportIds: [released.reportId],
            summary: `Erstmals gemeldet: ${label(e.field)}${e.districtName ? ` (${e.districtName})` : ''}`,
            ministryOnly: e.visibility !== 'network',
            dedupeKey: `first_report|${e.field}`,
          });
        }
      }
      if (params.adhoc_critical && released.adhoc && e.severity >= params.adhoc_critical.severity) {
        candidates.push({
          rule: 'adhoc_critical',
          field: e.field,
          scope: e.kreisschluessel
            ? `district:${e.kreisschluessel}`
            : `organisation:${released.organisationId}`,
          periodId: null,
          reportIds: [released.reportId],
          summary: `Dringende Meldung (Stufe ${e.severity}): ${label(e.field)}${e.districtName ? `, ${e.districtName}` : ''}`,
          ministryOnly: e.visibility !== 'network',
          dedupeKey: `adhoc_critical|${released.reportId}|${e.field}`,
        });
      }
    }
    for (const c of candidates) await this.raise(tx, c);
  }

  private async raise(tx: Transaction, c: Candidate): Promise<void> {
    const inserted: Array<{ id: string }> = await tx.manager.query(
      `INSERT INTO needs_signals (rule, field, scope, period_id, report_ids, summary, ministry_only, dedupe_key)
       VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7, $8)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [c.rule, c.field, c.scope, c.periodId, c.reportIds, c.summary, c.ministryOnly, c.dedupeKey],
    );
    let id = inserted[0]?.id;
    let type: 'needs_signal.raised' | 'needs_signal.updated' = 'needs_signal.raised';
    if (!id) {
      // A cluster that grew (a fourth district): the same signal, with the new reports and summary.
      if (c.rule !== 'rising_cluster') return;
      // prepared() gives the RETURNING rows (manager.query answers an UPDATE with [rows, count], never empty).
      const updated = await prepared<{ id: string }>(
        tx.manager,
        `UPDATE needs_signals SET report_ids = $2::uuid[], summary = $3, ministry_only = $4
          WHERE dedupe_key = $1 AND cardinality(report_ids) < cardinality($2::uuid[]) RETURNING id`,
        [c.dedupeKey, c.reportIds, c.summary, c.ministryOnly],
      );
      if (!updated.length) return;
      id = updated[0].id;
      type = 'needs_signal.updated';
    }
    const signal = this.view(await tx.manager.findOneByOrFail(NeedsSignalEntity, { id }));
    await this.announce(tx, type, signal, c.ministryOnly);
  }

  async announce(
    tx: Transaction,
    type: 'needs_signal.raised' | 'needs_signal.updated',
    signal: NeedsSignalPayload,
    ministryOnly: boolean,
  ): Promise<void> {
    if (!ministryOnly) {
      tx.append(streamName('needs', ''), type, { signal }, null);
      return;
    }
    const ministries: Array<{ id: string }> = await tx.manager.query(
      `SELECT id FROM organisations WHERE kind = 'ministry'`,
    );
    for (const m of ministries) tx.append(streamName('organisation', m.id), type, { signal }, null);
  }

  async params(manager: EntityManager = this.dataSource.manager) {
    const rows = await manager.find(NeedsRuleEntity);
    const byRule = new Map(rows.map((r) => [r.rule, r]));
    const out = {} as { [K in RuleName]: ((typeof RULES)[K] & Record<string, number>) | null };
    for (const rule of RULE_NAMES) {
      const row = byRule.get(rule);
      (out as Record<string, unknown>)[rule] =
        row && !row.enabled ? null : { ...RULES[rule], ...(row?.params ?? {}) };
    }
    return out;
  }

  async rules(caller: Caller) {
    const viewer = await this.access.viewer(caller);
    this.access.assertNetwork(viewer);
    const rows = await this.dataSource.getRepository(NeedsRuleEntity).find();
    const byRule = new Map(rows.map((r) => [r.rule, r]));
    return {
      items: RULE_NAMES.map((rule) => ({
        rule,
        enabled: byRule.get(rule)?.enabled ?? true,
        params: { ...RULES[rule], ...(byRule.get(rule)?.params ?? {}) },
        defaults: RULES[rule],
      })),
    };
  }

  async setRule(caller: Caller, rule: string, input: { enabled?: boolean; params?: Record<string, number> }) {
    const viewer = await this.access.viewer(caller);
    this.access.assertSteer(viewer);
    if (!(RULE_NAMES as string[]).includes(rule)) throw AppError.notFound('Rule');
    const allowed = RULES[rule as RuleName] as Record<string, number>;
    const params: Record<string, number> = {};
    for (const [key, value] of Object.entries(input.params ?? {})) {
      if (
        !(key in allowed) ||
        typeof value !== 'number' ||
        !Number.isInteger(value) ||
        value < 1 ||
        value > 1000
      ) {
        throw AppError.validation(
          `Rule ${rule} has no threshold ${key}, or it is not a whole number 1…1000`,
          [{ field: `params.${key}`, messages: [`known: ${Object.keys(allowed).join(', ') || 'none'}`] }],
        );
      }
      params[key] = value;
    }
    await this.dataSource.query(
      `INSERT INTO needs_signal_rules (rule, enabled, params, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (rule) DO UPDATE SET enabled = EXCLUDED.enabled, params = EXCLUDED.params,
                                        updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [rule, input.enabled ?? true, params, caller.id],
    );
    return (await this.rules(caller)).items.find((r) => r.rule === rule);
  }

  view(s: NeedsSignalEntity): NeedsSignalPayload {
    return {
      id: s.id,
      rule: s.rule,
      field: s.field,
      scope: s.scope,
      periodId: s.periodId,
      reportIds: s.reportIds,
      summary: s.summary,
      status: s.status,
      topicId: s.topicId,
      note: s.note,
      createdAt: s.createdAt.toISOString(),
    };
  }
}
