/**
 * Finds mentions in a post's Markdown: `@<uuid>` (also `@<…>` in angle brackets) and `@Display Name` of up to
 * four words. For a name mention every prefix of one to four words is a candidate, longest first; the resolver
 * picks the longest one that is an active person's display name. Mentions inside code are ignored, and so is an
 * `@` inside a word (email addresses).
 */

export const MAX_NAME_WORDS = 4;
/** More mentions than this in one post are ignored (a post is not a mailing list). */
export const MAX_MENTIONS = 50;

const UUID_AFTER_AT = /^<?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>?(?![0-9a-z-])/i;
const AT = /(?<![\p{L}\p{N}\p{M}_@])@/gu;
const WORD_GAP = /[ \t\u00a0]+/;
const TRAILING_PUNCTUATION = /[\p{P}\p{S}]+$/u;

export interface ParsedMentions {
  /** Lower-cased user ids mentioned as `@<uuid>`. */
  ids: string[];
  /** Per name mention: normalised candidate names, longest first. */
  names: string[][];
}

/** How names are compared: NFC, single spaces, lower case (umlauts included). */
export function normalizeName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

function withoutCode(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?(?:```|$)/g, ' ')
    .replace(/~~~[\s\S]*?(?:~~~|$)/g, ' ')
    .replace(/`[^`\n]*`/g, ' ');
}

function candidatesAfter(rest: string): string[] {
  const line = rest.split('\n', 1)[0];
  const words: string[] = [];
  for (const word of line.split(WORD_GAP)) {
    if (!word || word.startsWith('@') || words.length === MAX_NAME_WORDS) break;
    words.push(word);
  }
  const candidates: string[] = [];
  for (let k = words.length; k >= 1; k -= 1) {
    const raw = words.slice(0, k).join(' ');
    const stripped = raw.replace(TRAILING_PUNCTUATION, '');
    for (const c of [raw, stripped]) {
      const name = normalizeName(c);
      if (name && !candidates.includes(name)) candidates.push(name);
    }
  }
  return candidates;
}

export function parseMentions(body: string | null | undefined): ParsedMentions {
  const ids = new Set<string>();
  const names: string[][] = [];
  if (!body) return { ids: [], names };
  const text = withoutCode(body.normalize('NFC'));
  for (const match of text.matchAll(AT)) {
    if (ids.size + names.length >= MAX_MENTIONS) break;
    const rest = text.slice(match.index + 1, match.index + 1 + 400);
    const uuid = UUID_AFTER_AT.exec(rest);
    if (uuid) {
      ids.add(uuid[1].toLowerCase());
      continue;
    }
    const candidates = candidatesAfter(rest);
    if (candidates.length) names.push(candidates);
  }
  return { ids: [...ids], names };
}
