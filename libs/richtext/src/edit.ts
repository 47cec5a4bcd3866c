import { Fragment, type Node } from 'prosemirror-model';
import { parseMarkdown } from './markdown';
import { newBlockId, numberingChanges, withBlockAttrs } from './numbering';
import { restoreChangeAttrs } from './tracked';

/**
 * The document a Markdown text (a REST write) makes of the current one. Markdown has no block ids, Randnummern or
 * change authors, so they are carried over: blocks that stayed the same keep theirs, a block edited in place keeps
 * its id and number, new blocks get new ones (numbering.ts); tracked changes keep their author and time.
 */
export function docFromMarkdown(
  current: Node,
  markdown: string,
  actorId: string | null,
  now: Date = new Date(),
  makeId: () => string = newBlockId,
): Node {
  const parsed = parseMarkdown(markdown);
  const carried = carryBlocks(current, parsed);
  const attributed = restoreChangeAttrs(current, carried, () => ({
    id: makeId(),
    author: actorId,
    at: now.toISOString(),
  }));
  return withBlockAttrs(attributed, numberingChanges(attributed, makeId));
}

const sameBlock = (a: Node, b: Node) =>
  a.type === b.type &&
  a.content.eq(b.content) &&
  (a.type.name !== 'heading' || a.attrs.level === b.attrs.level);

/** Aligns the top-level blocks of `next` with those of `current` and copies ids, labels and block marks. */
export function carryBlocks(current: Node, next: Node): Node {
  const old: Node[] = [];
  const neu: Node[] = [];
  current.forEach((n) => old.push(n));
  next.forEach((n) => neu.push(n));
  const pairs = new Map<number, number>(); // new index → old index
  let head = 0;
  while (head < old.length && head < neu.length && sameBlock(old[head], neu[head])) {
    pairs.set(head, head);
    head++;
  }
  let tail = 0;
  while (
    tail < old.length - head &&
    tail < neu.length - head &&
    sameBlock(old[old.length - 1 - tail], neu[neu.length - 1 - tail])
  ) {
    pairs.set(neu.length - 1 - tail, old.length - 1 - tail);
    tail++;
  }
  const o = old.slice(head, old.length - tail);
  const n = neu.slice(head, neu.length - tail);
  // Equal blocks in the middle, by longest common subsequence (when small enough), then blocks of the same type
  // between two matches, in place.
  const matches: Array<[number, number]> = [];
  if (o.length * n.length <= 4_000_000) {
    const w = n.length + 1;
    const lcs = new Uint16Array((o.length + 1) * w);
    for (let i = o.length - 1; i >= 0; i--)
      for (let j = n.length - 1; j >= 0; j--)
        lcs[i * w + j] = sameBlock(o[i], n[j])
          ? lcs[(i + 1) * w + j + 1] + 1
          : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    let i = 0;
    let j = 0;
    while (i < o.length && j < n.length) {
      if (sameBlock(o[i], n[j])) {
        matches.push([i, j]);
        i++;
        j++;
      } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) i++;
      else j++;
    }
  }
  matches.push([o.length, n.length]);
  let pi = 0;
  let pj = 0;
  for (const [mi, mj] of matches) {
    // The unmatched runs o[pi..mi) and n[pj..mj): an edited block pairs with the new block most like it (so a
    // paragraph edited next to a new one keeps its number), in order; a lone block rewritten in place keeps its.
    for (const [a, b] of pairGap(o.slice(pi, mi), n.slice(pj, mj))) pairs.set(head + pj + b, head + pi + a);
    if (mi < o.length) pairs.set(head + mj, head + mi);
    pi = mi + 1;
    pj = mj + 1;
  }
  const used = new Set<number>();
  const children = neu.map((node, index) => {
    const from = pairs.get(index);
    if (from === undefined || used.has(from)) return node;
    used.add(from);
    const source = old[from];
    const attrs = { ...node.attrs, id: source.attrs.id ?? null, rn: source.attrs.rn ?? null };
    if (!('id' in node.type.spec.attrs!)) return node;
    return node.type.create(attrs, node.content, source.marks.length ? source.marks : node.marks);
  });
  return next.copy(Fragment.from(children));
}

const words = (node: Node): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const w of node.textContent.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
};

/** How alike two blocks' words are (Dice coefficient over word counts), 0…1. */
function likeness(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const [w, n] of a) {
    shared += Math.min(n, b.get(w) ?? 0);
    total += n;
  }
  for (const n of b.values()) total += n;
  return total ? (2 * shared) / total : 1;
}

const ALIKE = 0.3;

/** Order-preserving pairs [old index, new index] of a gap between equal blocks, most alike first. */
function pairGap(o: Node[], n: Node[]): Array<[number, number]> {
  if (!o.length || !n.length) return [];
  if (o.length * n.length > 40_000) {
    // Too large to weigh: pair blocks of the same type in order.
    const out: Array<[number, number]> = [];
    let a = 0;
    for (let b = 0; b < n.length && a < o.length; b++) {
      while (a < o.length && o[a].type !== n[b].type) a++;
      if (a < o.length) out.push([a++, b]);
    }
    return out;
  }
  const ow = o.map(words);
  const nw = n.map(words);
  const lone = o.length === 1 && n.length === 1;
  const score = (i: number, j: number) => {
    if (o[i].type !== n[j].type) return -1;
    const like = likeness(ow[i], nw[j]);
    return like >= ALIKE ? like : lone ? 0.01 : -1;
  };
  const w = n.length + 1;
  const best = new Float64Array((o.length + 1) * w);
  for (let i = o.length - 1; i >= 0; i--)
    for (let j = n.length - 1; j >= 0; j--) {
      const s = score(i, j);
      best[i * w + j] = Math.max(
        best[(i + 1) * w + j],
        best[i * w + j + 1],
        s > 0 ? s + best[(i + 1) * w + j + 1] : -Infinity,
      );
    }
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < o.length && j < n.length) {
    const s = score(i, j);
    if (s > 0 && best[i * w + j] === s + best[(i + 1) * w + j + 1]) {
      out.push([i++, j++]);
    } else if (best[i * w + j] === best[(i + 1) * w + j]) i++;
    else j++;
  }
  return out;
}
