import { schema } from './schema';
import { changeKey, decideByKeys } from './tracked';
import * as Y from 'yjs';
import { parseMarkdown, toMarkdown } from './markdown';
import { docFromMarkdown } from './edit';
import { blockLabels } from './numbering';
import { readDoc, writeDoc } from './ydoc';
import { TextMap, plainText } from './offsets';

/** Markdown → document → Markdown is stable for every construct the schema has. */
const CORPUS: Array<[string, string]> = [
  ['paragraph', 'Ein Absatz.'],
  ['two paragraphs', 'Erster Absatz.\n\nZweiter Absatz.'],
  ['headings', '# Titel\n\n## Abschnitt\n\n### Unterabschnitt\n\nText.'],
  ['marks', 'Das ist **fett**, *kursiv*, ++unterstrichen++ und ~~gestrichen~~.'],
  ['nested marks', '***fett und kursiv*** und **fett *beides***'],
  ['link', 'Siehe [die Strategie](https://example.org/strategie "Strategie") bitte.'],
  ['autolink', 'Mehr: <https://www.integrationsbeauftragte.de>'],
  ['bullet list', '- eins\n- zwei\n- drei'],
  ['nested list', '- eins\n  - eins.a\n  - eins.b\n- zwei'],
  ['ordered list', '1. erstens\n2. zweitens\n3. drittens'],
  ['ordered list from 4', '4. viertens\n5. fünftens'],
  ['loose list', '- eins\n\n- zwei'],
  ['mixed nesting', '1. Maßnahme\n   - Teil A\n   - Teil B\n2. Folge'],
  ['blockquote', '> Zitat aus der Anhörung.\n>\n> Zweiter Absatz.'],
  ['table', '| Kreis | Bedarf |\n| --- | --- |\n| Tübingen | hoch |\n| Ulm | mittel |'],
  ['table with marks', '| **Feld** | Wert |\n| --- | --- |\n| *Sprache* | a \\| b |'],
  ['hard break', 'Zeile eins\\\nZeile zwei'],
  ['tracked insertion', 'Der Text {++wird ergänzt++} hier.'],
  ['tracked deletion', 'Der Text {--fällt weg--} hier.'],
  ['escapes', 'Sternchen \\* und Unterstrich \\_ und 1\\++1 und \\{\\++x'],
  ['umlauts and quotes', 'Größe „Anführung“ – Gedankenstrich … ß'],
];

describe('Markdown ↔ document', () => {
  it.each(CORPUS)('%s round-trips', (_name, markdown) => {
    const once = toMarkdown(parseMarkdown(markdown));
    expect(once).toBe(markdown);
    expect(toMarkdown(parseMarkdown(once))).toBe(once);
  });

  it('keeps structure through the document', () => {
    const doc = parseMarkdown(CORPUS.find(([n]) => n === 'table')![1]);
    expect(doc.firstChild!.type.name).toBe('table');
    expect(doc.firstChild!.childCount).toBe(3);
    const list = parseMarkdown('- eins\n  - eins.a');
    expect(list.firstChild!.type.name).toBe('bullet_list');
    expect(list.firstChild!.firstChild!.childCount).toBe(2);
  });

  it('turns what the schema has no place for into text, and drops unsafe links', () => {
    const doc = parseMarkdown(
      '```\ncode\n```\n\n`inline` <b>html</b> ![Bild](x.png) [klick](javascript:alert(1))\n\n---\n\n#### tief',
    );
    const md = toMarkdown(doc);
    let links = 0;
    doc.descendants((node) => {
      if (node.marks.some((m) => m.type.name === 'link')) links++;
      return true;
    });
    expect(links).toBe(0);
    expect(toMarkdown(parseMarkdown(md))).toBe(md);
    expect(plainText(doc)).toBe('code\ninline <b>html</b> Bild [klick](javascript:alert(1))\ntief');
    expect(doc.lastChild!.attrs.level).toBe(3);
  });
});

