/**
 * The pure part of @mentions in the composer: which `@…` is being typed at the caret, how a chosen person is
 * written into the text (`@<uuid>` without brackets, which the server's mention parser reads as an id and the
 * renderer shows as the name), and the order of the suggestions.
 */
import type { Person } from '../../lib/types';

/** What may stand before the `@` (as on the server: not inside a word, so not in an e-mail address). */
const BEFORE_AT = /[\p{L}\p{N}\p{M}_@]/u;
/** What is typed after the `@` while looking for someone: up to four words of a name, on one line. */
const QUERY = /^[^\s@][^\n@]{0,59}$|^$/u;
const MAX_WORDS = 4;

export interface MentionQuery {
  /** Index of the `@`. */
  start: number;
  /** The text between the `@` and the caret. */
  query: string;
}

/** The mention being typed just before `caret`, or null. */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1;
  const at = text.lastIndexOf('@', caret - 1);
  if (at < lineStart) return null;
  if (at > 0 && BEFORE_AT.test(text[at - 1])) return null;
  const query = text.slice(at + 1, caret);
  if (!QUERY.test(query) || query.split(/\s+/).filter(Boolean).length > MAX_WORDS) return null;
  // A mention already inserted (`@<uuid>`), and the text after it.
  if (/^<?[0-9a-f]{8}-/i.test(query)) return null;
  // `@` then a space: nobody is being looked for.
  if (/\s{2}/.test(query)) return null;
  return { start: at, query };
}

/** The text with the typed `@query` replaced by the mention of `personId`, and where the caret goes. */
export function insertMention(
  text: string,
  at: MentionQuery,
  personId: string,
): { text: string; caret: number } {
  const end = at.start + 1 + at.query.length;
  const after = text.slice(end);
  const token = `@${personId}${/^\s/.test(after) ? '' : ' '}`;
  return {
    text: text.slice(0, at.start) + token + after,
    caret: at.start + token.length + (/^\s/.test(after) ? 1 : 0),
  };
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('de');

/** Does a person match the typed text (each word found in their name or organisation)? */
export function matches(person: Person, query: string): boolean {
  if (person.deleted || !person.displayName) return false;
  const hay = fold(`${person.displayName} ${person.organisation?.name ?? ''}`);
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

/** Names starting with the text first, then a word of the name, then the rest (organisation); A–Z within. */
export function rank(people: Person[], query: string): Person[] {
  const q = fold(query.trim());
  const score = (p: Person) => {
    const name = fold(p.displayName ?? '');
    if (name.startsWith(q)) return 0;
    if (name.split(/[\s-]+/).some((w) => w.startsWith(q))) return 1;
    return name.includes(q) ? 2 : 3;
  };
  return [...people].sort(
    (a, b) => score(a) - score(b) || (a.displayName ?? '').localeCompare(b.displayName ?? '', 'de'),
  );
}
