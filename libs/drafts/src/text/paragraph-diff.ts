import { myersDiff } from './myers';
import { AlignedParagraph, alignParagraphs, ParagraphSummary } from './paragraph-alignment';

/** One paragraph-level operation; indexes are 0-based positions in the from / to paragraph lists. */
export interface ParagraphOp {
  op: 'equal' | 'delete' | 'insert';
  fromIndex: number | null;
  toIndex: number | null;
  text: string;
}

export interface ParagraphDiff {
  ops: ParagraphOp[];
  unified: string;
  stats: { equal: number; deleted: number; inserted: number };
  /** The same paragraphs with each deleted one that became an inserted one paired as a word-level `change`. */
  paragraphs: AlignedParagraph[];
  summary: ParagraphSummary;
}

const MAX_PARAGRAPH_EDITS = 5_000;
const CONTEXT = 1;

/** Paragraphs are blocks of text separated by blank lines (Markdown's notion), trimmed of trailing spaces. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/^\n+|\s+$/g, ''))
    .filter((p) => p.length > 0);
}

/**
 * Paragraph-level diff of two texts: JSON operations (every paragraph once, in order), a unified text whose
 * hunk headers count paragraphs (`@@ -from,count +to,count @@`), each paragraph's lines prefixed ` `, `-` or `+`,
 * and the aligned paragraphs, changed ones with their word-level parts.
 */
export function diffParagraphs(
  from: string,
  to: string,
  labels: { from: string; to: string },
): ParagraphDiff {
  const a = paragraphsOf(from);
  const b = paragraphsOf(to);
  const runs = myersDiff(a.length, b.length, (i, j) => a[i] === b[j], MAX_PARAGRAPH_EDITS) ?? [
    { kind: 'delete' as const, aStart: 0, aEnd: a.length, bStart: 0, bEnd: 0 },
    { kind: 'insert' as const, aStart: a.length, aEnd: a.length, bStart: 0, bEnd: b.length },
  ];
  const ops: ParagraphOp[] = [];
  for (const run of runs) {
    if (run.kind === 'insert') {
      for (let j = run.bStart; j < run.bEnd; j++)
        ops.push({ op: 'insert', fromIndex: null, toIndex: j, text: b[j] });
    } else {
      for (let i = run.aStart; i < run.aEnd; i++) {
        const j = run.bStart + (i - run.aStart);
        ops.push(
          run.kind === 'equal'
            ? { op: 'equal', fromIndex: i, toIndex: j, text: a[i] }
            : { op: 'delete', fromIndex: i, toIndex: null, text: a[i] },
        );
      }
    }
  }
  const stats = {
    equal: ops.filter((o) => o.op === 'equal').length,
    deleted: ops.filter((o) => o.op === 'delete').length,
    inserted: ops.filter((o) => o.op === 'insert').length,
  };
  return { ops, unified: unified(ops, labels), stats, ...alignParagraphs(ops) };
}

function unified(ops: ParagraphOp[], labels: { from: string; to: string }): string {
  const lines = [`--- ${oneLine(labels.from)}`, `+++ ${oneLine(labels.to)}`];
  const changed = ops.map((o, i) => (o.op === 'equal' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return `${lines.join('\n')}\n`;
  // Group changes whose context windows touch into hunks.
  const hunks: Array<[number, number]> = [];
  for (const i of changed) {
    const start = Math.max(0, i - CONTEXT);
    const end = Math.min(ops.length, i + CONTEXT + 1);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else hunks.push([start, end]);
  }
  for (const [start, end] of hunks) {
    const slice = ops.slice(start, end);
    const fromCount = slice.filter((o) => o.op !== 'insert').length;
    const toCount = slice.filter((o) => o.op !== 'delete').length;
    const fromStart = firstIndex(ops, start, 'fromIndex');
    const toStart = firstIndex(ops, start, 'toIndex');
    lines.push(
      `@@ -${fromStart + (fromCount ? 1 : 0)},${fromCount} +${toStart + (toCount ? 1 : 0)},${toCount} @@`,
    );
    for (const o of slice) {
      const mark = o.op === 'equal' ? ' ' : o.op === 'delete' ? '-' : '+';
      for (const line of o.text.split('\n')) lines.push(`${mark}${line}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The from/to paragraph index at which a hunk starting at op `at` begins (the count of paragraphs before it). */
function firstIndex(ops: ParagraphOp[], at: number, key: 'fromIndex' | 'toIndex'): number {
  let count = 0;
  for (let i = 0; i < at; i++) if (ops[i][key] !== null) count++;
  return count;
}

function oneLine(label: string): string {
  return label.replace(/\s+/g, ' ');
}
