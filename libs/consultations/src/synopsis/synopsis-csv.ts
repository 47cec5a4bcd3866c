import type { Synopsis, SynopsisPoint } from './synopsis.views';

/** The CSV's columns, in this order, always (scripts and spreadsheets read them by position). */
export const CSV_COLUMNS = [
  'Randnummer',
  'Organisation',
  'Kreisschlüssel',
  'Regierungsbezirk',
  'Position',
  'Text',
  'Formulierungsvorschlag',
  'Bewertung',
  'Begründung',
] as const;

/**
 * The Synopse as CSV: one row per point (in the Synopse's order: by block, then the unplaced and the general
 * points), RFC 4180 (comma, CRLF, fields with a quote, comma or line break quoted, quotes doubled), UTF-8 with a
 * byte-order mark so Excel reads the umlauts. A field that a spreadsheet would run as a formula (starting with
 * =, +, -, @, a tab or a carriage return) gets a leading apostrophe, as OWASP advises for CSV that Excel opens.
 */
export function synopsisCsv(s: Synopsis): string {
  const points: SynopsisPoint[] = [...s.blocks.flatMap((b) => b.points), ...s.unplaced, ...s.general];
  const rows = points.map((p) => [
    p.randnummer ?? '',
    p.organisation.name,
    p.organisation.kreisschluessel ?? '',
    p.organisation.regierungsbezirk ?? '',
    p.positionLabel,
    p.text,
    p.proposedWording ?? '',
    p.assessmentLabel ?? '',
    p.assessmentReason ?? '',
  ]);
  return '\uFEFF' + [[...CSV_COLUMNS], ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
