import type { Node } from 'prosemirror-model';
import * as Y from 'yjs';
import { renderMarkdown } from './markdown';
import { fragmentOf } from './ydoc';

/**
 * Where the document's characters are: in the Markdown text REST clients see (`content` offsets, as comment and
 * suggestion anchors use them) and in the Yjs types (relative positions, which survive every later edit).
 *
 * Characters are counted in document order over all text (line breaks and block boundaries are not characters).
 */
export class TextMap {
  readonly markdown: string;
  /** For each document character, its offset in `markdown`. */
  readonly offsets: Int32Array;
  /** The document's text runs (one Y.XmlText each), in order, with the index of their first character. */
  private readonly runs: Array<{ type: Y.XmlText; start: number; length: number }> = [];

  constructor(
    readonly ydoc: Y.Doc,
    readonly doc: Node,
  ) {
    const { markdown, segments } = renderMarkdown(doc);
    this.markdown = markdown;
    const texts: string[] = [];
    doc.descendants((node) => {
      if (node.isText) texts.push(node.text!);
      return true;
    });
    const total = texts.reduce((n, t) => n + t.length, 0);
    const offsets = new Int32Array(total);
    let seg = 0;
    let k = 0;
    for (const text of texts) {
      const s = segments[seg];
      const at = s ? text.indexOf(s.text) : -1;
      if (s && at >= 0 && (s.text.length > 0 || text.length === 0)) {
        // The rendered text is the escaped segment text, ending at s.end: match it backwards.
        let o = s.end - 1;
        const mapped = new Int32Array(s.text.length);
        for (let i = s.text.length - 1; i >= 0; i--) {
          while (o > 0 && markdown[o] !== s.text[i]) o--;
          mapped[i] = o;
          o--;
        }
        const first = s.text.length ? mapped[0] : s.end;
        for (let i = 0; i < text.length; i++) {
          const j = i - at;
          offsets[k + i] =
            j < 0 ? first : j < s.text.length ? mapped[j] : (mapped[s.text.length - 1] ?? first) + 1;
        }
        seg++;
      } else {
        // Whitespace moved outside a mark: it sits just before the next rendered text.
        const next = segments[seg];
        const where = next ? next.end - next.text.length : markdown.length;
        for (let i = 0; i < text.length; i++) offsets[k + i] = Math.max(0, where - text.length + i);
      }
      k += text.length;
    }
    this.offsets = offsets;
    let start = 0;
    const walk = (type: Y.XmlFragment | Y.XmlElement) => {
      for (const child of type.toArray()) {
        if (child instanceof Y.XmlText) {
          this.runs.push({ type: child, start, length: child.length });
          start += child.length;
        } else if (child instanceof Y.XmlElement) walk(child);
      }
    };
    walk(fragmentOf(ydoc));
  }

  get length(): number {
    return this.offsets.length;
  }

  /** The first character at or after Markdown offset `offset`. */
  charAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Markdown offset of character k (the end of the text for k = length). */
  offsetOf(k: number): number {
    if (k >= this.offsets.length) return this.markdown.length;
    return this.offsets[Math.max(0, k)];
  }

  /** Characters [from, to) of the range [start, end) of the Markdown text (empty when it holds no text). */
  charRange(start: number, end: number): [number, number] {
    return [this.charAtOrAfter(start), this.charAtOrAfter(end)];
  }

  /** A relative position before character k (assoc 0) or just after character k - 1 (assoc -1). */
  relative(k: number, assoc: 0 | -1): Y.RelativePosition | null {
    if (!this.runs.length) return null;
    if (assoc === 0) {
      const run = this.runs.find((r) => k >= r.start && k < r.start + r.length) ?? null;
      return run ? Y.createRelativePositionFromTypeIndex(run.type, k - run.start, 0) : null;
    }
    const run = this.runs.find((r) => k - 1 >= r.start && k - 1 < r.start + r.length) ?? null;
    return run ? Y.createRelativePositionFromTypeIndex(run.type, k - run.start, -1) : null;
  }

  /** The character index a relative position points at now (null when its type is gone or not text). */
  resolve(rel: Y.RelativePosition): number | null {
    const abs = Y.createAbsolutePositionFromRelativePosition(rel, this.ydoc);
    if (!abs) return null;
    const run = this.runs.find((r) => r.type === abs.type);
    if (!run) return null;
    return run.start + abs.index;
  }
}

/** The plain text of a document: blocks on lines of their own, no markup (what search indexes). */
export function plainText(doc: Node): string {
  const lines: string[] = [];
  doc.descendants((node) => {
    if (node.isTextblock) {
      lines.push(node.textBetween(0, node.content.size, ' ', ' '));
      return false;
    }
    return true;
  });
  return lines.join('\n');
}
