import { execFileSync } from 'node:child_process';
import { paragraph, run, TableSeries, TableWriter, textParagraph, xmlText } from './wordml';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
/** Parses with xmllint (as the export tests do): throws on XML that is not well-formed. */
const wellFormed = (xml: string) =>
  execFileSync('xmllint', ['--noout', '-'], { input: `<w:body ${W}>${xml}</w:body>`, stdio: 'pipe' });

describe('wordml', () => {
  it('escapes markup and drops characters XML cannot carry, keeping surrogate pairs', () => {
    expect(xmlText('a & b <c> "d"')).toBe('a &amp; b &lt;c&gt; &quot;d&quot;');
    expect(xmlText('x\u0001\u0008y\u000Bz\uFFFE')).toBe('xyz');
    expect(xmlText('Frist 📅 \uD800 ok')).toBe('Frist 📅  ok');
    const hostile = run('</w:t><w:r>\u0000 & ]]> \uDC00');
    expect(() => wellFormed(paragraph(hostile))).not.toThrow();
    expect(hostile).toContain('&lt;/w:t&gt;&lt;w:r&gt; &amp; ]]&gt; ');
  });

  it('writes line breaks and tabs as Word elements, bold and italics as run properties', () => {
    expect(run('eins\r\nzwei\tdrei\n', { bold: true, italics: true })).toBe(
      '<w:r><w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">eins</w:t><w:br/>' +
        '<w:t xml:space="preserve">zwei</w:t><w:tab/><w:t xml:space="preserve">drei</w:t><w:br/></w:r>',
    );
    expect(paragraph(run('T'), { style: 'Heading1', after: 0 })).toBe(
      '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:spacing w:after="0"/></w:pPr>' +
        '<w:r><w:t xml:space="preserve">T</w:t></w:r></w:p>',
    );
  });

  it('writes tables whose cells carry the widths of the columns they span, merges and an empty paragraph where needed', () => {
    const table = new TableWriter([100, 200, 300]).header(['A', 'B', 'C']);
    table.row([{ paragraphs: [textParagraph('ganz')], span: 3 }], { keep: true });
    table.row([{ paragraphs: [textParagraph('1')], merge: 'start' }, { paragraphs: [] }, { paragraphs: [] }]);
    table.row([
      { paragraphs: [textParagraph('dropped')], merge: 'continue' },
      { paragraphs: [] },
      { paragraphs: [] },
    ]);
    const xml = table.toString();
    expect(() => wellFormed(xml)).not.toThrow();
    expect(table.rows).toBe(4);
    expect(xml.match(/<w:tr>/g)).toHaveLength(4);
    expect(xml).toContain('<w:tblW w:w="600" w:type="dxa"/>');
    expect(xml).toContain('<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>');
    expect(xml).toContain('<w:tcW w:w="600" w:type="dxa"/><w:gridSpan w:val="3"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:tcPr><w:tcW w:w="100" w:type="dxa"/><w:vMerge/></w:tcPr><w:p/></w:tc>');
    expect(xml).not.toContain('dropped');
    expect(xml.match(/<w:shd /g)).toHaveLength(3);
  });

  it('writes a long table as a series of short ones, each with the header, kept apart by a spacer paragraph', () => {
    const series = new TableSeries([100, 200], ['A', 'B'], 2);
    const opening: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      opening.push(series.opening);
      series.row([{ paragraphs: [textParagraph(`r${i}`)] }, { paragraphs: [] }]);
    }
    const xml = series.toString();
    expect(() => wellFormed(xml)).not.toThrow();
    expect(series.rows).toBe(5);
    expect(opening).toEqual([true, false, true, false, true]);
    const tables = xml.split('</w:tbl>').slice(0, -1);
    expect(tables).toHaveLength(3);
    for (const table of tables) expect(table).toContain('<w:tblHeader/>');
    expect(tables.map((t) => [...t.matchAll(/>r(\d)</g)].map((m) => Number(m[1])))).toEqual([
      [0, 1],
      [2, 3],
      [4],
    ]);
    expect(xml.match(/<\/w:tbl><w:p>/g)).toHaveLength(2);
  });
});
