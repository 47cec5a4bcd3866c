import { diffParagraphs, paragraphsOf } from './paragraph-diff';
import { sectionAt, sectionsOf } from './sections';
import { escapeHtml, markdownToHtml } from './markdown-html';

describe('paragraph diff', () => {
  it('splits on blank lines', () => {
    expect(paragraphsOf('a\nb\n\n\nc  \n \nd')).toEqual(['a\nb', 'c', 'd']);
  });

  it('gives JSON operations and a unified text', () => {
    const diff = diffParagraphs('Eins\n\nZwei\n\nDrei', 'Eins\n\nZwei neu\n\nDrei\n\nVier', {
      from: 'Revision 1',
      to: 'Revision 2',
    });
    expect(diff.ops).toEqual([
      { op: 'equal', fromIndex: 0, toIndex: 0, text: 'Eins' },
      { op: 'delete', fromIndex: 1, toIndex: null, text: 'Zwei' },
      { op: 'insert', fromIndex: null, toIndex: 1, text: 'Zwei neu' },
      { op: 'equal', fromIndex: 2, toIndex: 2, text: 'Drei' },
      { op: 'insert', fromIndex: null, toIndex: 3, text: 'Vier' },
    ]);
    expect(diff.stats).toEqual({ equal: 2, deleted: 1, inserted: 2 });
    expect(diff.unified).toBe(
      [
        '--- Revision 1',
        '+++ Revision 2',
        '@@ -1,3 +1,4 @@',
        ' Eins',
        '-Zwei',
        '+Zwei neu',
        ' Drei',
        '+Vier',
        '',
      ].join('\n'),
    );
  });
});

describe('sections', () => {
  it('come from ATX headings outside code fences', () => {
    const text = '# Ziele\nText\n## Sprache\nMehr\n```\n# kein Titel\n```\n# Umsetzung\nEnde';
    const sections = sectionsOf(text);
    expect(sections.map((s) => [s.level, s.title])).toEqual([
      [1, 'Ziele'],
      [2, 'Sprache'],
      [1, 'Umsetzung'],
    ]);
    expect(sections[0].end).toBe(text.indexOf('# Umsetzung'));
    expect(sections[1].end).toBe(text.indexOf('# Umsetzung'));
    expect(sectionAt(sections, text.indexOf('Mehr'))?.title).toBe('Sprache');
  });
});

describe('markdown to html', () => {
  it('escapes user text everywhere', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = markdownToHtml(
      '# <script>alert(1)</script>\n\nText mit <b>HTML</b> und [Link](javascript:alert(1))',
    );
    expect(html).not.toMatch(/<script|<b>|href="javascript/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('renders the usual blocks and inline marks', () => {
    const html = markdownToHtml(
      '## Ziel\n\n**fett** und *kursiv*, `code <x>`\n\n- eins\n- zwei\n\n[Web](https://example.org/?a=1&b=2)',
    );
    expect(html).toBe(
      [
        '<h2>Ziel</h2>',
        '<p><strong>fett</strong> und <em>kursiv</em>, <code>code &lt;x&gt;</code></p>',
        '<ul><li>eins</li><li>zwei</li></ul>',
        '<p><a href="https://example.org/?a=1&amp;b=2">Web</a></p>',
      ].join('\n'),
    );
  });
});
