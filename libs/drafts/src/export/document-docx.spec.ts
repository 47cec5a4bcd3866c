import { Document, Packer } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import type { Node } from 'prosemirror-model';
import { docFromMarkdown, numberingChanges, schema, withBlockAttrs } from '@runde/richtext';
import { BODY_STYLES } from './docx-layout';
import { documentToDocx } from './document-docx';
import { WordRevisions } from './document-runs';
import { settle } from './settle';

interface Para {
  style: string | null;
  level: number | null;
  numId: string | null;
  text: string;
  xml: string;
}

const AT = new Date('2026-05-04T10:15:30.456Z');
const empty = () => schema.topNodeType.createAndFill()!;
/** A document as a REST write makes it: new blocks numbered 1, 2, 3, …, CriticMarkup suggested by "u1" at AT. */
const docOf = (markdown: string, current: Node = empty()) =>
  docFromMarkdown(current, markdown, 'u1', AT, counter());
function counter() {
  let n = 0;
  return () => `b${++n}`;
}
const names: Record<string, string> = { u1: 'Sevgi Yılmaz', u2: 'Jonas Keller' };

/** The document's blocks in a minimal Word document, read back from its zip as WordprocessingML. */
async function render(doc: Node, title?: string) {
  const body = documentToDocx(doc, {
    title,
    revisions: new WordRevisions((id) => (id && names[id]) || 'gelöschtes Konto', AT),
  });
  const word = new Document({
    styles: { paragraphStyles: BODY_STYLES },
    sections: [{ children: body.blocks }],
  });
  const files = unzipSync(new Uint8Array(await Packer.toBuffer(word)));
  const part = (name: string) => strFromU8(files[name]);
  const xml = part('word/document.xml');
  const paragraphs: Para[] = [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map(([, p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    level: p.includes('<w:numPr>') ? Number(/<w:ilvl w:val="(\d+)"/.exec(p)![1]) : null,
    numId: /<w:numId w:val="(\d+)"/.exec(p)?.[1] ?? null,
    text: [...p.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)<\/w:(?:t|delText)>|<w:tab\/>/g)]
      .map((m) => (m[0] === '<w:tab/>' ? '\t' : m[1]))
      .join(''),
    xml: p,
  }));
  return {
    randnummern: body.randnummern,
    xml,
    paragraphs,
    rels: part('word/_rels/document.xml.rels'),
    numbering: part('word/numbering.xml'),
  };
}

