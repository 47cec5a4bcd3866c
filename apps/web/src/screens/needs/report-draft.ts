/**
 * A needs report as its people edit it: one entry per field of action (or none), or a Fehlanzeige. Pure rules:
 * from and to the api's shape, what is incomplete, and the three-way merge of a colleague's save with what is not
 * saved here yet — field of action by field of action (the colleague's version of a field wins where only they
 * changed it; a field changed here stays as it is here).
 */
import type { Entry, Report, Trend, Visibility } from './model';

export interface LocalEntry {
  targetGroup: string;
  affected: string;
  trend: Trend;
  severity: number;
  existing: string;
  missing: string;
  support: string;
  evidence: string;
  visibility: Visibility;
}

export interface LocalReport {
  nilReturn: boolean;
  /** By field of action; a field without a need is absent. */
  entries: Record<string, LocalEntry>;
}

export function emptyEntry(): LocalEntry {
  return {
    targetGroup: '',
    affected: '',
    trend: 'stable',
    severity: 3,
    existing: '',
    missing: '',
    support: '',
    evidence: '',
    visibility: 'network',
  };
}

export function entryFromServer(e: Entry): LocalEntry {
  return {
    targetGroup: e.targetGroup,
    affected: String(e.affected),
    trend: e.trend,
    severity: e.severity,
    existing: e.existing ?? '',
    missing: e.missing ?? '',
    support: e.support ?? '',
    evidence: e.evidence ?? '',
    visibility: e.visibility,
  };
}

export function fromServer(report: Report): LocalReport {
  return {
    nilReturn: report.nilReturn,
    entries: Object.fromEntries(report.entries.map((e) => [e.field, entryFromServer(e)])),
  };
}

export function entryBody(field: string, e: LocalEntry) {
  return {
    field,
    targetGroup: e.targetGroup.trim(),
    affected: Math.max(0, Math.round(Number(e.affected) || 0)),
    trend: e.trend,
    severity: e.severity,
    existing: e.existing.trim() || undefined,
    missing: e.missing.trim() || undefined,
    support: e.support.trim() || undefined,
    evidence: e.evidence.trim() || undefined,
    visibility: e.visibility,
  };
}

/** The PUT body, fields in the round's order. */
export function toBody(local: LocalReport, order: string[]) {
  if (local.nilReturn) return { nilReturn: true, entries: [] };
  return {
    nilReturn: false,
    entries: order.filter((f) => local.entries[f]).map((f) => entryBody(f, local.entries[f])),
  };
}

/** The fields whose entry cannot be saved yet (a target group is required; Betroffene a whole number ≥ 0). */
export function incomplete(local: LocalReport): string[] {
  if (local.nilReturn) return [];
  return Object.entries(local.entries)
    .filter(
      ([, e]) => !e.targetGroup.trim() || (e.affected.trim() !== '' && !/^\d+$/.test(e.affected.trim())),
    )
    .map(([f]) => f);
}

const sameEntry = (a: LocalEntry | undefined, b: LocalEntry | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function sameContent(a: LocalReport, b: LocalReport): boolean {
  if (a.nilReturn !== b.nilReturn) return false;
  const fields = new Set([...Object.keys(a.entries), ...Object.keys(b.entries)]);
  return [...fields].every((f) => sameEntry(a.entries[f], b.entries[f]));
}

/**
 * Three-way merge: `base` is what this screen last had from the api, `mine` what is shown here, `theirs` the
 * api's newer report. Returns the merged report to show and the new base (theirs).
 */
export function merge(base: LocalReport, mine: LocalReport, theirs: LocalReport) {
  const fields = new Set([
    ...Object.keys(base.entries),
    ...Object.keys(mine.entries),
    ...Object.keys(theirs.entries),
  ]);
  const entries: Record<string, LocalEntry> = {};
  for (const f of fields) {
    const changedHere = !sameEntry(base.entries[f], mine.entries[f]);
    const pick = changedHere ? mine.entries[f] : theirs.entries[f];
    if (pick) entries[f] = pick;
  }
  const nilReturn = mine.nilReturn !== base.nilReturn ? mine.nilReturn : theirs.nilReturn;
  return { merged: { nilReturn, entries }, base: theirs };
}
