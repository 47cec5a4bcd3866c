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
  /** The Randnummer of the paragraph's block before and after ("14", "3a"); null for headings and where unknown. */
  fromRn?: string | null;
  toRn?: string | null;
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

/**
 * How a paragraph that is not unchanged is named: by the Randnummer of its block ("Rn. 14: geändert", "Rn. 3a:
 * neu"), as the draft and its exports name it; by its position where it has none (headings, old revisions).
 */
export function paragraphTag(p: AlignedParagraph): { key: TagKey; vars: Record<string, string | number> } {
  if (p.op === 'delete')
    return p.fromRn
      ? { key: 'diffTagRn_delete', vars: { rn: p.fromRn } }
      : { key: 'diffTag_delete', vars: { n: (p.fromIndex ?? 0) + 1 } };
  const op = p.op === 'change' ? 'change' : 'insert';
  const rn = p.toRn ?? (op === 'change' ? p.fromRn : null);
  if (!rn) return { key: `diffTag_${op}`, vars: { n: (p.toIndex ?? 0) + 1 } };
  if (op === 'change' && p.fromRn && p.toRn && p.fromRn !== p.toRn)
    return { key: 'diffTagRn_moved', vars: { rn, from: p.fromRn } };
  return { key: `diffTagRn_${op}`, vars: { rn } };
}

type TagKey =
  | 'diffTag_change'
  | 'diffTag_insert'
  | 'diffTag_delete'
  | 'diffTagRn_change'
  | 'diffTagRn_moved'
  | 'diffTagRn_insert'
  | 'diffTagRn_delete';
