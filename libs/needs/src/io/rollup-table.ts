import type { RollupRow } from '../needs-radar.service';
import type { Cell } from './csv';
import { fieldLabel, LEVEL_LABELS } from './labels';
import type { Column } from './xlsx';

const int = (header: string, width = 10): Column => ({ header, type: 'int', width });

/** The columns of a roll-up as a file, in this order, always. */
export const ROLLUP_COLUMNS: readonly Column[] = [
  { header: 'Zeitraum', width: 10 },
  { header: 'Handlungsfeld', width: 28 },
  { header: 'Ebene', width: 16 },
  { header: 'Kreisschlüssel', width: 14 },
  { header: 'Regierungsbezirk', width: 16 },
  { header: 'Name', width: 36 },
  int('Meldungen'),
  int('Betroffene', 11),
  int('neu', 6),
  int('steigend', 9),
  int('gleichbleibend', 14),
  int('sinkend', 8),
  int('Dringlichkeit 1', 14),
  int('Dringlichkeit 2', 14),
  int('Dringlichkeit 3', 14),
  int('Dringlichkeit 4', 14),
  int('Dringlichkeit 5', 14),
];

export interface RollupPart {
  periodLabel: string;
  field: string;
  level: 'district' | 'regierungsbezirk' | 'land';
  items: Array<RollupRow & { regierungsbezirk?: unknown }>;
}

/** One row per place of each roll-up: a district by its Kreisschlüssel, a Regierungsbezirk by name, the Land. */
export function rollupRows(parts: readonly RollupPart[]): Cell[][] {
  return parts.flatMap((part) =>
    part.items.map((r) => [
      part.periodLabel,
      fieldLabel(part.field),
      LEVEL_LABELS[part.level],
      part.level === 'district' ? r.key : null,
      part.level === 'district'
        ? ((r.regierungsbezirk as string | null | undefined) ?? null)
        : part.level === 'regierungsbezirk'
          ? r.key
          : null,
      r.name,
      r.reports,
      r.affected,
      r.trend.new,
      r.trend.rising,
      r.trend.stable,
      r.trend.falling,
      r.severity[1],
      r.severity[2],
      r.severity[3],
      r.severity[4],
      r.severity[5],
    ]),
  );
}
