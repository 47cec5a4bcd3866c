import { myersDiff } from './myers';

/** Replace `old[start, end)` (UTF-16 offsets of the old text) with `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

const CHAR_MAX_EDITS = 1_000;
const LINE_MAX_EDITS = 2_000;
const BLOCK_CHAR_MAX_EDITS = 400;

/**
 * The changes that turn `a` into `b`, sorted and non-overlapping, never splitting a surrogate pair. Character
 * precise where the texts differ in up to ~1,000 places; beyond that it diffs lines first and characters within
 * changed lines, and as a last resort replaces the differing middle as one block.
 */
export function diffText(a: string, b: string): TextChange[] {
  if (a === b) return [];
  const ca = Array.from(a);
  const cb = Array.from(b);
  let prefix = 0;
  while (prefix < ca.length && prefix < cb.length && ca[prefix] === cb[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < ca.length - prefix &&
    suffix < cb.length - prefix &&
    ca[ca.length - 1 - suffix] === cb[cb.length - 1 - suffix]
  )
    suffix++;
  const midA = ca.slice(prefix, ca.length - suffix);
  const midB = cb.slice(prefix, cb.length - suffix);
  const base = utf16Length(ca, 0, prefix);
  const changes = diffCodePoints(midA, midB, CHAR_MAX_EDITS) ?? diffByLines(midA.join(''), midB.join(''));
  return cleanupSemantic(
    changes.map((c) => ({ start: c.start + base, end: c.end + base, text: c.text })),
    a,
  );
}

/**
 * The shortest edit script often keeps stray letters of a rewritten sentence ("berichten." → "gern" keeps
 * "e", "r", "n"). Like diff-match-patch's semantic cleanup, an unchanged stretch between two changes that is no
 * longer than either of them is folded into one replacement, until nothing changes — so a rewritten passage is
 * replaced as a whole (anchors on it detach, concurrent edits in it are seen as overlapping).
 */
export function cleanupSemantic(changes: TextChange[], old: string): TextChange[] {
  const size = (c: TextChange) => Math.max(c.end - c.start, c.text.length);
  let out = changes;
  for (let merged = true; merged;) {
    merged = false;
    const next: TextChange[] = [];
    for (const change of out) {
      const last = next[next.length - 1];
      const gap = last ? change.start - last.end : Infinity;
      if (last && gap <= size(last) && gap <= size(change)) {
        next[next.length - 1] = {
          start: last.start,
          end: change.end,
          text: last.text + old.slice(last.end, change.start) + change.text,
        };
        merged = true;
      } else {
        next.push(change);
      }
    }
    out = next;
  }
  return out;
}

/** Applies sorted, non-overlapping changes to a text. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let out = '';
  let at = 0;
  for (const c of changes) {
    out += text.slice(at, c.start) + c.text;
    at = c.end;
  }
  return out + text.slice(at);
}

function utf16Length(points: string[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n += points[i].length;
  return n;
}

function diffCodePoints(a: string[], b: string[], maxEdits: number): TextChange[] | null {
  const runs = myersDiff(a.length, b.length, (i, j) => a[i] === b[j], maxEdits);
  if (!runs) return null;
  const offsets = [0];
  for (const p of a) offsets.push(offsets[offsets.length - 1] + p.length);
  const changes: TextChange[] = [];
  for (const run of runs) {
    if (run.kind === 'equal') continue;
    const start = offsets[run.aStart];
    const end = offsets[run.aEnd];
    const text = run.kind === 'insert' ? b.slice(run.bStart, run.bEnd).join('') : '';
    const last = changes[changes.length - 1];
    if (last && last.end === start) {
      last.end = end;
      last.text += text;
    } else {
      changes.push({ start, end, text });
    }
  }
  return changes;
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function diffByLines(a: string, b: string): TextChange[] {
  const la = splitLines(a);
  const lb = splitLines(b);
  const runs = myersDiff(la.length, lb.length, (i, j) => la[i] === lb[j], LINE_MAX_EDITS);
  if (!runs) return [{ start: 0, end: a.length, text: b }];
  const offsets = [0];
  for (const line of la) offsets.push(offsets[offsets.length - 1] + line.length);
  // Pair up neighbouring deletes and inserts into blocks, then refine each block by characters.
  const blocks: Array<{ aStart: number; aEnd: number; bStart: number; bEnd: number }> = [];
  for (const run of runs) {
    if (run.kind === 'equal') continue;
    const last = blocks[blocks.length - 1];
    if (last && last.aEnd === run.aStart && last.bEnd === run.bStart) {
      last.aEnd = run.aEnd;
      last.bEnd = run.bEnd;
    } else {
      blocks.push({ ...run });
    }
  }
  const changes: TextChange[] = [];
  for (const block of blocks) {
    const start = offsets[block.aStart];
    const oldText = la.slice(block.aStart, block.aEnd).join('');
    const newText = lb.slice(block.bStart, block.bEnd).join('');
    const fine = diffCodePoints(Array.from(oldText), Array.from(newText), BLOCK_CHAR_MAX_EDITS);
    if (fine)
      changes.push(...fine.map((c) => ({ start: c.start + start, end: c.end + start, text: c.text })));
    else changes.push({ start, end: start + oldText.length, text: newText });
  }
  return changes;
}
