import { ExternalHyperlink, TextRun, type IRunOptions, type ParagraphChild } from 'docx';
import type { Token, Tokens } from 'marked';

/**
 * Inline Markdown (`marked`'s inline tokens) as Word runs: bold, italic, strike, code, line breaks, and links as
 * hyperlinks — only to web and mail addresses, as in the HTML export; other targets stay as their text. Raw HTML
 * stays the text it is, `<br>` aside.
 */

export const MONO = 'Courier New';
const SAFE_URL = /^(https?:\/\/|mailto:)/i;

export interface Marks {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
}

/** Inline tokens → runs and hyperlinks. */
export function inlineRuns(tokens: Token[] | undefined, marks: Marks = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const token of tokens ?? []) out.push(...inlineToken(token, marks));
  return out;
}

/** A run of text with its marks (bold, italic, strike, code). */
export function run(text: string, marks: Marks, extra: IRunOptions = {}): TextRun {
  return new TextRun({
    text,
    bold: marks.bold,
    italics: marks.italics,
    strike: marks.strike,
    ...(marks.code ? { font: MONO, size: 20 } : {}),
    ...extra,
  });
}

function inlineToken(token: Token, marks: Marks): ParagraphChild[] {
  switch (token.type) {
    case 'text': {
      const t = token as Tokens.Text;
      // A list item's text carries its inline tokens; soft line breaks read as spaces.
      return t.tokens
        ? inlineRuns(t.tokens, marks)
        : [run(decodeEntities(t.text).replace(/\n/g, ' '), marks)];
    }
    case 'escape':
      return [run((token as Tokens.Escape).text, marks)];
    case 'strong':
      return inlineRuns((token as Tokens.Strong).tokens, { ...marks, bold: true });
    case 'em':
      return inlineRuns((token as Tokens.Em).tokens, { ...marks, italics: true });
    case 'del':
      return inlineRuns((token as Tokens.Del).tokens, { ...marks, strike: true });
    case 'codespan': // as written: character references are not read inside code
      return [run((token as Tokens.Codespan).text, { ...marks, code: true })];
    case 'br':
      return [new TextRun({ break: 1 })];
    case 'link': {
      const link = token as Tokens.Link;
      const href = decodeEntities(link.href);
      if (!SAFE_URL.test(href)) return inlineRuns(link.tokens, marks);
      const label = hyperlinkRuns(link.tokens, marks);
      return [
        new ExternalHyperlink({
          link: href,
          children: label.length ? label : [run(href, marks, { style: 'Hyperlink' })],
        }),
      ];
    }
    case 'image': {
      const image = token as Tokens.Image;
      return image.text ? [run(`[${decodeEntities(image.text)}]`, marks)] : [];
    }
    case 'html': {
      const raw = (token as Tokens.HTML).text;
      return /^<br\s*\/?>$/i.test(raw.trim()) ? [new TextRun({ break: 1 })] : [run(raw, marks)];
    }
    case 'checkbox':
      return [run((token as Tokens.Checkbox).checked ? '☒ ' : '☐ ', marks)];
    default:
      return 'text' in token && typeof token.text === 'string'
        ? [run(decodeEntities(token.text), marks)]
        : [];
  }
}

/** A hyperlink's label: its runs in Word's Hyperlink character style (nested links cannot exist in Markdown). */
function hyperlinkRuns(tokens: Token[], marks: Marks): TextRun[] {
  const runs: TextRun[] = [];
  const visit = (list: Token[], m: Marks) => {
    for (const t of list) {
      if (t.type === 'strong') visit((t as Tokens.Strong).tokens, { ...m, bold: true });
      else if (t.type === 'em') visit((t as Tokens.Em).tokens, { ...m, italics: true });
      else if (t.type === 'del') visit((t as Tokens.Del).tokens, { ...m, strike: true });
      else if (t.type === 'codespan') runs.push(run(t.text, { ...m, code: true }, { style: 'Hyperlink' }));
      else if ('text' in t && typeof t.text === 'string')
        runs.push(run(decodeEntities(t.text), m, { style: 'Hyperlink' }));
    }
  };
  visit(tokens, marks);
  return runs;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Markdown text means its character references: `&amp;` is "&", `&#8211;` "–". Others stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
