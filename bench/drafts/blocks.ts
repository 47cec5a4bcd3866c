/**
 * A keyboard on a draft's rich-text document, without a browser: a cursor in one of the top-level text blocks
 * (`paragraph`, `heading`: Y.XmlElements of the fragment `prosemirror`, their text one Y.XmlText), and the Yjs
 * changes the browser's editor binding (y-prosemirror) makes for a keystroke there: characters inserted into the
 * block's Y.XmlText (the first one into an empty block creates it), backspace, Enter (the block split at the cursor,
 * the rest moved into a new block after it, with a fresh `id` and `rn` as the numbering plugin sets them in the same
 * transaction), backspace at a block's start (joined to the previous block). Each call is one Yjs transaction,
 * so one update. Used by the replay trace (trace.ts) and the live editors (editors-worker.ts).
 */
import * as Y from 'yjs';
import { fragmentOf } from '@runde/richtext';

const TEXT_BLOCKS = new Set(['paragraph', 'heading']);
const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Delta = Array<{ insert: string; attributes?: Record<string, unknown> }>;

const isTextBlock = (node: unknown): node is Y.XmlElement =>
  node instanceof Y.XmlElement && TEXT_BLOCKS.has(node.nodeName);

const alive = (type: { _item: Y.Item | null }): boolean => type._item !== null && !type._item.deleted;

export class Blocks {
  readonly fragment: Y.XmlFragment;
  /** the block the cursor is in (null: none yet, or it was deleted by someone else) */
  block: Y.XmlElement | null = null;
  offset = 0;
  private label = 0;

  constructor(
    readonly doc: Y.Doc,
    private readonly rnd: () => number,
  ) {
    this.fragment = fragmentOf(doc);
  }

  /** No text block to type into. */
  get empty(): boolean {
    return this.fragment.length === 0;
  }

  /** The cursor to a random place in a random text block (none when the document has no text block). */
  jump(): void {
    const n = this.fragment.length;
    this.block = null;
    if (n === 0) return;
    const start = Math.floor(this.rnd() * n);
    for (let k = 0; k < n; k++) {
      const node = this.fragment.get((start + k) % n);
      if (isTextBlock(node)) {
        this.block = node;
        this.offset = Math.floor(this.rnd() * ((textIn(node)?.length ?? 0) + 1));
        return;
      }
    }
  }

  /** Characters typed at the cursor. */
  type(s: string): void {
    this.doc.transact(() => {
      const text = this.text(true)!;
      this.offset = Math.min(this.offset, text.length);
      text.insert(this.offset, s);
      this.offset += s.length;
    });
  }

  /** Backspace: a character deleted, or at a block's start the block joined to the previous one ('none': neither). */
  backspace(): 'delete' | 'join' | 'none' {
    const text = this.text(false);
    const offset = Math.min(this.offset, text?.length ?? 0);
    if (text && offset > 0) {
      text.delete(offset - 1, 1);
      this.offset = offset - 1;
      return 'delete';
    }
    const block = this.block;
    const prev = block?.prevSibling;
    if (!block || !isTextBlock(prev)) return 'none';
    this.doc.transact(() => {
      const tail = text ? (text.toDelta() as Delta) : [];
      const index = this.fragment.toArray().indexOf(block);
      const into = tail.length ? textIn(prev, true)! : textIn(prev);
      const at = into?.length ?? 0;
      let pos = at;
      for (const op of tail) {
        into!.insert(pos, op.insert, op.attributes ?? {});
        pos += op.insert.length;
      }
      this.fragment.delete(index, 1);
      this.block = prev;
      this.offset = at;
    });
    return 'join';
  }

  /** Enter: the block split at the cursor; the rest goes into a new paragraph (or heading) after it. */
  enter(kind: 'paragraph' | 'heading' = 'paragraph'): void {
    this.doc.transact(() => {
      const text = this.text(false);
      const block = this.block;
      const offset = Math.min(this.offset, text?.length ?? 0);
      const tail = text ? sliceDelta(text.toDelta() as Delta, offset) : [];
      const el = new Y.XmlElement(kind);
      if (block) this.fragment.insertAfter(block, [el]);
      else this.fragment.push([el]);
      el.setAttribute('id', this.newId());
      if (kind === 'heading') el.setAttribute('level', 2 as unknown as string);
      else el.setAttribute('rn', String(++this.label + 100_000));
      if (tail.length) {
        const rest = new Y.XmlText();
        el.insert(0, [rest]);
        let pos = 0;
        for (const op of tail) {
          rest.insert(pos, op.insert, op.attributes ?? {});
          pos += op.insert.length;
        }
        text!.delete(offset, text!.length - offset);
      }
      this.block = el;
      this.offset = 0;
    });
  }

  /** The cursor block's text (`create`: made when the block has none; a new paragraph when there is no block). */
  private text(create: boolean): Y.XmlText | null {
    if (this.block && !alive(this.block)) this.jump();
    if (!this.block) {
      if (!create) return null;
      this.jump();
      if (!this.block) {
        const el = new Y.XmlElement('paragraph');
        this.fragment.push([el]);
        el.setAttribute('id', this.newId());
        el.setAttribute('rn', String(++this.label + 100_000));
        this.block = el;
        this.offset = 0;
      }
    }
    return textIn(this.block, create);
  }

  private newId(): string {
    let id = 'b';
    for (let i = 0; i < 9; i++) id += ID_CHARS[Math.floor(this.rnd() * ID_CHARS.length)];
    return id;
  }
}

function textIn(block: Y.XmlElement, create = false): Y.XmlText | null {
  for (const child of block.toArray()) if (child instanceof Y.XmlText) return child;
  if (!create) return null;
  const text = new Y.XmlText();
  block.insert(0, [text]);
  return text;
}

function sliceDelta(delta: Delta, from: number): Delta {
  const out: Delta = [];
  let pos = 0;
  for (const op of delta) {
    const end = pos + op.insert.length;
    if (end > from) out.push({ ...op, insert: op.insert.slice(Math.max(0, from - pos)) });
    pos = end;
  }
  return out;
}
