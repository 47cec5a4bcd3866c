/**
 * The needs radar in the browser: the api's shapes (shared with the server's catalogue), the fields of action,
 * and the pure rules the screens use — the measures a map shows, their classes, the roll-up rows.
 */
import type {
  NeedsEntryPayload,
  NeedsPeriodPayload,
  NeedsReleasePayload,
  NeedsReportPayload,
  NeedsRoundPayload,
  NeedsSignalPayload,
  NeedsTrend,
  NeedsVisibility,
} from '@runde/needs-contract';
import { FIELDS, FIELD_KEYS, TRENDS, type FieldKey } from '@runde/needs-fields';
import { locale } from '../../lib/i18n';

export type {
  NeedsEntryPayload as Entry,
  NeedsPeriodPayload as Period,
  NeedsReleasePayload as Release,
  NeedsReportPayload as Report,
  NeedsRoundPayload as Round,
  NeedsSignalPayload as Signal,
  NeedsTrend as Trend,
  NeedsVisibility as Visibility,
};
export { FIELD_KEYS, TRENDS };

export const REGIERUNGSBEZIRKE = ['Stuttgart', 'Karlsruhe', 'Freiburg', 'Tübingen'] as const;

export function fieldLabel(field: string): string {
  const f = FIELDS[field as FieldKey];
  if (!f) return field;
  return locale() === 'en' ? f.en : f.de;
}

/** A row of `GET /needs/rollup` (and of the trend, with its period). */
export interface RollupRow {
  key: string;
  name: string;
  reports: number;
  affected: number;
  trend: Record<NeedsTrend, number>;
  severity: Record<1 | 2 | 3 | 4 | 5, number>;
  regierungsbezirk?: string | null;
}

export interface Rollup {
  field: string;
  periodId: string;
  level: 'district' | 'regierungsbezirk' | 'land';
  audience: 'all' | 'network';
  items: RollupRow[];
}

export interface TrendRow extends RollupRow {
  periodId: string;
  label: string;
}

export interface CompletenessRow {
  name: string | null;
  expected: number;
  released: number;
  nilReturns: number;
  late: number;
  drafting: number;
  rate: number;
  onTimeRate: number;
}

export interface Completeness extends Omit<CompletenessRow, 'name'> {
  periodId: string;
  dueAt: string;
  byRegierungsbezirk: CompletenessRow[];
}

export interface Rule {
  rule: string;
  enabled: boolean;
  params: Record<string, number>;
  defaults: Record<string, number>;
}

/** One of the caller's memberships (`GET /me/organisations`). */
export interface OwnMembership {
  organisation: {
    id: string;
    name: string;
    kind: string;
    regierungsbezirk: string | null;
    kreisschluessel: string | null;
  };
  role: 'admin' | 'member' | 'deputy';
  status: 'requested' | 'confirmed';
}

export const MEASURES = ['reports', 'affected', 'rising', 'urgent'] as const;
export type Measure = (typeof MEASURES)[number];

/** The number a map tile, a table cell or a bar shows for a measure. */
export function measure(row: RollupRow, m: Measure): number {
  switch (m) {
    case 'reports':
      return row.reports;
    case 'affected':
      return row.affected;
    case 'rising':
      // "steigend" counts new needs too (the signal rule does the same).
      return row.trend.rising + row.trend.new;
    case 'urgent':
      return row.severity[4] + row.severity[5];
  }
}

/** Five classes for shading: 0 is nothing reported; 1…4 split (0, max] in equal steps. */
export function classes(max: number): Array<{ cls: number; from: number; to: number }> {
  if (max <= 0) return [{ cls: 0, from: 0, to: 0 }];
  const out = [{ cls: 0, from: 0, to: 0 }];
  const steps = Math.min(4, max);
  let from = 1;
  for (let i = 1; i <= steps; i++) {
    const to = Math.round((max * i) / steps);
    if (to >= from) out.push({ cls: i, from, to });
    from = to + 1;
  }
  return out;
}

export function classOf(value: number, scale: ReturnType<typeof classes>): number {
  if (value <= 0) return 0;
  return scale.find((c) => value >= c.from && value <= c.to)?.cls ?? scale[scale.length - 1].cls;
}

/** Zero rows for the Regierungsbezirke the roll-up has none for (it lists only those with reports). */
export function withAllRegierungsbezirke(rows: RollupRow[]): RollupRow[] {
  return REGIERUNGSBEZIRKE.map(
    (rb) =>
      rows.find((r) => r.key === rb) ?? {
        key: rb,
        name: rb,
        reports: 0,
        affected: 0,
        trend: { new: 0, rising: 0, stable: 0, falling: 0 },
        severity: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
      },
  );
}

export function percent(rate: number): string {
  return `${Math.round(rate * 100)} %`;
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale() === 'en' ? 'en-GB' : 'de-DE').format(n);
}

/** The signal's scope in words' parts: `regierungsbezirk:Tübingen`, `district:08416`, `organisation:<id>`, `land`. */
export function parseScope(scope: string): { kind: string; value: string } {
  const at = scope.indexOf(':');
  return at < 0 ? { kind: scope, value: '' } : { kind: scope.slice(0, at), value: scope.slice(at + 1) };
}

/** The open period of a round (the newest open one), if any. */
export function openPeriod(periods: NeedsPeriodPayload[]): NeedsPeriodPayload | undefined {
  return periods.find((p) => p.status === 'open');
}
