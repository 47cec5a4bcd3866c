import { Fragment, type Node } from 'prosemirror-model';
import { parseMarkdown } from '@runde/richtext';
import type { RevisionBlock } from '../entities/draft-revision.entity';

/**
 * A revision's document read from its Markdown, with the ids and Randnummern it had put back on its blocks in
 * order; null when the revision kept none or the blocks do not line up (count or kind). Markdown carries no
 * author or time of a tracked change: for those the document is read from the log (RevisionsService.documentOf).
 */
export function labelledDocument(content: string, blocks: RevisionBlock[] | null): Node | null {
  if (!blocks) return null;
  const parsed = parseMarkdown(content);
  if (parsed.childCount !== blocks.length) return null;
  const children: Node[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const node = parsed.child(i);
    if (node.type.name !== blocks[i].type) return null;
    children.push(
      node.type.create({ ...node.attrs, id: blocks[i].id, rn: blocks[i].rn }, node.content, node.marks),
    );
  }
  return parsed.copy(Fragment.from(children));
}
