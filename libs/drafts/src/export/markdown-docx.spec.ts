import { Document, Packer } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { decodeEntities } from './docx-inline';
import { BODY_STYLES, markdownToDocx } from './markdown-docx';

interface Para {
  style: string | null;
  level: number | null;
  numId: string | null;
  text: string;
  xml: string;
}

/** The Markdown's blocks in a minimal document, read back from its zip as WordprocessingML. */
async function render(markdown: string, title?: string) {
  const body = markdownToDocx(markdown, { title });
  const doc = new Document({
    styles: { paragraphStyles: BODY_STYLES },
    sections: [{ children: body.blocks }],
  });
  const files = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  const part = (name: string) => strFromU8(files[name]);
  const xml = part('word/document.xml');
  const paragraphs: Para[] = [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map(([, p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    level: p.includes('<w:numPr>') ? Number(/<w:ilvl w:val="(\d+)"/.exec(p)![1]) : null,
    numId: /<w:numId w:val="(\d+)"/.exec(p)?.[1] ?? null,
    text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
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

describe('markdownToDocx', () => {
  it('makes headings 1–3 Word heading styles, without a Randnummer, and leaves out a heading that repeats the title', async () => {
    const { paragraphs } = await render(
      '# Strategie 2027\n\n## Ausgangslage\n\nText.\n\n### Einzelheiten\n\n#### Tiefer\n',
      'Strategie 2027',
    );
    expect(paragraphs.map((p) => [p.style, p.text])).toEqual([
      ['Heading2', 'Ausgangslage'],
      [null, 'Rn. 1\tText.'],
      ['Heading3', 'Einzelheiten'],
      ['Heading4', 'Tiefer'],
    ]);
    // Another first heading stays.
    const other = await render('# Vorwort\n\nText.', 'Strategie 2027');
    expect(other.paragraphs[0]).toMatchObject({ style: 'Heading1', text: 'Vorwort' });
  });

  it('numbers every body block in order: paragraphs, list items at any depth, tables, quotes, code', async () => {
    const { paragraphs, randnummern } = await render(
      [
        '## Ziele',
        'Erster Absatz,\nüber zwei Zeilen.',
        '- Punkt A\n  - Unterpunkt A1\n- Punkt B',
        '| Kreis | Wartezeit |\n|---|---|\n| Ortenau | 4 Monate |',
        '> Ein Zitat.',
        '```\ncode\n```',
        '---',
        'Letzter Absatz.',
      ].join('\n\n'),
    );
    const numbered = paragraphs.map((p) => /^Rn\. (\d+)/.exec(p.text)?.[1]).filter(Boolean);
    expect(numbered).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(randnummern).toBe(8);
    expect(paragraphs[1].text).toBe('Rn. 1\tErster Absatz, über zwei Zeilen.');
    expect(paragraphs.find((p) => p.text.includes('Unterpunkt'))!.text).toBe('Rn. 3\u2002Unterpunkt A1');
    // The table's number stands right before it, kept with it.
    const before = paragraphs.find((p) => p.text === 'Rn. 5')!;
    expect(before.xml).toContain('<w:keepNext/>');
    expect(paragraphs.find((p) => p.text.includes('Ein Zitat'))).toMatchObject({ style: 'Quote' });
    expect(paragraphs.find((p) => p.text.includes('code'))).toMatchObject({ style: 'SourceCode' });
  });

  it('writes nested bulleted and numbered lists as Word lists with levels; each list counts from its start', async () => {
    const { paragraphs, numbering } = await render(
      [
        '1. Erstens\n   - Unterpunkt\n     1. Ganz tief\n2. Zweitens',
        'Zwischentext.',
        '1. Neue Liste',
        'Noch ein Absatz.',
        '3. Ab drei\n4. Vier',
      ].join('\n\n'),
    );
    const item = (text: string) => paragraphs.find((p) => p.text.endsWith(text))!;
    expect(item('Erstens')).toMatchObject({ level: 0 });
    expect(item('Unterpunkt')).toMatchObject({ level: 1 });
    expect(item('Ganz tief')).toMatchObject({ level: 2 });
    expect(item('Zweitens')).toMatchObject({ level: 0, numId: item('Erstens').numId });
    // A new list is a new numbering instance (it starts again at 1) …
    expect(item('Neue Liste').numId).not.toBe(item('Erstens').numId);
    // … bullets and numbers are different definitions …
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
    // … and a list that begins at "3." counts from 3.
    expect(formatOf(item('Ab drei').numId, 0)).toEqual({ format: 'decimal', start: 3 });
    expect(item('Vier').numId).toBe(item('Ab drei').numId);
  });

  it('writes Markdown tables as Word tables with a repeated, bold header row', async () => {
    const { xml } = await render(
      '| Kreis | Wartezeit |\n|---|--:|\n| Ortenau | **4–6** Monate |\n| Stuttgart | 3 |',
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
    expect(table).toMatch(/<w:trPr><w:tblHeader\/><\/w:trPr>/);
    expect(table).toContain('<w:jc w:val="right"/>');
    expect(table.match(/<w:gridCol /g)).toHaveLength(2);
  });

  it('makes links hyperlinks (web and mail only) and keeps bold, italic, strike and code', async () => {
    const { paragraphs, rels } = await render(
      'Siehe [das **Landesportal**](https://www.baden-wuerttemberg.de/), [Mail](mailto:a@b.de), ' +
        '[böse](javascript:alert(1)) und **fett**, *kursiv*, ~~gestrichen~~, `code`.',
    );
    const p = paragraphs[0];
    const links = [...p.xml.matchAll(/<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/g)];
    expect(links).toHaveLength(2);
    const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    expect(target(links[0][1])).toBe('https://www.baden-wuerttemberg.de/');
    expect(target(links[1][1])).toBe('mailto:a@b.de');
    expect(links[0][2]).toContain('<w:rStyle w:val="Hyperlink"/>');
    expect(links[0][2]).toMatch(/<w:b\/>[\s\S]*Landesportal/);
    expect(rels).not.toContain('javascript');
    expect(p.text).toContain('böse');
    const runOf = (text: string) => new RegExp(`<w:r>(?:(?!<w:r>).)*?${text}</w:t>`, 's').exec(p.xml)![0];
    expect(runOf('fett')).toContain('<w:b/>');
    expect(runOf('kursiv')).toContain('<w:i/>');
    expect(runOf('gestrichen')).toContain('<w:strike/>');
    expect(runOf('code')).toContain('w:ascii="Courier New"');
  });

  it('keeps raw HTML as the text it is and reads character references', async () => {
    const { paragraphs, xml } = await render(
      'Text <script>alert(1)</script> &amp; mehr&nbsp;&#8211; Ende<br>neu',
    );
    expect(paragraphs[0].text).toBe(
      'Rn. 1\tText &lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr\u00a0– Endeneu',
    );
    expect(xml).toContain('<w:br/>');
    expect(xml).not.toContain('<script');
  });

  it('reads character references in link targets but not in code', async () => {
    const { paragraphs, rels } = await render('[Liste](https://a.de/?x=1&amp;y=2) und `&amp; <b>`');
    expect(rels).toContain('Target="https://a.de/?x=1&amp;y=2"');
    expect(paragraphs[0].text).toBe('Rn. 1\tListe und &amp;amp; &lt;b&gt;');
  });

  it('decodes the character references Markdown allows and leaves the rest', () => {
    expect(decodeEntities('&lt;a&gt; &quot;x&quot; &#x41;&#66; &unknown; &#0;')).toBe(
      '<a> "x" AB &unknown; &#0;',
    );
  });

  it('writes an empty text as no blocks', async () => {
    expect(markdownToDocx('')).toEqual({ blocks: [], randnummern: 0 });
    expect(markdownToDocx('\n\n  \n').randnummern).toBe(0);
  });
});
