import type { EntryDto } from '../dto/needs.dto';
import { normalise, parseField, parseTrend, parseVisibility } from './labels';

/** A problem with the file: where (row 1 is the header; null for the file as a whole) and what. */
export interface ImportError {
  row: number | null;
  column: string | null;
  message: string;
}

/** A data row read into an entry, with the key of the organisation it belongs to. */
export interface ImportRow {
  row: number;
  key: { column: string; kind: 'kreisschluessel' | 'ags'; value: string };
  /** The field of action's column as the file names it. */
  fieldColumn: string;
  entry: EntryDto;
}

type ColumnKey =
  | 'kreisschluessel'
  | 'ags'
  | 'field'
  | 'targetGroup'
  | 'affected'
  | 'trend'
  | 'severity'
  | 'existing'
  | 'missing'
  | 'support'
  | 'evidence'
  | 'visibility'
  | 'ignored';

/**
 * The columns an import reads, by their header in an export (German) or their API name (English); any order,
 * case and spelling of umlauts. The export's descriptive columns (Regierungsbezirk, Organisation, Status, …) are
 * read over, so an export can be edited and imported again.
 */
const COLUMNS: Array<{ key: ColumnKey; header: string; names: string[]; required?: boolean }> = [
  { key: 'kreisschluessel', header: 'Kreisschlüssel', names: ['kreisschluessel', 'ks'] },
  { key: 'ags', header: 'AGS', names: ['ags', 'gemeindeschluessel', 'amtlichergemeindeschluessel'] },
  { key: 'field', header: 'Handlungsfeld', names: ['field'], required: true },
  { key: 'targetGroup', header: 'Zielgruppe', names: ['targetgroup'], required: true },
  { key: 'affected', header: 'Betroffene', names: ['affected'], required: true },
  { key: 'trend', header: 'Trend', names: ['trend'], required: true },
  { key: 'severity', header: 'Dringlichkeit', names: ['severity', 'stufe'], required: true },
  { key: 'existing', header: 'Vorhanden', names: ['existing'] },
  { key: 'missing', header: 'Fehlt', names: ['missing'] },
  { key: 'support', header: 'Unterstützung', names: ['support'] },
  { key: 'evidence', header: 'Belege', names: ['evidence'] },
  { key: 'visibility', header: 'Sichtbarkeit', names: ['visibility'], required: true },
  { key: 'ignored', header: 'Regierungsbezirk', names: [] },
  { key: 'ignored', header: 'Organisation', names: ['organization'] },
  { key: 'ignored', header: 'Status', names: [] },
  { key: 'ignored', header: 'Verspätet', names: ['late'] },
  { key: 'ignored', header: 'Freigegeben am', names: ['releasedat'] },
];

const BY_NAME = new Map<string, (typeof COLUMNS)[number]>();
for (const c of COLUMNS) for (const n of [c.header, ...c.names]) BY_NAME.set(normalise(n), c);
const KNOWN = COLUMNS.filter((c) => c.key !== 'ignored')
  .map((c) => c.header)
  .join(', ');

export const MAX_IMPORT_ROWS = 5000;
const TEXT_MAX = 10_000;
// eslint-disable-next-line no-control-regex -- NUL is what it looks for
const UNSTORABLE = /[\u0000\p{Cs}]/u;

/**
 * Reads a file's rows (row 1 the header) into entries, each checked on its own: columns known and present,
 * a Kreisschlüssel (five digits) or an AGS (eight; a spreadsheet's lost leading zero is put back), a known field
 * of action, a target group, whole numbers for those affected (0…10,000,000) and the severity (1…5), a trend and
 * a visibility by key or label, texts up to 10,000 characters. What needs the database (does the key exist, is it
 * a reporter, may the caller act for it) is checked by the caller of this.
 */
