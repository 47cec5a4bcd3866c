import { markdownPlainText } from './markdown-plain-text';

describe('markdownPlainText', () => {
  it('drops heading, list, quote and rule syntax and keeps the words line by line', () => {
    expect(
      markdownPlainText(
        '## Ziele ##\n\n- Wartezeit senken\n* [x] Kurse\n1. Erstens\n> > Zitat\n---\n# \nText',
      ),
    ).toBe('Ziele\n\nWartezeit senken\nKurse\n1. Erstens\nZitat\n\n\nText');
  });

  it('keeps the text of links and images, not their targets', () => {
    expect(
      markdownPlainText(
        'Laut [BAMF-Statistik](https://www.bamf.de/a_(b) "Titel") und ![Karte](k.png), ' +
          'siehe [Bericht][1] oder <https://runde.example/x>.\n[1]: https://example.org',
      ),
    ).toBe('Laut BAMF-Statistik und Karte, siehe Bericht oder https://runde.example/x.\n');
  });

  it('drops emphasis and code marks, keeps snake_case, 2*3 and escaped characters', () => {
    expect(markdownPlainText('**fett**, __auch__, *kursiv*, _so_, ~~weg~~ und `a **b**`')).toBe(
      'fett, auch, kursiv, so, weg und a **b**',
    );
    expect(markdownPlainText('kreis_id und 2*3*4, \\*kein Stern\\*, \\# Nr')).toBe(
      'kreis_id und 2*3*4, *kein Stern*, # Nr',
    );
  });

  it('reads a draft with tracked changes and underline as its current words', () => {
    expect(markdownPlainText('Wir {--prüfen--}{++fördern++} ++alle++ Kreise und 1\\++1.')).toBe(
      'Wir fördern alle Kreise und 1++1.',
    );
  });

  it('keeps code blocks as written and drops their fences', () => {
    expect(markdownPlainText('Vorher\n```ts\n## kein Titel\n```\nNachher')).toBe(
      'Vorher\n## kein Titel\nNachher',
    );
  });

  it('turns table rows into cells separated by a dot and drops the divider', () => {
    expect(markdownPlainText('| Kreis | Wartezeit |\n|---|:--:|\n| Ulm | 12 Wochen |')).toBe(
      'Kreis · Wartezeit\n\nUlm · 12 Wochen',
    );
  });

  it('drops HTML tags but not text that only looks like a comparison', () => {
    expect(markdownPlainText('a <b>fett</b> und 3 < 4 > 2')).toBe('a fett und 3 < 4 > 2');
  });
});
