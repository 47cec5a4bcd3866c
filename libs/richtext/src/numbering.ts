import { Fragment, type Node } from 'prosemirror-model';
import { IDENTIFIED, NUMBERED } from './schema';

/**
 * Stable block ids and Randnummern (Rn.).
 *
 * Every top-level block gets a random `id` once; every numbered block (paragraph, quote, list, table) an `rn`
 * label once. A label never changes by itself, so "Rn. 14" stays Rn. 14 while text is written above it:
 * a block added at the end gets the next whole number, a block added between Rn. 3 and Rn. 4 gets "3a" (then "3b"),
 * as legal texts do. Renumbering (1, 2, 3, … again) is an explicit act (`renumber`). A block that arrives with
 * an id or a label another block already has (a split paragraph, a paste) gets new ones.
 */

export interface BlockAttrsChange {
  /** Index of the top-level block. */
  index: number;
  /** Its position in the document. */
  pos: number;
  attrs: Record<string, unknown>;
}

export function newBlockId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36];
  return `b${out}`;
}

const LABEL = /^(\d+)([a-z]*)$/;

/** "3" → [3, ""], "3b" → [3, "b"]; anything else null. */
export function parseLabel(label: unknown): [number, string] | null {
  if (typeof label !== 'string') return null;
  const m = LABEL.exec(label);
  return m ? [Number(m[1]), m[2]] : null;
}

function compareLabels(a: [number, string], b: [number, string]): number {
  return a[0] - b[0] || a[1].length - b[1].length || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

/** The next free letter label after `prev` (and before `next`, if there is room; else still after prev). */
function between(prev: [number, string] | null, taken: Set<string>): string {
  const n = prev ? prev[0] : 0;
  const suffix = prev ? prev[1] : '';
  // "3" → "3a"; "3a" → "3b"; "3z" → "3za"
  let candidate = suffix;
  for (;;) {
    if (!candidate) candidate = 'a';
    else {
      const last = candidate.charCodeAt(candidate.length - 1);
      candidate = last < 122 ? candidate.slice(0, -1) + String.fromCharCode(last + 1) : candidate + 'a';
    }
    const label = `${n}${candidate}`;
    if (!taken.has(label)) return label;
  }
}

/**
 * What to change so every top-level block has a unique id and every numbered block a unique label (see above).
 * Untouched blocks keep theirs. Pure: the caller applies the changes (setNodeMarkup) — the browser in an
 * appended transaction, the server before it writes.
 */
export function numberingChanges(doc: Node, makeId: () => string = newBlockId): BlockAttrsChange[] {
  const changes: BlockAttrsChange[] = [];
  const ids = new Set<string>();
  const labels = new Set<string>();
  const blocks: Array<{
    node: Node;
    pos: number;
    index: number;
    label: [number, string] | null;
    fresh: boolean;
  }> = [];
  doc.forEach((node, pos, index) => {
    if (!IDENTIFIED.has(node.type.name)) return;
    let id = node.attrs.id as string | null;
    const attrs: Record<string, unknown> = { ...node.attrs };
    let changed = false;
    if (!id || ids.has(id)) {
      id = makeId();
      attrs.id = id;
      changed = true;
    }
    ids.add(id);
    let label: [number, string] | null = null;
    let fresh = false;
    if (NUMBERED.has(node.type.name)) {
      label = parseLabel(node.attrs.rn);
      if (!label || labels.has(node.attrs.rn as string)) {
        label = null;
        fresh = true;
      } else labels.add(node.attrs.rn as string);
    } else if (node.attrs.rn !== null) {
      attrs.rn = null;
      changed = true;
    }
    blocks.push({ node, pos, index, label, fresh });
    if (changed) changes.push({ index, pos, attrs });
  });
  // Labels for the blocks without one: after the last labelled block before them.
  let prev: [number, string] | null = null;
  let max = 0;
  for (const b of blocks) if (b.label) max = Math.max(max, b.label[0]);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.label) {
      prev = prev && compareLabels(prev, b.label) > 0 ? prev : b.label;
      continue;
    }
    if (!b.fresh) continue;
    const laterLabelled = blocks.slice(i + 1).some((o) => o.label);
    let label: string;
    if (!laterLabelled) {
      max += 1;
      label = String(max);
    } else label = between(prev, labels);
    labels.add(label);
    b.label = parseLabel(label);
    prev = b.label;
    const existing = changes.find((c) => c.index === b.index);
    if (existing) existing.attrs.rn = label;
    else changes.push({ index: b.index, pos: b.pos, attrs: { ...b.node.attrs, rn: label } });
  }
  return changes.sort((a, b) => a.pos - b.pos);
}

/** Labels 1, 2, 3, … in order, for an explicit renumbering. */
export function renumberChanges(doc: Node): BlockAttrsChange[] {
  const changes: BlockAttrsChange[] = [];
  let n = 0;
  doc.forEach((node, pos, index) => {
    if (!NUMBERED.has(node.type.name)) return;
    const label = String(++n);
    if (node.attrs.rn !== label) changes.push({ index, pos, attrs: { ...node.attrs, rn: label } });
  });
  return changes;
}

/** The document with the changes applied (server side; the browser uses a transaction). */
export function withBlockAttrs(doc: Node, changes: BlockAttrsChange[]): Node {
  if (!changes.length) return doc;
  const byIndex = new Map(changes.map((c) => [c.index, c.attrs]));
  const children: Node[] = [];
  doc.forEach((node, _pos, index) => {
    const attrs = byIndex.get(index);
    children.push(attrs ? node.type.create(attrs, node.content, node.marks) : node);
  });
  return doc.copy(Fragment.from(children));
}

/** Each top-level block's id and label, in order (what exports, diffs and anchors show). */
export function blockLabels(doc: Node): Array<{ id: string | null; rn: string | null; type: string }> {
  const out: Array<{ id: string | null; rn: string | null; type: string }> = [];
  doc.forEach((node) => {
    out.push({
      id: (node.attrs.id as string | null) ?? null,
      rn: NUMBERED.has(node.type.name) ? ((node.attrs.rn as string | null) ?? null) : null,
      type: node.type.name,
    });
  });
  return out;
}
