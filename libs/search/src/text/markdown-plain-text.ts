/**
 * Markdown as the words a reader sees, for search snippets: headings, list and quote markers, emphasis, code
 * fences, tables and link targets go; the text stays, line by line, so that a search word is still where it was.
 * Not a renderer: it only has to leave no syntax behind in a snippet of a few dozen words.
 */
export function markdownPlainText(markdown: string): string {
  const lines: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence === null ? marker : null;
      continue;
    }
    lines.push(fence === null ? inlinePlainText(blockText(line)) : line);
  }
  return lines.join('\n');
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const RULE = /^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/;
const TABLE_DIVIDER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$/;
const QUOTE = /^ {0,3}>[ ]?/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+|$)/;
const CLOSING_HASHES = /[ \t]+#+[ \t]*$/;
const BULLET = /^[ \t]*[-*+][ \t]+(\[[ xX]\][ \t]+)?/;
const TABLE_ROW = /^[ \t]*\|(.*)\|[ \t]*$/;

/** The line without its block syntax: rules, table dividers and link definitions become empty. */
function blockText(line: string): string {
  if (RULE.test(line) || TABLE_DIVIDER.test(line) || REFERENCE_DEFINITION.test(line)) return '';
  let text = line;
  while (QUOTE.test(text)) text = text.replace(QUOTE, '');
  if (HEADING.test(text)) return text.replace(HEADING, '').replace(CLOSING_HASHES, '');
  text = text.replace(BULLET, '');
  const row = TABLE_ROW.exec(text);
  return row
    ? row[1]
        .split('|')
        .map((cell) => cell.trim())
        .join(' · ')
    : text;
}

/** A link target: no spaces, at most one level of parentheses inside, an optional "title". */
const TARGET = String.raw`\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+"[^"]*")?\)`;
const IMAGE_OR_LINK = new RegExp(String.raw`!?\[([^\]]*)\](?:${TARGET}|\[[^\]]*\])`, 'g');
const AUTOLINK = /<((?:https?:\/\/|mailto:)[^>\s]+|[^>\s@]+@[^>\s@]+)>/g;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;

/** A backslash-escaped character stands for itself: it is kept out of the way as a private-use one meanwhile. */
const ESCAPED = /\\([\\`*_{}[\]()#+\-.!>|~<])/g;
const SET_ASIDE = 0xe000;
const SET_ASIDE_CHAR = /[\ue000-\ue07f]/g;

/** Inline syntax removed; code spans keep their text as written. */
function inlinePlainText(text: string): string {
  return text
    .replace(ESCAPED, (_, c: string) => String.fromCharCode(SET_ASIDE + c.charCodeAt(0)))
    .split(/(`+[^`]*?`+)/)
    .map((part, i) => {
      if (i % 2 === 1) return part.replace(/^`+|`+$/g, '');
      return (
        part
          // Tracked changes (CriticMarkup): a suggested deletion is not (yet) text, a suggested insertion is.
          .replace(/\{--[\s\S]*?--\}/g, '')
          .replace(/\{\+\+([\s\S]*?)\+\+\}/g, '$1')
          .replace(/\+\+(?=\S)(.+?)(?<=\S)\+\+/g, '$1')
          .replace(IMAGE_OR_LINK, '$1')
          .replace(AUTOLINK, '$1')
          .replace(HTML_TAG, '')
          .replace(/(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1/g, '$2')
          .replace(/(^|[^*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])/g, '$1$2')
          .replace(/(^|[^\w])_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1$2')
      );
    })
    .join('')
    .replace(SET_ASIDE_CHAR, (c) => String.fromCharCode(c.charCodeAt(0) - SET_ASIDE));
}
