import type { ParagraphOp } from './paragraph-diff';
import { DiffPart, diffWords, similarity, wordCounts } from './word-diff';

/**
 * A paragraph of a diff read as people compare: unchanged, inserted, deleted, or changed — a paragraph of `from`
 * that became one of `to`, with its words marked in `parts`.
 */
export interface AlignedParagraph {
  op: 'equal' | 'delete' | 'insert' | 'change';
  fromIndex: number | null;
  toIndex: number | null;
  /** The paragraph as `to` has it (a deleted one: as `from` had it). */
  text: string;
  /** Only for `change`: its text in reading order, `equal` + `delete` giving the old, `equal` + `insert` the new. */
  parts?: DiffPart[];
  /**
   * The Randnummer of the block the paragraph belongs to in `from` and in `to` ("14", "3a"; null for headings, on
   * the side the paragraph is not on, and for revisions made before revisions kept their numbering).
   */
  fromRn?: string | null;
  toRn?: string | null;
}

export interface ParagraphSummary {
  unchanged: number;
  changed: number;
  inserted: number;
  deleted: number;
}

/** Paragraphs sharing at least half their words (Dice) count as one changed paragraph. */
const SAME_PARAGRAPH = 0.5;
/** Larger blocks of replaced paragraphs (deleted × inserted) are paired by position, not by the best match. */
const MAX_PAIRING_CELLS = 10_000;

/**
 * Turns paragraph operations into aligned paragraphs: within each stretch of deleted and inserted paragraphs
 * between unchanged ones, deleted paragraphs are paired in order with the inserted ones they resemble most, and
 * each pair becomes one `change` with a word-level diff.
 */
export function alignParagraphs(ops: ParagraphOp[]): {
  paragraphs: AlignedParagraph[];
  summary: ParagraphSummary;
} {
  const paragraphs: AlignedParagraph[] = [];
  let deleted: ParagraphOp[] = [];
  let inserted: ParagraphOp[] = [];
  const flush = () => {
    paragraphs.push(...pairBlock(deleted, inserted));
    deleted = [];
    inserted = [];
  };
  for (const op of ops) {
    if (op.op === 'delete') deleted.push(op);
    else if (op.op === 'insert') inserted.push(op);
    else {
      flush();
      paragraphs.push({ ...op });
    }
  }
  flush();
  const count = (op: AlignedParagraph['op']) => paragraphs.filter((p) => p.op === op).length;
  return {
    paragraphs,
    summary: {
      unchanged: count('equal'),
      changed: count('change'),
      inserted: count('insert'),
      deleted: count('delete'),
    },
  };
}

function pairBlock(deleted: ParagraphOp[], inserted: ParagraphOp[]): AlignedParagraph[] {
  const out: AlignedParagraph[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of bestPairs(deleted, inserted)) {
    while (i < pi) out.push({ ...deleted[i++] });
    while (j < pj) out.push({ ...inserted[j++] });
    out.push({
      op: 'change',
      fromIndex: deleted[pi].fromIndex,
      toIndex: inserted[pj].toIndex,
      text: inserted[pj].text,
      parts: diffWords(deleted[pi].text, inserted[pj].text),
    });
    i++;
    j++;
  }
  while (i < deleted.length) out.push({ ...deleted[i++] });
  while (j < inserted.length) out.push({ ...inserted[j++] });
  return out;
}

/**
 * Pairs (deleted index, inserted index), increasing in both, of the greatest total similarity, each pair at
 * least SAME_PARAGRAPH alike (a weighted longest common subsequence). Beyond MAX_PAIRING_CELLS: the n-th deleted
 * with the n-th inserted paragraph, where they are alike enough.
 */
function bestPairs(deleted: ParagraphOp[], inserted: ParagraphOp[]): Array<[number, number]> {
  const n = deleted.length;
  const m = inserted.length;
  if (n === 0 || m === 0) return [];
  const a = deleted.map((p) => wordCounts(p.text));
  const b = inserted.map((p) => wordCounts(p.text));
  const alike = (i: number, j: number) => {
    const s = similarity(a[i], b[j]);
    return s >= SAME_PARAGRAPH ? s : 0;
  };
  if (n * m > MAX_PAIRING_CELLS) {
    const pairs: Array<[number, number]> = [];
    for (let k = 0; k < Math.min(n, m); k++) if (alike(k, k) > 0) pairs.push([k, k]);
    return pairs;
  }
  // best[i][j]: the greatest total for deleted[i..] and inserted[j..].
  const weight = Array.from({ length: n }, (_, i) => Float64Array.from({ length: m }, (_, j) => alike(i, j)));
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const paired = weight[i][j] > 0 ? weight[i][j] + best[i + 1][j + 1] : 0;
      best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], paired);
    }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (weight[i][j] > 0 && best[i][j] === weight[i][j] + best[i + 1][j + 1]) pairs.push([i++, j++]);
    else if (best[i][j] === best[i + 1][j]) i++;
    else j++;
  }
  return pairs;
}
