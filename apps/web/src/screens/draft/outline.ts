import type { Node } from 'prosemirror-model';

export interface OutlineEntry {
  level: number;
  title: string;
  /** Position of the heading's text in the document. */
  pos: number;
}

/** The document's headings, in order (live, from the editor's document). */
export function outlineOf(doc: Node): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  doc.forEach((node, pos) => {
    if (node.type.name !== 'heading' || !node.textContent.trim()) return;
    out.push({ level: node.attrs.level as number, title: node.textContent, pos: pos + 1 });
  });
  return out;
}