describe('Markdown offsets ↔ document characters', () => {
  it('maps every character of the text to its place in the Markdown', () => {
    const markdown = '# Titel\n\nDas ist **fett** und [ein Link](https://x.org).\n\n- eins\n- zwei \\*';
    const ydoc = new Y.Doc();
    writeDoc(ydoc, parseMarkdown(markdown));
    const map = new TextMap(ydoc, readDoc(ydoc));
    expect(map.markdown).toBe(markdown);
    let k = 0;
    readDoc(ydoc).descendants((node) => {
      if (!node.isText) return true;
      for (const ch of node.text!) expect(markdown[map.offsetOf(k++)]).toBe(ch);
      return true;
    });
    expect(k).toBe(map.length);
  });
});

describe('writing Markdown into a document', () => {
  it('gives a new paragraph the in-between number even when the paragraph after it is edited in the same write', () => {
    const first = docFromMarkdown(
      parseMarkdown(''),
      'Die Kreise melden Bedarfe.\n\nDas Land fördert Sprachkurse in allen Kreisen.\n\nDrei.\n\nVier.',
      'u1',
    );
    const second = docFromMarkdown(
      first,
      'Die Kreise melden Bedarfe.\n\nGanz neu eingefügt.\n\nDas Land fördert Sprachkurse in allen Kreisen rasch.\n\nDrei.\n\nVier.',
      'u1',
    );
    expect(blockLabels(second).map((l) => l.rn)).toEqual(['1', '1a', '2', '3', '4']);
    expect(blockLabels(second)[2].id).toBe(blockLabels(first)[1].id);
    // A paragraph rewritten completely in place keeps its number.
    const third = docFromMarkdown(
      second,
      second.textContent
        ? 'Die Kreise melden Bedarfe.\n\nGanz neu eingefügt.\n\nVöllig anders.\n\nDrei.\n\nVier.'
        : '',
      'u1',
    );
    expect(blockLabels(third).map((l) => l.rn)).toEqual(['1', '1a', '2', '3', '4']);
  });

  it('keeps ids and Randnummern of untouched and edited blocks, and numbers new ones after their neighbour', () => {
    const first = docFromMarkdown(parseMarkdown(''), 'Eins.\n\nZwei.\n\nDrei.', 'u1');
    const labels = blockLabels(first);
    expect(labels.map((l) => l.rn)).toEqual(['1', '2', '3']);
    const second = docFromMarkdown(first, 'Null.\n\nEins.\n\nZwei geändert.\n\nNeu.\n\nDrei.', 'u1');
    const after = blockLabels(second);
    expect(after.map((l) => l.rn)).toEqual(['0a', '1', '2', '2a', '3']);
    expect(after[1].id).toBe(labels[0].id);
    expect(after[2].id).toBe(labels[1].id);
    expect(after[4].id).toBe(labels[2].id);
  });
});

describe('deciding tracked changes', () => {
  it('removes a block suggested as a whole when rejected, keeps it unmarked when accepted', () => {
    const ins = schema.marks.insertion.create({ id: 'c1', author: 'u1', at: '2026-12-06T10:00:00Z' });
    const doc = schema.node('doc', null, [
      schema.node('paragraph', null, [schema.text('Bleibt.')]),
      schema.node('bullet_list', null, [
        schema.node('list_item', null, [schema.node('paragraph', null, [schema.text('alt')])]),
        schema.node('list_item', null, [schema.node('paragraph', null, [schema.text('neu', [ins])])], [ins]),
      ]),
    ]);
    const key = changeKey(ins);
    expect(toMarkdown(decideByKeys(doc, new Set([key]), 'reject'))).toBe('Bleibt.\n\n- alt');
    expect(toMarkdown(decideByKeys(doc, new Set([key]), 'accept'))).toBe('Bleibt.\n\n- alt\n- neu');
  });
});
