import { widenGermanStems } from './german-stems';

describe('widenGermanStems', () => {
  it('pairs a stem whose final "s" the stemmer drops with the form that keeps it, both ways', () => {
    expect(widenGermanStems(`'sprachkur'`)).toBe(`( 'sprachkur' | 'sprachkurs' )`);
    expect(widenGermanStems(`'sprachkurs'`)).toBe(`( 'sprachkur' | 'sprachkurs' )`);
  });

  it('keeps operators, phrases and negations', () => {
    expect(widenGermanStems(`'sprachkur' <2> 'stuttgart' & !'kita' & !'karlsruh'`)).toBe(
      `( 'sprachkur' | 'sprachkurs' ) <2> ( 'stuttgart' | 'stuttgarts' ) & !'kita' & !( 'karlsruh' | 'karlsruhs' )`,
    );
  });

  it('leaves lexemes alone that cannot lose an "s" or hold other characters', () => {
    expect(widenGermanStems(`'haus' & 'prozess' & 'wohnung'`)).toBe(
      `'haus' & 'prozess' & ( 'wohnung' | 'wohnungs' )`,
    );
    expect(widenGermanStems(`'2026' & 'o''neil' & 'a-b'`)).toBe(`'2026' & 'o''neil' & 'a-b'`);
    expect(widenGermanStems('')).toBe('');
  });
});
