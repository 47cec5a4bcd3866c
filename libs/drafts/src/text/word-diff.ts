import { myersDiff } from './myers';

/** A stretch of a paragraph that both texts have (`equal`), only the old one (`delete`) or only the new one. */
export interface DiffPart {
  op: 'equal' | 'delete' | 'insert';
  text: string;
}

/** Tokens both texts have, or a replacement of `del` (old tokens) by `ins` (new tokens); either may be empty. */
type Segment = { kind: 'equal'; tokens: string[] } | { kind: 'change'; del: string[]; ins: string[] };
type Change = Extract<Segment, { kind: 'change' }>;

const WORD_MAX_EDITS = 1_000;

/**
 * Words (letters with their combining marks, and digits: `Maßnahmen`, `Bürger`, `2027`), runs of whitespace, and
 * every other character on its own (punctuation, Markdown's `*`, `#`, `[`). Joined, the tokens are the text.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+|\s+|[^\p{L}\p{M}\p{N}\s]/gu;
const WORD = /[\p{L}\p{N}]/u;

export function tokensOf(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * Word-level diff of two versions of a paragraph: parts in reading order whose `equal` and `delete` texts join to
 * `from` and whose `equal` and `insert` texts join to `to`; within a replacement the deletion comes first. Words
 * are never split. Marks are kept whole where the shortest edit script would scatter them: an insertion or
 * deletion is slid along equal tokens to join a neighbouring change ("Kurse, auch digital, vor Ort" → "Kurse vor
 * Ort" deletes ", auch digital," in one piece), and two changes with only spaces or punctuation between them read
 * as one replacement ("alte Ideen" → "neue Wege"). Beyond ~1,000 word edits the differing middle is replaced.
 */
export function diffWords(from: string, to: string): DiffPart[] {
  const a = tokensOf(from);
  const b = tokensOf(to);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  const runs = myersDiff(midA.length, midB.length, (i, j) => midA[i] === midB[j], WORD_MAX_EDITS);
  const segments: Segment[] = [{ kind: 'equal', tokens: a.slice(0, prefix) }];
  if (!runs) segments.push({ kind: 'change', del: midA, ins: midB });
  for (const run of runs ?? []) {
    if (run.kind === 'equal') {
      segments.push({ kind: 'equal', tokens: midA.slice(run.aStart, run.aEnd) });
      continue;
    }
    const last = segments[segments.length - 1];
    const change: Change = last.kind === 'change' ? last : { kind: 'change', del: [], ins: [] };
    if (change !== last) segments.push(change);
    if (run.kind === 'delete') change.del.push(...midA.slice(run.aStart, run.aEnd));
    else change.ins.push(...midB.slice(run.bStart, run.bEnd));
  }
  segments.push({ kind: 'equal', tokens: a.slice(a.length - suffix) });
  return partsOf(foldGaps(slide(segments.filter((s) => s.kind === 'change' || s.tokens.length))));
}

/** An insertion or a deletion alone (not a replacement): what can slide along equal tokens. */
function pureOf(s: Segment | undefined): string[] | null {
  if (s?.kind !== 'change') return null;
  if (s.del.length && !s.ins.length) return s.del;
  if (s.ins.length && !s.del.length) return s.ins;
  return null;
}

/**
 * Where an insertion or deletion sits after an equal stretch that follows another change, and can move left over
 * all of it (the stretch's tokens end as the insertion's do, one by one), it moves and joins that change; mirrored
 * to the right. Both texts stay the same: only which of two equal tokens counts as changed moves.
 */
function slide(segments: Segment[]): Segment[] {
  for (let k = 0; k < segments.length; k++) {
    if (slideLeft(segments, k) || slideRight(segments, k)) k = Math.max(-1, k - 3);
  }
  return segments;
}

function slideLeft(s: Segment[], k: number): boolean {
  const moving = pureOf(s[k]);
  const gap = s[k - 1];
  const joined = s[k - 2];
  if (!moving || gap?.kind !== 'equal' || joined?.kind !== 'change') return false;
  const t = [...moving];
  const e = [...gap.tokens];
  const carried: string[] = [];
  while (e.length && e[e.length - 1] === t[t.length - 1]) {
    carried.unshift(t.pop()!);
    t.unshift(e.pop()!);
  }
  if (e.length) return false;
  (moving === (s[k] as Change).del ? joined.del : joined.ins).push(...t);
  const after = s[k + 1];
  if (after?.kind === 'equal') {
    after.tokens.unshift(...carried);
    s.splice(k - 1, 2);
  } else s.splice(k - 1, 2, { kind: 'equal', tokens: carried });
  return true;
}

function slideRight(s: Segment[], k: number): boolean {
  const moving = pureOf(s[k]);
  const gap = s[k + 1];
  const joined = s[k + 2];
  if (!moving || gap?.kind !== 'equal' || joined?.kind !== 'change') return false;
  const t = [...moving];
  const e = [...gap.tokens];
  const carried: string[] = [];
  while (e.length && e[0] === t[0]) {
    carried.push(t.shift()!);
    t.push(e.shift()!);
  }
  if (e.length) return false;
  (moving === (s[k] as Change).del ? joined.del : joined.ins).unshift(...t);
  const before = s[k - 1];
  if (before?.kind === 'equal') {
    before.tokens.push(...carried);
    s.splice(k, 2);
  } else s.splice(k, 2, { kind: 'equal', tokens: carried });
  return true;
}

/**
 * Two changes with only spaces or punctuation between them become one replacement, unless both are insertions
 * (or both deletions): folding those would mark the unchanged space as both deleted and inserted.
 */
function foldGaps(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const gap = out[out.length - 1];
    const before = out[out.length - 2];
    if (s.kind === 'change' && gap?.kind === 'equal' && before?.kind === 'change') {
      const sameKind = (!s.ins.length && !before.ins.length) || (!s.del.length && !before.del.length);
      if (!sameKind && !gap.tokens.some((t) => WORD.test(t))) {
        before.del.push(...gap.tokens, ...s.del);
        before.ins.push(...gap.tokens, ...s.ins);
        out.pop();
        continue;
      }
    }
    out.push(s);
  }
  return out;
}

function partsOf(segments: Segment[]): DiffPart[] {
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], tokens: string[]) => {
    if (!tokens.length) return;
    const last = parts[parts.length - 1];
    if (last?.op === op) last.text += tokens.join('');
    else parts.push({ op, text: tokens.join('') });
  };
  for (const s of segments) {
    if (s.kind === 'equal') push('equal', s.tokens);
    else {
      push('delete', s.del);
      push('insert', s.ins);
    }
  }
  return parts;
}

/** The words of a text (not whitespace, punctuation or Markdown marks), counted: what `similarity` compares. */
export function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokensOf(text)) {
    if (!WORD.test(token)) continue;
    counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return counts;
}

/**
 * How much two paragraphs share: the Dice coefficient of their words (2·shared / total), from 0 (no word in
 * common) to 1 (the same words, in any order; also two paragraphs without words, e.g. two rules `---`).
 */
export function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const [token, n] of a) {
    shared += Math.min(n, b.get(token) ?? 0);
    total += n;
  }
  for (const n of b.values()) total += n;
  return total === 0 ? 1 : (2 * shared) / total;
}
