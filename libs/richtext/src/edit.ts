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
    // The unmatched runs o[pi..mi) and n[pj..mj): pair blocks of the same type in order.
    let a = pi;
    for (let b = pj; b < mj && a < mi; b++) {
      while (a < mi && o[a].type !== n[b].type) a++;
      if (a < mi) {
        pairs.set(head + b, head + a);
        a++;
      }
    }
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
