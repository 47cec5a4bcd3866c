import { docFromMarkdown, schema, toMarkdown } from '@runde/richtext';
import { labelParagraphs, paragraphLabels } from './paragraph-labels';

const docOf = (markdown: string) => {
  let n = 0;
  return docFromMarkdown(schema.topNodeType.createAndFill()!, markdown, null, new Date(), () => `b${++n}`);
};

describe('paragraphLabels', () => {
  it('gives each Markdown paragraph the Randnummer of its block; headings none; a loose list’s paragraphs all its own', () => {
    const doc = docOf(
      '# Titel\n\nEins.\n\n- Punkt A\n\n- Punkt B\n\n> Zitat.\n>\n> Weiter.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |',
    );
    const text = toMarkdown(doc);
    expect(paragraphLabels(doc, text)).toEqual([null, '1', '2', '2', '3', '4']);
  });

  it('is null when the text is not the document’s', () => {
    const doc = docOf('Eins.\n\nZwei.');
    expect(paragraphLabels(doc, 'Eins.\n\nZwei.\n\nDrei.')).toBeNull();
    expect(paragraphLabels(doc, 'Eins.\n\nAnders.')).toBeNull();
  });

  it('labels aligned paragraphs on the side each is on', () => {
    const paragraphs = labelParagraphs(
      [
        { op: 'equal', fromIndex: 0, toIndex: 0, text: 'a' },
        { op: 'delete', fromIndex: 1, toIndex: null, text: 'b' },
        { op: 'insert', fromIndex: null, toIndex: 1, text: 'c' },
      ],
      ['1', '2'],
      null,
    );
    expect(paragraphs.map((p) => [p.fromRn, p.toRn])).toEqual([
      ['1', null],
      ['2', null],
      [null, null],
    ]);
  });
});
