import { Fragment, type Mark, type Node } from 'prosemirror-model';
import { NUMBERED } from './schema';

/**
 * Tracked changes (Änderungsmodus): text carrying an `insertion` or `deletion` mark (or a `modification`, for a
 * format change) with the suggesting person and time. One change is the marks of one id and author — typing over
 * a selection makes a deletion and an insertion with the same id, decided together.
 */

export type ChangeKind = 'insertion' | 'deletion' | 'modification';
export const CHANGE_MARKS: readonly ChangeKind[] = ['insertion', 'deletion', 'modification'];

export interface TrackedChange {
  /** `<id>~<author>`: what accept/reject name. */
  key: string;
  authorId: string | null;
  at: string | null;
  /** What it adds and what it removes (text). */
  inserted: string;
  deleted: string;
  formatted: boolean;
  /** The Randnummer of the first block it touches (null before the first numbered block or for headings). */
  rn: string | null;
}

export const changeKey = (mark: Mark): string =>
  `${String(mark.attrs.id)}~${String(mark.attrs.author ?? '')}`;

const isChange = (mark: Mark) => (CHANGE_MARKS as readonly string[]).includes(mark.type.name);

/** Every tracked change, in document order. */
export function listChanges(doc: Node): TrackedChange[] {
  const byKey = new Map<string, TrackedChange>();
  doc.forEach((block) => {
    const rn = NUMBERED.has(block.type.name) ? ((block.attrs.rn as string | null) ?? null) : null;
    block.descendants((node) => {
      if (!node.isText) return true;
      for (const mark of node.marks) {
        if (!isChange(mark)) continue;
        const key = changeKey(mark);
        let change = byKey.get(key);
        if (!change) {
          change = {
            key,
            authorId: (mark.attrs.author as string | null) ?? null,
            at: (mark.attrs.at as string | null) ?? null,
            inserted: '',
            deleted: '',
            formatted: false,
            rn,
          };
          byKey.set(key, change);
        }
        if (mark.type.name === 'insertion') change.inserted += node.text;
        else if (mark.type.name === 'deletion') change.deleted += node.text;
        else change.formatted = true;
      }
      return false;
    });
  });
  return [...byKey.values()];
}

type Decide = (mark: Mark) => 'accept' | 'reject' | null;

/**
 * The document with the decided changes carried out: an accepted insertion stays (unmarked), a rejected one goes;
 * an accepted deletion goes, a rejected one stays (unmarked); a format change loses its mark either way. A
 * paragraph left empty because all its text was a rejected insertion (or an accepted deletion) goes too.
 */
export function decideChanges(doc: Node, decide: Decide): Node {
  const mapNode = (node: Node): Node | null => {
    if (node.isText) {
      let marks = node.marks;
      for (const mark of node.marks) {
        if (!isChange(mark)) continue;
        const decision = decide(mark);
        if (!decision) continue;
        if (
          (mark.type.name === 'insertion' && decision === 'reject') ||
          (mark.type.name === 'deletion' && decision === 'accept')
        )
          return null;
        marks = mark.removeFromSet(marks);
      }
      return marks === node.marks ? node : node.mark(marks);
    }
    if (node.isLeaf) return node;
    // A block suggested as a whole (a new list item, a deleted paragraph) carries the mark on itself.
    let blockMarks = node.marks;
    for (const mark of node.marks) {
      if (!isChange(mark)) continue;
      const decision = decide(mark);
      if (!decision) continue;
      if (
        (mark.type.name === 'insertion' && decision === 'reject') ||
        (mark.type.name === 'deletion' && decision === 'accept')
      )
        return null;
      blockMarks = mark.removeFromSet(blockMarks);
    }
    const children: Node[] = [];
    let removedText = false;
    node.forEach((child) => {
      const mapped = mapNode(child);
      if (mapped) children.push(mapped);
      else removedText = true;
    });
    const content = Fragment.from(children);
    if (node.isTextblock && removedText && content.size === 0) return null;
    if (node.type.validContent(content)) return node.type.create(node.attrs, content, blockMarks);
    return node.type.createAndFill(node.attrs, content, blockMarks);
  };
  const top: Node[] = [];
  doc.forEach((block) => {
    const mapped = mapNode(block);
    if (mapped) top.push(mapped);
  });
  if (!top.length) return doc.type.createAndFill()!;
  return doc.copy(Fragment.from(top));
}

/** Carries out the changes with these keys. */
export function decideByKeys(doc: Node, keys: ReadonlySet<string>, decision: 'accept' | 'reject'): Node {
  return decideChanges(doc, (mark) => (keys.has(changeKey(mark)) ? decision : null));
}

/**
 * What a document says apart from one person's suggestions: the text with their insertions taken out and their
 * deletions kept, as one run of (text, marks) regardless of block structure. Two documents that agree on this
 * differ only by that person's tracked changes (and by how blocks are split, which suggesting does not track).
 */
export function withoutSuggestionsOf(doc: Node, authorId: string): string {
  const rejected = decideChanges(doc, (mark) => (mark.attrs.author === authorId ? 'reject' : null));
  const parts: string[] = [];
  rejected.descendants((node) => {
    if (node.isText)
      parts.push(
        JSON.stringify([
          node.text,
          node.marks.filter((m) => m.attrs.author !== authorId).map((m) => m.toJSON()),
        ]),
      );
    return true;
  });
  // Adjacent runs with the same marks are one run however they were split.
  const merged: Array<[string, unknown]> = [];
  for (const part of parts) {
    const [text, marks] = JSON.parse(part) as [string, unknown];
    const last = merged[merged.length - 1];
    if (last && JSON.stringify(last[1]) === JSON.stringify(marks)) last[0] += text;
    else merged.push([text, marks]);
  }
  return JSON.stringify(merged);
}

/**
 * Gives the tracked changes of a document parsed from Markdown (CriticMarkup carries no author) the id, author and
 * time they have in `previous`, matched in order by kind and text; changes that are new get `fresh`.
 */
export function restoreChangeAttrs(
  previous: Node,
  next: Node,
  fresh: () => { id: string; author: string | null; at: string },
): Node {
  const known = new Map<string, Array<Record<string, unknown>>>();
  const collect = (node: Node) => {
    for (const mark of node.marks) {
      if (!isChange(mark)) continue;
      const k = `${mark.type.name}\u0000${node.text}`;
      const list = known.get(k) ?? [];
      list.push(mark.attrs);
      known.set(k, list);
    }
  };
  previous.descendants((node) => {
    if (node.isText) collect(node);
    return true;
  });
  const freshByText = new Map<string, ReturnType<typeof fresh>>();
  const mapNode = (node: Node): Node => {
    if (node.isText) {
      let marks = node.marks;
      for (const mark of node.marks) {
        if (!isChange(mark) || mark.attrs.author) continue;
        const list = known.get(`${mark.type.name}\u0000${node.text}`);
        const attrs = list?.shift() ?? { ...(freshByText.get(node.text!) ?? fresh()) };
        marks = mark.type.create({ ...mark.attrs, ...attrs }).addToSet(mark.removeFromSet(marks));
      }
      return marks === node.marks ? node : node.mark(marks);
    }
    if (node.isLeaf) return node;
    const children: Node[] = [];
    node.forEach((child) => children.push(mapNode(child)));
    return node.copy(Fragment.from(children));
  };
  return mapNode(next);
}
