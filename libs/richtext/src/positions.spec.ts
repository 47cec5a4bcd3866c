import * as Y from 'yjs';
import { parseMarkdown } from './markdown';
import { charIndexAtPos, posOfCharIndex } from './positions';
import { TextMap } from './offsets';
import { readDoc, writeDoc } from './ydoc';

describe('document positions ↔ character indexes', () => {
  const doc = parseMarkdown(
    '# Titel\n\nDas ist **fett**.\n\n- eins\n- zwei\n\n| A | B |\n| --- | --- |\n| c | d |',
  );
  const text = 'TitelDas ist fett.einszweiABcd';

  it('counts the characters before a position, across blocks, lists and tables', () => {
    let k = 0;
    doc.descendants((node, pos) => {
      if (!node.isText) return true;
      for (let i = 0; i < node.text!.length; i++) {
        expect(charIndexAtPos(doc, pos + i)).toBe(k);
        expect(text[k]).toBe(node.text![i]);
        k++;
      }
      return false;
    });
    expect(charIndexAtPos(doc, doc.content.size)).toBe(text.length);
    expect(charIndexAtPos(doc, 0)).toBe(0);
  });

  it('finds the position of a character, before it or after the one before it', () => {
    for (let k = 0; k < text.length; k++) {
      const pos = posOfCharIndex(doc, k);
      expect(doc.textBetween(pos, pos + 1)).toBe(text[k]);
      expect(charIndexAtPos(doc, pos)).toBe(k);
    }
    for (let k = 1; k <= text.length; k++) {
      const pos = posOfCharIndex(doc, k, -1);
      expect(doc.textBetween(pos - 1, pos)).toBe(text[k - 1]);
    }
    // "Titel" ends in the heading; character 5 starts the paragraph.
    expect(doc.resolve(posOfCharIndex(doc, 5, -1)).parent.type.name).toBe('heading');
    expect(doc.resolve(posOfCharIndex(doc, 5, 1)).parent.type.name).toBe('paragraph');
    expect(posOfCharIndex(doc, 999)).toBe(posOfCharIndex(doc, text.length, -1));
  });

  it('turns a selection into the Markdown offsets of its text (what a comment anchor sends)', () => {
    const ydoc = new Y.Doc();
    writeDoc(ydoc, doc);
    const current = readDoc(ydoc);
    const map = new TextMap(ydoc, current);
    const from = posOfCharIndex(current, text.indexOf('fett'));
    const to = from + 'fett'.length;
    const start = map.offsetOf(charIndexAtPos(current, from));
    const end = map.offsetOf(charIndexAtPos(current, to) - 1) + 1;
    expect(map.markdown.slice(start, end)).toBe('fett');
  });

  it('has a place for the cursor in a document without text', () => {
    const empty = parseMarkdown('');
    expect(posOfCharIndex(empty, 0)).toBe(1);
    expect(charIndexAtPos(empty, 1)).toBe(0);
  });
});
