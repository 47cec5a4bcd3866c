import { Fragment, type Node } from 'prosemirror-model';
import { decideChanges, listChanges } from '@runde/richtext';

/**
 * Which text an export shows of the tracked changes still pending:
 * - `tracked` (the default): the changes as Word revisions in DOCX/ODT/PDF (CriticMarkup in Markdown and HTML),
 *   each with who suggested it and when, to accept or reject in Word or LibreOffice;
 * - `rejected`: the text as agreed so far, every pending change left out (what stands until someone decides);
 * - `accepted`: the text as it would read with every pending change taken.
 */
export const CHANGE_MODES = ['tracked', 'rejected', 'accepted'] as const;
export type ChangeMode = (typeof CHANGE_MODES)[number];

export const hasTrackedChanges = (doc: Node): boolean => listChanges(doc).length > 0;

/**
 * The document with every pending change decided one way (tracked.ts carries out the text's changes), and the
 * blocks that were suggested whole — a new list item, a deleted table row — kept or left out accordingly.
 */
export function settle(doc: Node, mode: Exclude<ChangeMode, 'tracked'>): Node {
  const decision = mode === 'accepted' ? 'accept' : 'reject';
  const gone = mode === 'accepted' ? 'deletion' : 'insertion';
  const decided = decideChanges(doc, () => decision);
  const mapNode = (node: Node): Node | null => {
    if (node.marks.some((m) => m.type.name === gone)) return null;
    const marks = node.marks.filter((m) => !TRACKED.has(m.type.name));
    if (node.isInline || node.isLeaf) return node;
    const children: Node[] = [];
    node.forEach((child) => {
      const mapped = mapNode(child);
      if (mapped) children.push(mapped);
    });
    const content = Fragment.from(children);
    if (node.type.validContent(content)) return node.type.create(node.attrs, content, marks);
    // A list whose every item went, a row without cells: the block goes with them.
    if (!children.length && node !== decided) return null;
    return node.type.createAndFill(node.attrs, content, marks);
  };
  return mapNode(decided) ?? doc.type.createAndFill()!;
}

const TRACKED = new Set(['insertion', 'deletion', 'modification']);
