/**
 * Letters after which the German Snowball stemmer drops a final "s" ("valid s-endings"). It only drops it when the
 * "s" ends the word, so the bare form loses it while inflected forms keep it: "Sprachkurs" → `sprachkur`, but
 * "Sprachkurse" / "Sprachkursen" → `sprachkurs`. Without help, one would not find the other.
 */
const S_ENDING = 'bdfghklmnrt';
const STEM_WITH_OPTIONAL_S = new RegExp(`^(\\p{Ll}*[${S_ENDING}])(s?)$`, 'u');
const QUOTED_LEXEME = /'((?:[^']|'')*)'/g;

/**
 * Widens each lexeme of a tsquery (as Postgres prints it, e.g. `'sprachkur' <-> 'stuttgart' & !'berlin'`) that
 * differs from a sibling stem only by that final "s" into both: `( 'sprachkur' | 'sprachkurs' )`. Operators,
 * phrases and negations stay as they are, so the result keeps the meaning of `websearch_to_tsquery`, and it
 * still matches the `to_tsvector('german', …)` GIN indexes. Lexemes with anything but lower-case letters are
 * left alone.
 */
export function widenGermanStems(tsquery: string): string {
  return tsquery.replace(QUOTED_LEXEME, (quoted, lexeme: string) => {
    const match = STEM_WITH_OPTIONAL_S.exec(lexeme);
    if (!match) return quoted;
    const bare = match[1];
    return `( '${bare}' | '${bare}s' )`;
  });
}