describe('documentToDocx', () => {
  it('makes headings Word heading styles without a Randnummer, and leaves out a first heading that repeats the title', async () => {
    const { paragraphs } = await render(
      docOf('# Strategie 2027\n\n## Ausgangslage\n\nText.\n\n### Einzelheiten\n\n#### Tiefer\n'),
      'Strategie 2027',
    );
    expect(paragraphs.map((p) => [p.style, p.text])).toEqual([
      ['Heading2', 'Ausgangslage'],
      [null, 'Rn. 1\tText.'],
      ['Heading3', 'Einzelheiten'],
      // The schema knows three levels of headings.
      ['Heading3', 'Tiefer'],
    ]);
    const other = await render(docOf('# Vorwort\n\nText.'), 'Strategie 2027');
    expect(other.paragraphs[0]).toMatchObject({ style: 'Heading1', text: 'Vorwort' });
  });

  it('shows each numbered block’s stored label, not a count: a block inserted between 2 and 3 is "2a"', async () => {
    const first = docOf('Eins.\n\nZwei.\n\nDrei.');
    const later = docOf('Eins.\n\nZwei.\n\nDazwischen.\n\nDrei.', first);
    const { paragraphs, randnummern } = await render(later);
    expect(paragraphs.map((p) => p.text)).toEqual([
      'Rn. 1\tEins.',
      'Rn. 2\tZwei.',
      'Rn. 2a\tDazwischen.',
      'Rn. 3\tDrei.',
    ]);
    expect(randnummern).toEqual(['1', '2', '2a', '3']);
    // A block without a label (as in an old revision) shows none, rather than a made-up one.
    const bare = withBlockAttrs(later, [{ index: 0, pos: 0, attrs: { ...later.child(0).attrs, rn: null } }]);
    expect((await render(bare)).paragraphs[0].text).toBe('Eins.');
  });

  it('numbers a list, a table and a quote once each: lists and tables on a line before them, quotes beside', async () => {
    const { paragraphs, randnummern } = await render(
      docOf(
        [
          '## Ziele',
          'Erster Absatz,\nüber zwei Zeilen.',
          '- Punkt A\n  - Unterpunkt A1\n- Punkt B',
          '| Kreis | Wartezeit |\n| --- | --- |\n| Ortenau | 4 Monate |',
          '> Ein Zitat.\n>\n> Zweiter Absatz im Zitat.',
          'Letzter Absatz.',
        ].join('\n\n'),
      ),
    );
    expect(randnummern).toEqual(['1', '2', '3', '4', '5']);
    expect(paragraphs.map((p) => p.text)).toEqual([
      'Ziele',
      'Rn. 1\tErster Absatz, über zwei Zeilen.',
      'Rn. 2',
      'Punkt A',
      'Unterpunkt A1',
      'Punkt B',
      'Rn. 3',
      'Kreis',
      'Wartezeit',
      'Ortenau',
      '4 Monate',
      'Rn. 4\tEin Zitat.',
      'Zweiter Absatz im Zitat.',
      'Rn. 5\tLetzter Absatz.',
    ]);
    // The list's and the table's numbers stay on the page of what they number.
    for (const rn of ['Rn. 2', 'Rn. 3'])
      expect(paragraphs.find((p) => p.text === rn)!.xml).toContain('<w:keepNext/>');
    expect(paragraphs.filter((p) => p.text.includes('Zitat')).map((p) => p.style)).toEqual([
      'Quote',
      'Quote',
    ]);
  });

  it('writes nested bulleted and numbered lists as Word lists with levels; each list counts from its start', async () => {
    const { paragraphs, numbering } = await render(
      docOf(
        [
          '1. Erstens\n   - Unterpunkt\n     1. Ganz tief\n2. Zweitens',
          'Zwischentext.',
          '1. Neue Liste',
          'Noch ein Absatz.',
          '3. Ab drei\n4. Vier',
        ].join('\n\n'),
      ),
    );
    const item = (text: string) => paragraphs.find((p) => p.text.endsWith(text))!;
    expect(item('Erstens')).toMatchObject({ level: 0 });
    expect(item('Unterpunkt')).toMatchObject({ level: 1 });
    expect(item('Ganz tief')).toMatchObject({ level: 2 });
    expect(item('Zweitens')).toMatchObject({ level: 0, numId: item('Erstens').numId });
    expect(item('Neue Liste').numId).not.toBe(item('Erstens').numId);
    const abstractOf = (numId: string | null) =>
      new RegExp(`<w:num w:numId="${numId}"[^>]*><w:abstractNumId w:val="(\\d+)"`).exec(numbering)![1];
    const formatOf = (numId: string | null, level: number) => {
      const abstract = new RegExp(
        `<w:abstractNum [^>]*w:abstractNumId="${abstractOf(numId)}"[^>]*>([\\s\\S]*?)</w:abstractNum>`,
      ).exec(numbering)![1];
      const lvl = new RegExp(`<w:lvl w:ilvl="${level}"[^>]*>([\\s\\S]*?)</w:lvl>`).exec(abstract)![1];
      return {
        format: /<w:numFmt w:val="(\w+)"/.exec(lvl)![1],
        start: Number(/<w:start w:val="(\d+)"/.exec(lvl)![1]),
      };
    };
    expect(formatOf(item('Erstens').numId, 0)).toEqual({ format: 'decimal', start: 1 });
    expect(formatOf(item('Unterpunkt').numId, 1).format).toBe('bullet');
    expect(formatOf(item('Ganz tief').numId, 2).format).toBe('decimal');
    expect(formatOf(item('Ab drei').numId, 0)).toEqual({ format: 'decimal', start: 3 });
    expect(item('Vier').numId).toBe(item('Ab drei').numId);
  });

  it('writes tables with a repeated, bold, shaded header row and the cells’ formatting', async () => {
    const { xml } = await render(
      docOf('| Kreis | Wartezeit |\n| --- | --- |\n| Ortenau | **4–6** Monate |\n| Stuttgart | 3 |'),
    );
    const table = /<w:tbl>([\s\S]*?)<\/w:tbl>/.exec(xml)![1];
    const rows = [...table.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map(([, row]) =>
      [...row.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, cell]) =>
        [...cell.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
      ),
    );
    expect(rows).toEqual([
      ['Kreis', 'Wartezeit'],
      ['Ortenau', '4–6 Monate'],
      ['Stuttgart', '3'],
    ]);
    const [header, body] = [...table.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
    expect(header).toMatch(/<w:trPr><w:tblHeader\/><\/w:trPr>/);
    expect(header).toMatch(/<w:b\/>[\s\S]*Kreis/);
    expect(body).not.toContain('<w:tblHeader/>');
    expect(body).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*4–6/s);
    expect(table.match(/<w:gridCol /g)).toHaveLength(2);
  });

  it('makes links hyperlinks (web and mail only) and keeps bold, italic, underline and strike', async () => {
    const { paragraphs, rels } = await render(
      docOf(
        'Siehe [das **Landesportal**](https://www.baden-wuerttemberg.de/), [Mail](mailto:a@b.de), ' +
          '[intern](/drafts/x) und **fett**, *kursiv*, ++unterstrichen++, ~~gestrichen~~.',
      ),
    );
    const p = paragraphs[0];
    expect(p.text).toBe(
      'Rn. 1\tSiehe das Landesportal, Mail, intern und fett, kursiv, unterstrichen, gestrichen.',
    );
    const links = [...p.xml.matchAll(/<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/g)];
    expect(links).toHaveLength(2);
    const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    expect(target(links[0][1])).toBe('https://www.baden-wuerttemberg.de/');
    expect(target(links[1][1])).toBe('mailto:a@b.de');
    expect(links[0][2]).toContain('<w:rStyle w:val="Hyperlink"/>');
    expect(links[0][2]).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*Landesportal/s);
    // A link into the app means nothing in a document: its text stays.
    expect(rels).not.toContain('/drafts/x');
    const runOf = (text: string) => new RegExp(`<w:r>(?:(?!<w:r>).)*?${text}</w:t>`, 's').exec(p.xml)![0];
    expect(runOf('fett')).toContain('<w:b/>');
    expect(runOf('kursiv')).toContain('<w:i/>');
    expect(runOf('unterstrichen')).toContain('<w:u w:val="single"/>');
    expect(runOf('gestrichen')).toContain('<w:strike/>');
  });

  it('writes tracked changes as Word revisions with the person’s name and the time', async () => {
    const doc = docOf('Die Kreise {++stärken++} die {--schwache--} Beratung.');
    const { paragraphs } = await render(doc);
    const p = paragraphs[0].xml;
    const ins = /<w:ins ([^>]*)>([\s\S]*?)<\/w:ins>/.exec(p)!;
    const del = /<w:del ([^>]*)>([\s\S]*?)<\/w:del>/.exec(p)!;
    expect(ins[1]).toContain('w:author="Sevgi Yılmaz"');
    expect(ins[1]).toContain('w:date="2026-05-04T10:15:30Z"');
    expect(ins[2]).toMatch(/<w:t[^>]*>stärken<\/w:t>/);
    expect(del[1]).toContain('w:author="Sevgi Yılmaz"');
    expect(del[2]).toMatch(/<w:delText[^>]*>schwache<\/w:delText>/);
    // Every revision has an id of its own.
    const ids = [...p.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes a suggested whole list item as inserted text and an inserted paragraph mark', async () => {
    const base = docOf('- Punkt A');
    const list = base.child(0);
    const item = schema.nodes.list_item.create(
      null,
      schema.nodes.paragraph.create(null, schema.text('Neu')),
      [schema.marks.insertion.create({ id: 'c9', author: 'u2', at: AT.toISOString() })],
    );
    const doc = base.copy(base.content.replaceChild(0, list.copy(list.content.addToEnd(item))));
    const { paragraphs } = await render(doc);
    const neu = paragraphs.find((p) => p.text === 'Neu')!;
    expect(neu.xml).toMatch(/<w:pPr>[\s\S]*<w:rPr><w:ins [^>]*w:author="Jonas Keller"/);
    expect(neu.xml).toMatch(/<w:ins [^>]*><w:r>[\s\S]*Neu/);
    // Rejected, the item goes; accepted, it stays without a mark.
    expect((await render(settle(doc, 'rejected'))).paragraphs.map((p) => p.text)).toEqual([
      'Rn. 1',
      'Punkt A',
    ]);
    const accepted = await render(settle(doc, 'accepted'));
    expect(accepted.paragraphs.map((p) => p.text)).toEqual(['Rn. 1', 'Punkt A', 'Neu']);
    expect(accepted.xml).not.toContain('<w:ins ');
  });

  it('settles pending changes: rejected leaves them out, accepted takes them', async () => {
    const doc = docOf('Die Kreise {++stärken++} die {--schwache--} Beratung.\n\n{++Ganz neu.++}');
    const text = async (mode: 'rejected' | 'accepted') =>
      (await render(settle(doc, mode))).paragraphs.map((p) => p.text);
    expect(await text('rejected')).toEqual(['Rn. 1\tDie Kreise  die schwache Beratung.']);
    expect(await text('accepted')).toEqual(['Rn. 1\tDie Kreise stärken die  Beratung.', 'Rn. 2\tGanz neu.']);
  });

  it('writes an empty document as one empty paragraph', async () => {
    const doc = withBlockAttrs(empty(), numberingChanges(empty(), counter()));
    expect((await render(doc)).paragraphs.map((p) => p.text)).toEqual(['Rn. 1\t']);
  });
});
