import { diffParagraphs } from './paragraph-diff';
import { DiffPart, diffWords, similarity, tokensOf, wordCounts } from './word-diff';

const oldOf = (parts: DiffPart[]) =>
  parts
    .filter((p) => p.op !== 'insert')
    .map((p) => p.text)
    .join('');
const newOf = (parts: DiffPart[]) =>
  parts
    .filter((p) => p.op !== 'delete')
    .map((p) => p.text)
    .join('');

describe('word diff', () => {
  it('keeps German words whole, whitespace and punctuation apart', () => {
    expect(tokensOf('Maßnahmen für Bürger:innen – 2027, „Übergänge“')).toEqual([
      'Maßnahmen',
      ' ',
      'für',
      ' ',
      'Bürger',
      ':',
      'innen',
      ' ',
      '–',
      ' ',
      '2027',
      ',',
      ' ',
      '„',
      'Übergänge',
      '“',
    ]);
    // Decomposed umlauts (u + combining diaeresis) stay inside their word; emoji are never split.
    expect(tokensOf('Gru\u0308n 🙂!')).toEqual(['Gru\u0308n', ' ', '🙂', '!']);
  });

  it('marks one changed word in a long paragraph and leaves the rest equal', () => {
    const before =
      'Die Landkreise stärken die Beratung für Zugewanderte, indem sie mobile Teams einsetzen, die ' +
      'regelmäßig in die Gemeinden fahren und dort Sprechstunden anbieten.';
    const after = before.replace('regelmäßig', 'wöchentlich');
    expect(diffWords(before, after)).toEqual([
      { op: 'equal', text: before.slice(0, before.indexOf('regelmäßig')) },
      { op: 'delete', text: 'regelmäßig' },
      { op: 'insert', text: 'wöchentlich' },
      { op: 'equal', text: before.slice(before.indexOf('regelmäßig') + 'regelmäßig'.length) },
    ]);
  });

  it('marks whole words, with ß and umlauts, never part of one', () => {
    expect(diffWords('Die Straße ist groß.', 'Die Strasse ist größer.')).toEqual([
      { op: 'equal', text: 'Die ' },
      { op: 'delete', text: 'Straße' },
      { op: 'insert', text: 'Strasse' },
      { op: 'equal', text: ' ist ' },
      { op: 'delete', text: 'groß' },
      { op: 'insert', text: 'größer' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('reads neighbouring replaced words as one replacement', () => {
    expect(diffWords('Wir fördern alte Ideen hier.', 'Wir fördern neue Wege hier.')).toEqual([
      { op: 'equal', text: 'Wir fördern ' },
      { op: 'delete', text: 'alte Ideen' },
      { op: 'insert', text: 'neue Wege' },
      { op: 'equal', text: ' hier.' },
    ]);
  });

  it('gives pure insertions and deletions, and nothing for equal texts', () => {
    expect(diffWords('Kurse vor Ort.', 'Mobile Kurse vor Ort.')).toEqual([
      { op: 'insert', text: 'Mobile ' },
      { op: 'equal', text: 'Kurse vor Ort.' },
    ]);
    expect(diffWords('Kurse, auch digital, vor Ort.', 'Kurse vor Ort.')).toEqual([
      { op: 'equal', text: 'Kurse' },
      { op: 'delete', text: ', auch digital,' },
      { op: 'equal', text: ' vor Ort.' },
    ]);
    expect(diffWords('Gleich.', 'Gleich.')).toEqual([{ op: 'equal', text: 'Gleich.' }]);
  });

  it('always joins back to both texts', () => {
    const cases: Array<[string, string]> = [
      ['**Ziel:** mehr Kurse\n- eins\n- zwei', '**Ziel:** weniger, aber bessere Kurse\n- eins\n- drei'],
      ['[Link](https://a.example/x)', '[Verweis](https://a.example/y)'],
      ['', 'Neu'],
      ['Alt', ''],
      ['ä ö ü ß', 'Ä Ö Ü ẞ'],
    ];
    for (const [a, b] of cases) {
      const parts = diffWords(a, b);
      expect([oldOf(parts), newOf(parts)]).toEqual([a, b]);
      expect(parts.every((p) => p.text.length > 0)).toBe(true);
    }
  });

  it('joins back to both texts over random edits, with no two parts of the same kind side by side', () => {
    const words = ['Integration', 'Teilhabe', 'für', 'die', 'und', 'Maßnahmen', ',', '.', 'Übergang', '\n'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = () => words[Math.floor(random() * words.length)];
    for (let n = 0; n < 500; n++) {
      const a = Array.from({ length: Math.floor(random() * 30) }, pick).join(random() < 0.5 ? ' ' : '  ');
      const b = a
        .split(' ')
        .map((w) => (random() < 0.2 ? pick() : random() < 0.1 ? '' : w))
        .join(' ');
      const parts = diffWords(a, b);
      expect([oldOf(parts), newOf(parts)]).toEqual([a, b]);
      for (let i = 1; i < parts.length; i++) {
        expect(parts[i].op).not.toBe(parts[i - 1].op);
        expect([parts[i - 1].op, parts[i].op]).not.toEqual(['insert', 'delete']);
      }
    }
  });

  it('measures how alike two paragraphs are by their words', () => {
    const s = (a: string, b: string) => similarity(wordCounts(a), wordCounts(b));
    expect(s('Absatz zwei.', 'Absatz zwei, neu.')).toBeCloseTo(0.8);
    expect(s('## Ziele', '## Maßnahmen')).toBe(0);
    expect(s('---', '***')).toBe(1);
  });
});

describe('aligned paragraphs', () => {
  const labels = { from: 'A', to: 'B' };

  it('pair a changed paragraph with its successor, keep the others inserted and deleted', () => {
    const diff = diffParagraphs(
      'Eins.\n\nZwei Sätze über Sprache.\n\n## Alt\n\nDrei.',
      'Eins.\n\nNeu davor.\n\nZwei Sätze über Sprachkurse.\n\nDrei.\n\nVier.',
      labels,
    );
    expect(diff.paragraphs).toEqual([
      { op: 'equal', fromIndex: 0, toIndex: 0, text: 'Eins.' },
      { op: 'insert', fromIndex: null, toIndex: 1, text: 'Neu davor.' },
      {
        op: 'change',
        fromIndex: 1,
        toIndex: 2,
        text: 'Zwei Sätze über Sprachkurse.',
        parts: [
          { op: 'equal', text: 'Zwei Sätze über ' },
          { op: 'delete', text: 'Sprache' },
          { op: 'insert', text: 'Sprachkurse' },
          { op: 'equal', text: '.' },
        ],
      },
      { op: 'delete', fromIndex: 2, toIndex: null, text: '## Alt' },
      { op: 'equal', fromIndex: 3, toIndex: 3, text: 'Drei.' },
      { op: 'insert', fromIndex: null, toIndex: 4, text: 'Vier.' },
    ]);
    expect(diff.summary).toEqual({ unchanged: 2, changed: 1, inserted: 2, deleted: 1 });
    // What was there before stays as it was.
    expect(diff.stats).toEqual({ equal: 2, deleted: 2, inserted: 3 });
  });

  it('pairs each rewritten paragraph with the one it resembles most, in order', () => {
    const diff = diffParagraphs(
      'Erstens die Sprache fördern.\n\nZweitens die Arbeit vermitteln.',
      'Ganz anderes Thema.\n\nErstens die Sprache stärken.\n\nZweitens die Arbeit gut vermitteln.',
      labels,
    );
    expect(diff.paragraphs.map((p) => [p.op, p.fromIndex, p.toIndex])).toEqual([
      ['insert', null, 0],
      ['change', 0, 1],
      ['change', 1, 2],
    ]);
  });

  it('identical texts have no changes', () => {
    const diff = diffParagraphs('Eins.\n\nZwei.', 'Eins.\n\nZwei.', labels);
    expect(diff.summary).toEqual({ unchanged: 2, changed: 0, inserted: 0, deleted: 0 });
    expect(diff.paragraphs.every((p) => p.op === 'equal' && p.parts === undefined)).toBe(true);
  });

  it('pairs by position in a very large rewrite, and stays quick', () => {
    const from = Array.from({ length: 300 }, (_, i) => `Absatz ${i} über Integration und Teilhabe.`);
    const to = from.map((p, i) => (i % 2 ? p.replace('Teilhabe', 'Bildung') : `Ganz neu ${i}.`));
    const started = Date.now();
    const diff = diffParagraphs(from.reverse().join('\n\n'), to.reverse().join('\n\n'), labels);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(diff.summary.changed + diff.summary.unchanged).toBeGreaterThan(0);
    for (const p of diff.paragraphs.filter((x) => x.op === 'change')) expect(newOf(p.parts!)).toBe(p.text);
  });
});