export function readImportRows(rows: string[][]): { rows: ImportRow[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const header = rows[0] ?? [];
  if (!header.some((h) => h.trim())) {
    return { rows: [], errors: [{ row: 1, column: null, message: 'The file has no header row' }] };
  }
  const at = new Map<ColumnKey, number>();
  header.forEach((name, i) => {
    if (!name.trim()) return;
    const column = BY_NAME.get(normalise(name));
    if (!column) {
      errors.push({ row: 1, column: name, message: `Unknown column "${name}"; the columns are ${KNOWN}` });
    } else if (column.key !== 'ignored' && at.has(column.key)) {
      errors.push({ row: 1, column: name, message: `The column ${column.header} appears twice` });
    } else if (column.key !== 'ignored') at.set(column.key, i);
  });
  for (const c of COLUMNS) {
    if (c.required && !at.has(c.key))
      errors.push({ row: 1, column: c.header, message: `The column ${c.header} is missing` });
  }
  if (!at.has('kreisschluessel') && !at.has('ags')) {
    errors.push({
      row: 1,
      column: 'Kreisschlüssel',
      message: 'The column Kreisschlüssel (or AGS, for towns) is missing',
    });
  }
  if (errors.length) return { rows: [], errors };
  const data = rows.slice(1);
  if (data.length > MAX_IMPORT_ROWS) {
    return {
      rows: [],
      errors: [{ row: null, column: null, message: `At most ${MAX_IMPORT_ROWS} rows at once` }],
    };
  }
  const out: ImportRow[] = [];
  data.forEach((cells, i) => {
    const row = i + 2;
    if (!cells.some((c) => c.trim())) return;
    const rowErrors: ImportError[] = [];
    const fail = (key: ColumnKey, message: string) =>
      rowErrors.push({ row, column: headerOf(key, header, at), message });
    const get = (key: ColumnKey) => {
      const i = at.get(key);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim())) {
      rowErrors.push({
        row,
        column: null,
        message: `The row has ${cells.length} cells, the header ${header.length}`,
      });
    }
    for (const [key, cell] of at) {
      if (UNSTORABLE.test(cells[cell] ?? ''))
        fail(key, 'Contains a character that cannot be stored (NUL or a lone surrogate)');
    }
    const key = readKey(get('kreisschluessel'), get('ags'));
    if ('error' in key) fail(key.kind, key.error);
    const fieldText = get('field');
    const field = parseField(fieldText);
    if (!fieldText) fail('field', 'The field of action is missing');
    else if (!field) fail('field', `Unknown field of action "${fieldText}"`);
    const targetGroup = get('targetGroup');
    if (!targetGroup) fail('targetGroup', 'The target group is missing');
    else if (targetGroup.length > 500) fail('targetGroup', 'The target group is longer than 500 characters');
    const affected = wholeNumber(get('affected'));
    if (affected === null || affected > 10_000_000)
      fail(
        'affected',
        `Those affected must be a whole number from 0 to 10,000,000, not "${get('affected')}"`,
      );
    const trend = parseTrend(get('trend'));
    if (!trend)
      fail('trend', `The trend must be neu, steigend, gleichbleibend or sinkend, not "${get('trend')}"`);
    const severity = wholeNumber(get('severity'));
    if (severity === null || severity < 1 || severity > 5)
      fail('severity', `The severity must be a whole number from 1 to 5, not "${get('severity')}"`);
    const visibility = parseVisibility(get('visibility'));
    if (!visibility)
      fail('visibility', `The visibility must be Netzwerk or nur Ministerium, not "${get('visibility')}"`);
    const texts = {} as Record<'existing' | 'missing' | 'support' | 'evidence', string | undefined>;
    for (const k of ['existing', 'missing', 'support', 'evidence'] as const) {
      const value = get(k);
      if (value.length > TEXT_MAX) fail(k, `Longer than ${TEXT_MAX} characters`);
      texts[k] = value || undefined;
    }
    if (rowErrors.length || 'error' in key) {
      errors.push(...rowErrors);
      return;
    }
    out.push({
      row,
      key: { column: headerOf(key.kind, header, at), kind: key.kind, value: key.value },
      fieldColumn: headerOf('field', header, at),
      entry: {
        field: field!,
        targetGroup,
        affected: affected!,
        trend: trend!,
        severity: severity!,
        ...texts,
        visibility: visibility!,
      },
    });
  });
  return { rows: out, errors };
}

/** The column as the file names it (or its export header, when the file has none). */
function headerOf(key: ColumnKey, header: string[], at: Map<ColumnKey, number>): string {
  const i = at.get(key);
  return i === undefined ? (COLUMNS.find((c) => c.key === key)?.header ?? key) : header[i].trim();
}

function wholeNumber(text: string): number | null {
  // A spreadsheet's number cell may come as "120.0"; thousands are not written with separators.
  const m = /^(\d{1,9})(?:\.0+)?$/.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * The organisation's key: an AGS (a town) where given, else a Kreisschlüssel (a district). Spreadsheets read
 * "08111" as the number 8111: a key one digit short that starts with 8 gets its zero back.
 */
function readKey(
  ks: string,
  ags: string,
): { kind: 'kreisschluessel' | 'ags'; value: string } | { kind: 'kreisschluessel' | 'ags'; error: string } {
  if (ags) {
    const value = /^8\d{6}$/.test(ags) ? `0${ags}` : ags;
    return /^\d{8}$/.test(value)
      ? { kind: 'ags', value }
      : { kind: 'ags', error: `An AGS has eight digits, not "${ags}"` };
  }
  if (!ks)
    return { kind: 'kreisschluessel', error: 'The Kreisschlüssel (or, for a town, the AGS) is missing' };
  const value = /^8\d{3}$/.test(ks) ? `0${ks}` : ks;
  return /^\d{5}$/.test(value)
    ? { kind: 'kreisschluessel', value }
    : { kind: 'kreisschluessel', error: `A Kreisschlüssel has five digits, not "${ks}"` };
}
