import * as Y from 'yjs';
import { FRAGMENT } from '@runde/richtext';

/**
 * A draft document's text as tests type into it: the Y.Text-like calls the browser's editor makes (insert,
 * delete, format), without a browser. The text is the document's text blocks (paragraphs, headings, list items,
 * table cells) in order, joined by a blank line ("\n\n", which is not a character of the document: offsets skip
 * it). The first insert into an empty document creates a paragraph. A document of paragraphs with plain text reads
 * over REST (`content`) as exactly this string.
 */
export interface DocText {
  insert(index: number, text: string, attributes?: Record<string, unknown>): void;
  delete(index: number, length: number): void;
  format(index: number, length: number, attributes: Record<string, unknown>): void;
  toString(): string;
  readonly length: number;
  /** The first text block's Y.XmlText (created if missing). */
  type(): Y.XmlText;
}

const SEPARATOR = 2;

const TEXTBLOCKS = new Set(['paragraph', 'heading']);

/** A text block's text, or (an empty block) a stand-in that makes its Y.XmlText when written to. */
interface Run {
  readonly length: number;
  insert(offset: number, value: string, attributes?: Record<string, unknown>): void;
  delete(offset: number, length: number): void;
  format(offset: number, length: number, attributes: Record<string, unknown>): void;
  toDelta(): Array<{ insert: string }>;
}

function runs(doc: Y.Doc): Run[] {
  const out: Run[] = [];
  const walk = (type: Y.XmlFragment | Y.XmlElement) => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlText) out.push(child as unknown as Run);
      else if (child instanceof Y.XmlElement) {
        const before = out.length;
        walk(child);
        if (out.length === before && TEXTBLOCKS.has(child.nodeName)) out.push(emptyBlock(child));
      }
    }
  };
  walk(doc.getXmlFragment(FRAGMENT));
  return out;
}

function emptyBlock(el: Y.XmlElement): Run {
  const make = () => {
    const text = new Y.XmlText();
    el.insert(0, [text]);
    return text;
  };
  return {
    length: 0,
    insert: (offset, value, attributes) => make().insert(offset, value, attributes),
    delete: () => undefined,
    format: () => undefined,
    toDelta: () => [],
  };
}

function ensureFirst(doc: Y.Doc): Y.XmlText {
  const existing = runs(doc);
  if (existing[0] instanceof Y.XmlText) return existing[0];
  if (existing.length) {
    existing[0].insert(0, '');
    const again = runs(doc)[0];
    if (again instanceof Y.XmlText) return again;
  }
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  doc.transact(() => {
    doc.getXmlFragment(FRAGMENT).insert(0, [p]);
    p.insert(0, [t]);
  });
  return t;
}

/** The run holding global offset `index` (an offset at a run's end belongs to that run). */
function locate(doc: Y.Doc, index: number): { text: Run; offset: number } {
  let start = 0;
  const all = runs(doc);
  for (const text of all) {
    if (index <= start + text.length) return { text, offset: Math.max(0, index - start) };
    start += text.length + SEPARATOR;
  }
  const last = all[all.length - 1] ?? (ensureFirst(doc) as unknown as Run);
  return { text: last, offset: last.length };
}

export function docText(doc: Y.Doc): DocText {
  const text: DocText = {
    insert: (index, value, attributes) => {
      doc.transact(() => {
        ensureFirst(doc);
        const at = locate(doc, index);
        at.text.insert(at.offset, value, attributes);
      });
    },
    delete: (index, length) => {
      doc.transact(() => {
        // From the end, so earlier offsets stay valid; separators are not characters.
        let remaining = length;
        while (remaining > 0) {
          const at = locate(doc, index + remaining);
          const take = Math.min(remaining, at.offset);
          if (take === 0) {
            remaining -= SEPARATOR;
            continue;
          }
          at.text.delete(at.offset - take, take);
          remaining -= take;
        }
      });
    },
    format: (index, length, attributes) => {
      const at = locate(doc, index);
      at.text.format(at.offset, length, attributes);
    },
    toString: () =>
      runs(doc)
        .map((t) =>
          t
            .toDelta()
            .map((d) => d.insert)
            .join(''),
        )
        .join('\n\n'),
    get length() {
      return text.toString().length;
    },
    type: () => ensureFirst(doc),
  };
  return text;
}
