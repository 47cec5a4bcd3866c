import type { NeedsReportPayload } from '@runde/events';
import type { Cell } from './csv';
import { fieldLabel, STATUS_LABELS, TREND_LABELS, VISIBILITY_LABELS } from './labels';
import type { Column } from './xlsx';

/**
 * The columns of a period's reports as a file, in this order, always (scripts read them by position; the import
 * reads them by name, so an export can be edited and imported again).
 */
export const REPORT_COLUMNS: readonly Column[] = [
  { header: 'Kreisschlüssel', width: 14 },
  { header: 'AGS', width: 10 },
  { header: 'Regierungsbezirk', width: 16 },
  { header: 'Organisation', width: 36 },
  { header: 'Handlungsfeld', width: 28 },
  { header: 'Zielgruppe', width: 32 },
  { header: 'Betroffene', type: 'int', width: 11 },
  { header: 'Trend', width: 14 },
  { header: 'Dringlichkeit', type: 'int', width: 12 },
  { header: 'Vorhanden', width: 32 },
  { header: 'Fehlt', width: 32 },
  { header: 'Unterstützung', width: 32 },
  { header: 'Belege', width: 32 },
  { header: 'Sichtbarkeit', width: 16 },
  { header: 'Status', width: 12 },
  { header: 'Verspätet', type: 'bool', width: 10 },
  { header: 'Freigegeben am', type: 'time', width: 18 },
];

export interface PlacedReport {
  report: NeedsReportPayload;
  /** A town's Amtlicher Gemeindeschlüssel. */
  ags: string | null;
}

/**
 * One row per entry the caller may see; a report without such entries (a Fehlanzeige, a draft not yet filled, a
 * report whose entries are the ministry's) is one row with the entry's columns empty, so every report shows.
 */
export function reportRows(reports: readonly PlacedReport[]): Cell[][] {
  return reports.flatMap(({ report: r, ags }) => {
    const head = [r.organisation.kreisschluessel, ags, r.organisation.regierungsbezirk, r.organisation.name];
    const tail = [STATUS_LABELS[r.status], r.late, r.releasedAt ? new Date(r.releasedAt) : null];
    if (!r.entries.length) return [[...head, ...Array<Cell>(10).fill(null), ...tail]];
    return r.entries.map((e) => [
      ...head,
      fieldLabel(e.field),
      e.targetGroup,
      e.affected,
      TREND_LABELS[e.trend],
      e.severity,
      e.existing,
      e.missing,
      e.support,
      e.evidence,
      VISIBILITY_LABELS[e.visibility],
      ...tail,
    ]);
  });
}
