import type { Node } from 'prosemirror-model';

/**
 * Document positions (ProseMirror's, counting block boundaries) ↔ character indexes (TextMap's: text characters
 * in document order, nothing else). The browser turns a selection into characters, and TextMap turns those into
 * Markdown offsets for the REST anchors.
 */

/** How many text characters lie before position `pos`. */
export function charIndexAtPos(doc: Node, pos: number): number {
  const end = Math.max(0, Math.min(pos, doc.content.size));
  let count = 0;
  doc.nodesBetween(0, end, (node, at) => {
    if (!node.isText) return true;
    count += Math.min(node.text!.length, end - at);
    return false;
  });
  return count;
}

/**
 * The position of character `k`: just before it (`assoc` 1, where a range starts) or just after character k - 1
 * (`assoc` -1, where a range ends). The two differ only where k falls between two text nodes, for example
 * between two paragraphs. Beyond the text: its end (or start).
 */
export function posOfCharIndex(doc: Node, k: number, assoc: 1 | -1 = 1): number {
  let seen = 0;
  let found: number | null = null;
  let last: number | null = null;
  doc.descendants((node, at) => {
    if (found !== null) return false;
    if (!node.isText) return true;
    const length = node.text!.length;
    if (assoc === 1 ? k < seen + length : k <= seen + length && k > seen) found = at + (k - seen);
    else if (assoc === -1 && k === 0 && seen === 0) found = at;
    seen += length;
    last = at + length;
    return false;
  });
  if (found !== null) return found;
  if (k <= 0) {
    let first: number | null = null;
    doc.descendants((node, at) => {
      if (first === null && node.isText) first = at;
      return first === null;
    });
    return first ?? Math.min(1, doc.content.size);
  }
  return last ?? Math.min(1, doc.content.size);
}
