import { diffText, TextChange } from './text-diff';

export type RebasePlan =
  { ok: true; changes: TextChange[] } | { ok: false; conflicts: Array<{ start: number; end: number }> };

/**
 * A three-way plan for a stale edit: `base` is the text the editor started from, `current` the text now (others
 * changed it since), `target` what the editor wants. Returns the editor's changes, in base coordinates, that do not
 * collide with what others changed since — changes both sides made identically are dropped (already there). Two
 * changes collide when they replace overlapping text, or one inserts strictly inside text the other replaced;
 * insertions at the same point do not collide (both are kept).
 */
export function planRebase(base: string, current: string, target: string): RebasePlan {
  const mine = diffText(base, target);
  if (base === current) return { ok: true, changes: mine };
  const theirs = diffText(base, current);
  const changes: TextChange[] = [];
  const conflicts: Array<{ start: number; end: number }> = [];
  for (const m of mine) {
    if (theirs.some((t) => t.start === m.start && t.end === m.end && t.text === m.text)) continue;
    if (theirs.some((t) => collide(m, t))) conflicts.push({ start: m.start, end: m.end });
    else changes.push(m);
  }
  return conflicts.length ? { ok: false, conflicts } : { ok: true, changes };
}

export function collide(a: TextChange, b: TextChange): boolean {
  const aInsert = a.start === a.end;
  const bInsert = b.start === b.end;
  if (!aInsert && !bInsert) return Math.max(a.start, b.start) < Math.min(a.end, b.end);
  if (aInsert && bInsert) return false;
  const point = aInsert ? a.start : b.start;
  const range = aInsert ? b : a;
  return range.start < point && point < range.end;
}
