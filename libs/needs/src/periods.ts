import type { Cadence } from './fields';

const DAY_MS = 24 * 3600 * 1000;

export interface PeriodSlot {
  label: string;
  seq: number;
  opensAt: Date;
  dueAt: Date;
}

/**
 * The period of a round that `now` falls in: quarters ("2027-Q1") and months ("2027-03") of the calendar (UTC),
 * numbered from the round's start; a round held once has one period, from its start. Null for a one-off round
 * after its first period.
 */
export function periodAt(cadence: Cadence, start: Date, now: Date, dueDays: number): PeriodSlot | null {
  const due = (opensAt: Date) => new Date(opensAt.getTime() + dueDays * DAY_MS);
  if (cadence === 'once') {
    const opensAt = new Date(start);
    return { label: 'einmalig', seq: 0, opensAt, dueAt: due(opensAt) };
  }
  const months = cadence === 'quarterly' ? 3 : 1;
  const index = (d: Date) => Math.floor((d.getUTCFullYear() * 12 + d.getUTCMonth()) / months);
  const i = index(now);
  const first = index(start);
  const month = i * months;
  const calendar = new Date(Date.UTC(Math.floor(month / 12), month % 12, 1));
  const year = calendar.getUTCFullYear();
  const label =
    cadence === 'quarterly'
      ? `${year}-Q${Math.floor(calendar.getUTCMonth() / 3) + 1}`
      : `${year}-${String(calendar.getUTCMonth() + 1).padStart(2, '0')}`;
  // The round's first period runs from the round's start (not from the start of its quarter or month).
  const opensAt = i === first && start > calendar ? new Date(start) : calendar;
  return { label, seq: Math.max(0, i - first), opensAt, dueAt: due(opensAt) };
}

/** A period closes (no more reports, late ones included) this long after it is due. */
export const CLOSE_AFTER_DUE_MS = 14 * DAY_MS;
