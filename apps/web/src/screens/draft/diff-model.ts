import type { ParagraphDiff } from '../../lib/types';

/** A stretch of a changed paragraph: in both revisions, only in the older (`delete`) or only in the newer. */
export interface DiffPart {
  op: 'equal' | 'delete' | 'insert';
  text: string;
}

/** A paragraph of the diff as the api aligns them; a `change` carries its words in `parts`. */
export interface AlignedParagraph {
  op: 'equal' | 'delete' | 'insert' | 'change';
  fromIndex: number | null;
  toIndex: number | null;
  text: string;
  parts?: DiffPart[];
}

/** `GET /drafts/:id/diff`: the paragraph operations and, beside them, the aligned paragraphs with word parts. */
export interface RevisionDiff extends ParagraphDiff {
  paragraphs: AlignedParagraph[];
  summary: { unchanged: number; changed: number; inserted: number; deleted: number };
}

/** What the diff view shows, in order: a paragraph, or (changes only) how many unchanged ones it leaves out. */
export type DiffItem =
  { kind: 'paragraph'; paragraph: AlignedParagraph } | { kind: 'skipped'; count: number };

export function diffItems(paragraphs: AlignedParagraph[], changesOnly: boolean): DiffItem[] {
  if (!changesOnly) return paragraphs.map((paragraph) => ({ kind: 'paragraph', paragraph }));
  const items: DiffItem[] = [];
  for (const paragraph of paragraphs) {
    const last = items[items.length - 1];
    if (paragraph.op !== 'equal') items.push({ kind: 'paragraph', paragraph });
    else if (last?.kind === 'skipped') last.count++;
    else items.push({ kind: 'skipped', count: 1 });
  }
  return items;
}
