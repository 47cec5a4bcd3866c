import type { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { CHANGE_MARKS, posOfCharIndex, schema } from '@runde/richtext';
import { charsOf, type ConsultedText } from './consulted-text';

/** A point whose proposed wording is to go into the draft. */
export interface Proposal {
  commentId: string;
  randnummer: string | null;
  anchorFrom: number | null;
  anchorTo: number | null;
  proposedWording: string | null;
}

/** Where a proposal goes in the current document: the text [from, to) it replaces, and its wording. */
export interface Target {
  commentId: string;
  from: number;
  to: number;
  text: string;
  /** The Randnummer of the block in the current document (null for a heading). */
  randnummer: string | null;
}

export type SkipReason =
  | 'not_found'
  | 'not_adopted'
  | 'already_applied'
  | 'no_proposal'
  | 'no_anchor'
  | 'no_such_block'
  | 'not_a_paragraph'
  | 'crosses_paragraphs'
  | 'text_changed'
  | 'pending_changes'
  | 'overlaps';

export interface Skip {
  commentId: string;
  reason: SkipReason;
}

export const SKIP_MESSAGES: Record<SkipReason, string> = {
  not_found: 'no such point in a released statement of this round',
  not_adopted: 'only points assessed as adopted or partly adopted are applied',
  already_applied: 'the proposal was applied to the draft already',
  no_proposal: 'the point has no proposed wording',
  no_anchor: 'a general point names no place in the text',
  no_such_block: 'the text has no block with this Randnummer (any more)',
  not_a_paragraph: 'the block is not a single paragraph (a list or a table): apply the proposal by hand',
  crosses_paragraphs: 'the range spans more than one paragraph: apply the proposal by hand',
  text_changed: 'the text there changed since the consultation opened: apply the proposal by hand',
  pending_changes: 'the text there has pending tracked changes: decide them first',
  overlaps: 'another proposal applied now replaces the same text',
};

interface Top {
  node: Node;
  pos: number;
  charStart: number;
}

function tops(doc: Node): Top[] {
  const out: Top[] = [];
  let k = 0;
  doc.forEach((node, pos) => {
    out.push({ node, pos, charStart: k });
    k += charsOf(node).length;
  });
  return out;
}

const hasChanges = (doc: Node, from: number, to: number) => {
  let found = false;
  doc.nodesBetween(from, Math.max(to, from + 1), (node) => {
    if (node.marks.some((m) => (CHANGE_MARKS as readonly string[]).includes(m.type.name))) found = true;
    return !found;
  });
  return found;
};

/**
 * Where each proposal goes in `current`, found through the consulted text (`consulted`): a Randnummer names a
 * block there, a range the characters it covered; the block is found again in the current document by its stable
 * id, and the text must still be what was consulted (else the proposal is skipped, never guessed). A Randnummer's
 * proposal replaces the block's whole text (a single paragraph or heading, or a quote holding one); a range's
 * the range (inside one paragraph). Proposals on text that has pending tracked changes, or on text another
 * proposal of the same batch replaces, are skipped too.
 */
export function locate(
  consulted: ConsultedText,
  current: Node,
  proposals: Proposal[],
): { targets: Target[]; skipped: Skip[] } {
  const now = tops(current);
  const byId = new Map(now.filter((t) => t.node.attrs.id).map((t) => [t.node.attrs.id as string, t]));
  const targets: Target[] = [];
  const skipped: Skip[] = [];
  for (const p of proposals) {
    const text = (p.proposedWording ?? '').replace(/\s*\n\s*/g, ' ').trim();
    const found = text ? place(consulted, current, now, byId, p) : 'no_proposal';
    if (typeof found === 'string') {
      skipped.push({ commentId: p.commentId, reason: found });
      continue;
    }
    const overlaps = targets.some((t) => found.from < t.to && t.from < found.to);
    if (overlaps || hasChanges(current, found.from, found.to)) {
      skipped.push({ commentId: p.commentId, reason: overlaps ? 'overlaps' : 'pending_changes' });
      continue;
    }
    targets.push({ commentId: p.commentId, ...found, text });
  }
  return { targets, skipped };
}

function place(
  consulted: ConsultedText,
  current: Node,
  now: Top[],
  byId: Map<string, Top>,
  p: Proposal,
): { from: number; to: number; randnummer: string | null } | SkipReason {
  if (p.randnummer) {
    const index = consulted.blocks.findIndex((b) => b.rn === p.randnummer);
    if (index < 0) return 'no_such_block';
    const block = consulted.blocks[index];
    const top = block.id ? byId.get(block.id) : now[index];
    if (!top) return 'no_such_block';
    if (charsOf(top.node) !== charsOf(consulted.doc.child(index))) return 'text_changed';
    const textblocks: Array<{ node: Node; pos: number }> = [];
    top.node.descendants((node, pos) => {
      if (node.isTextblock) textblocks.push({ node, pos: top.pos + 1 + pos });
      return !node.isTextblock;
    });
    if (top.node.isTextblock) textblocks.push({ node: top.node, pos: top.pos });
    if (textblocks.length !== 1) return 'not_a_paragraph';
    const { node, pos } = textblocks[0];
    return { from: pos + 1, to: pos + 1 + node.content.size, randnummer: rnOf(top.node) };
  }
  if (p.anchorFrom === null || p.anchorTo === null) return 'no_anchor';
  const [a, b] = consulted.map.charRange(p.anchorFrom, p.anchorTo);
  const index = consulted.blocks.findIndex((x) => a >= x.charStart && a < x.charEnd);
  if (index < 0 || b <= a) return 'no_such_block';
  const block = consulted.blocks[index];
  if (b > block.charEnd) return 'crosses_paragraphs';
  const top = block.id ? byId.get(block.id) : now[index];
  if (!top) return 'no_such_block';
  const quote = consulted.chars.slice(a, b);
  const rel = a - block.charStart;
  if (charsOf(top.node).slice(rel, rel + quote.length) !== quote) return 'text_changed';
  const from = posOfCharIndex(current, top.charStart + rel, 1);
  const to = posOfCharIndex(current, top.charStart + rel + quote.length, -1);
  const $from = current.resolve(from);
  if ($from.parent !== current.resolve(to).parent || !$from.parent.isTextblock) return 'crosses_paragraphs';
  return { from, to, randnummer: rnOf(top.node) };
}

const rnOf = (block: Node) =>
  block.type.name === 'heading' ? null : ((block.attrs.rn as string | null | undefined) ?? null);

/**
 * The document with each target's text marked deleted and its wording inserted after it, as tracked changes of
 * `author` at `at`: one change per target, its id the target's `changeId`.
 */
export function applyTracked(
  doc: Node,
  targets: Array<Target & { changeId: string }>,
  author: string,
  at: string,
): Node {
  const tr = new Transform(doc);
  for (const t of [...targets].sort((x, y) => y.from - x.from)) {
    const attrs = { id: t.changeId, author, at };
    if (t.to > t.from) tr.addMark(t.from, t.to, schema.marks.deletion.create(attrs));
    tr.insert(t.to, schema.text(t.text, [schema.marks.insertion.create(attrs)]));
  }
  return tr.doc;
}
