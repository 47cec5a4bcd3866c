import { normalizeName, parseMentions } from './mention-parser';

describe('parseMentions', () => {
  const id = '7B0F1A52-8C1E-4A8E-9D3C-0F6D2B8A1C11';

  it('finds @<uuid> mentions, with or without angle brackets, lower-cased and once', () => {
    expect(parseMentions(`Hallo @${id} und @<${id.toLowerCase()}>!`)).toEqual({
      ids: [id.toLowerCase()],
      names: [],
    });
  });

  it('offers every prefix of up to four words as a name, longest first, trailing punctuation stripped', () => {
    const { names } = parseMentions('Danke @Jürgen Öztürk-Weiß, schau bitte mal drüber');
    expect(names).toEqual([
      [
        'jürgen öztürk-weiß, schau bitte',
        'jürgen öztürk-weiß, schau',
        'jürgen öztürk-weiß,',
        'jürgen öztürk-weiß',
        'jürgen',
      ],
    ]);
  });

  it('stops a name at the end of the line and at the next mention', () => {
    expect(parseMentions('@Anna\nMeier @Bert Brecht').names).toEqual([['anna'], ['bert brecht', 'bert']]);
  });

  it('ignores email addresses, a lone @ and code', () => {
    expect(
      parseMentions('mail an anna@example.org, @ niemand, `@Code Person` und\n```\n@Block\n```'),
    ).toEqual({ ids: [], names: [] });
  });

  it('handles Markdown emphasis around a mention', () => {
    expect(parseMentions('**@Ülrike Maß**').names[0]).toContain('ülrike maß');
  });

  it('normalises names: NFC, spaces, lower case with umlauts', () => {
    expect(normalizeName('  ÄRGER   ÜBER ')).toBe('ärger über');
    expect(normalizeName('U\u0308lrike')).toBe('ülrike');
  });

  it('is empty for empty, hidden or missing bodies', () => {
    expect(parseMentions(null)).toEqual({ ids: [], names: [] });
    expect(parseMentions('')).toEqual({ ids: [], names: [] });
  });
});
