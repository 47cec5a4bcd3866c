import {
  AlignmentType,
  HeadingLevel,
  LevelFormat,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type IParagraphOptions,
  type IParagraphStyleOptions,
  type NumberingDefinition,
  type ParagraphChild,
} from 'docx';
import { Lexer, type Token, type Tokens } from 'marked';
import { decodeEntities, inlineRuns, MONO, run } from './docx-inline';

/**
 * The draft's Markdown as Word blocks: `marked`'s lexer reads it once into tokens, and each token becomes docx
 * objects — headings as Word's heading styles, paragraphs, nested bulleted and numbered lists, tables, quotes, code,
 * links as hyperlinks, bold/italic/strike. Raw HTML in the text is kept as the text it is (as the HTML export
 * shows it), never as markup.
 *
 * **Randnummern.** Every body block — a paragraph, each list item, a table, a code block — carries a visible
 * number, "Rn. 1", "Rn. 2", …, in the order of the text; headings and rules do not. They are counted here from
 * today's Markdown, so a paragraph inserted above renumbers those after it. Numbers that stay with their paragraph
 * need a stable id per block, which comes with the rich-text model of issue 24; the numbering then reads those ids
 * instead of counting.
 */

/** The page's margins, 2.5 cm, in twentieths of a point (dxa); the document sets them (draft-docx.ts). */
export const PAGE_MARGIN = 1_417;
/** Width of the text area of an A4 page (11,906 dxa wide) within those margins. */
const TEXT_WIDTH = 11_906 - 2 * PAGE_MARGIN;
/** Where the text of a numbered paragraph starts: the Randnummer stands left of it, as in a margin. */
const RN_COLUMN = 850;
const LIST_INDENT = 420;
const RN_COLOR = '595959';

const levelIndent = (level: number) => ({
  indent: { left: RN_COLUMN + LIST_INDENT * (level + 1), hanging: LIST_INDENT },
});

/** Bullets for unordered lists, one shape per level. */
const BULLET_LIST: NumberingDefinition = {
  reference: 'runde-bullets',
  levels: Array.from({ length: 9 }, (_, level) => ({
    level,
    format: LevelFormat.BULLET,
    text: ['•', '◦', '▪'][level % 3],
    alignment: AlignmentType.START,
    style: { paragraph: levelIndent(level) },
  })),
};

const ORDERED_LISTS = new Map<number, NumberingDefinition>();

/**
 * "1." on each level, counting from `start` (a Markdown list may begin at "5."). Each list is an instance of its
 * own (see `BlockWriter.list`), so every list counts from its start again. docx adds the definitions a document's
 * paragraphs use to its numbering part.
 */
function orderedList(start: number): NumberingDefinition {
  let definition = ORDERED_LISTS.get(start);
  if (!definition) {
    definition = {
      reference: `runde-ordered-${start}`,
      levels: Array.from({ length: 9 }, (_, level) => ({
        level,
        format: LevelFormat.DECIMAL,
        text: `%${level + 1}.`,
        alignment: AlignmentType.START,
        start,
        style: { paragraph: levelIndent(level) },
      })),
    };
    ORDERED_LISTS.set(start, definition);
  }
  return definition;
}

/** The paragraph styles the blocks use beside Word's built-in ones (the document adds them to its styles). */
export const BODY_STYLES: IParagraphStyleOptions[] = [
  {
    id: 'Quote',
    name: 'Quote',
    basedOn: 'Normal',
    next: 'Normal',
    run: { italics: true, color: '404040' },
  },
  {
    id: 'SourceCode',
    name: 'Source Code',
    basedOn: 'Normal',
    next: 'Normal',
    run: { font: MONO, size: 20 },
    paragraph: { shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' } },
  },
];

export interface DocxBody {
  blocks: FileChild[];
  /** How many Randnummern the text has. */
  randnummern: number;
}

/**
 * Markdown → docx blocks (see the file's comment); the document needs `BODY_STYLES`. With `title`, a level-1
 * heading that opens the text and only repeats the title is left out: the document shows the title already.
 */
export function markdownToDocx(markdown: string, options: { title?: string } = {}): DocxBody {
  const tokens = new Lexer({ gfm: true }).lex(markdown.replace(/\r\n?/g, '\n'));
  const first = tokens.findIndex((t) => t.type !== 'space');
  const opening = tokens[first] as Tokens.Heading | undefined;
  if (
    options.title !== undefined &&
    opening?.type === 'heading' &&
    opening.depth === 1 &&
    decodeEntities(opening.text).trim() === options.title.trim()
  )
    tokens.splice(first, 1);
  const writer = new BlockWriter();
  writer.blocks(tokens, 0);
  return { blocks: writer.out, randnummern: writer.rn };
}

/** Turns block tokens into paragraphs and tables, counting Randnummern. */
class BlockWriter {
  readonly out: FileChild[] = [];
  rn = 0;
  private instance = 0;

  /** `quote`: how many block quotes the tokens sit in (each indents). */
  blocks(tokens: Token[], quote: number): void {
    for (const token of tokens) this.block(token, quote);
  }

  private block(token: Token, quote: number): void {
    switch (token.type) {
      case 'heading': {
        const heading = token as Tokens.Heading;
        this.out.push(
          new Paragraph({
            heading: HEADINGS[Math.min(heading.depth, 6) - 1],
            children: inlineRuns(heading.tokens),
          }),
        );
        return;
      }
      case 'paragraph':
        this.out.push(this.numbered(inlineRuns((token as Tokens.Paragraph).tokens), quote));
        return;
      case 'text': // loose text at block level (e.g. after raw HTML)
        this.out.push(this.numbered(inlineRuns([token]), quote));
        return;
      case 'html':
        this.out.push(this.numbered([run((token as Tokens.HTML).text.trimEnd(), {})], quote));
        return;
      case 'code':
        this.out.push(this.numbered(codeRuns((token as Tokens.Code).text), quote, codeLook));
        return;
      case 'blockquote':
        this.blocks((token as Tokens.Blockquote).tokens, quote + 1);
        return;
      case 'list':
        this.list(token as Tokens.List, 0, quote);
        return;
      case 'table':
        this.table(token as Tokens.Table, quote);
        return;
      case 'hr':
        this.out.push(new Paragraph({ thematicBreak: true, children: [] }));
        return;
      default: // space, def (link definitions): nothing to show
        return;
    }
  }

  /** A body block's paragraph: "Rn. n", a tab, then the text, which starts at the Randnummer column. */
  private numbered(
    children: ParagraphChild[],
    quote: number,
    look: Partial<IParagraphOptions> = {},
  ): Paragraph {
    const left = RN_COLUMN + quote * LIST_INDENT;
    return new Paragraph({
      ...look,
      ...quoteLook(quote),
      indent: { left, hanging: left },
      tabStops: [{ type: 'left', position: left }],
      children: [this.marker(), new TextRun({ children: [new Tab()] }), ...children],
    });
  }

  /** The next Randnummer as a run (small, grey, so the text stays in front). */
  private marker(): TextRun {
    this.rn += 1;
    return new TextRun({ text: `Rn. ${this.rn}`, size: 16, color: RN_COLOR, font: 'Arial', italics: false });
  }

  private list(list: Tokens.List, level: number, quote: number): void {
    const ordered = list.ordered;
    const instance = ++this.instance;
    const start = typeof list.start === 'number' && list.start > 1 ? list.start : 1;
    for (const item of list.items) {
      let first = true;
      for (const part of item.tokens) {
        if (part.type === 'list') {
          this.list(part as Tokens.List, Math.min(level + 1, 8), quote);
          continue;
        }
        if (part.type === 'space') continue;
        const children =
          part.type === 'code'
            ? codeRuns((part as Tokens.Code).text)
            : inlineRuns('tokens' in part && part.tokens ? part.tokens : [part]);
        if (first) {
          // The item's first block: bullet or number, then its Randnummer, then the text.
          if (item.task) children.unshift(run(item.checked ? '☒ ' : '☐ ', {}));
          this.out.push(
            new Paragraph({
              ...quoteLook(quote),
              ...(part.type === 'code' ? codeLook : {}),
              numbering: { reference: ordered ? orderedList(start) : BULLET_LIST, level, instance },
              children: [this.marker(), run('\u2002', {}), ...children],
            }),
          );
          first = false;
        } else {
          // Further paragraphs of the same item: indented with its text, no bullet, no number of their own.
          this.out.push(
            new Paragraph({
              ...quoteLook(quote),
              ...(part.type === 'code' ? codeLook : {}),
              indent: { left: RN_COLUMN + LIST_INDENT * (level + 1) },
              children,
            }),
          );
        }
      }
    }
  }

  private table(table: Tokens.Table, quote: number): void {
    // The table's Randnummer stands on a line of its own right before it (kept on the same page).
    this.out.push(
      new Paragraph({ keepNext: true, indent: { left: quote * LIST_INDENT }, children: [this.marker()] }),
    );
    const columns = Math.max(1, table.header.length);
    const width = Math.floor((TEXT_WIDTH - quote * LIST_INDENT) / columns);
    const cell = (c: Tokens.TableCell, header: boolean) =>
      new TableCell({
        width: { size: width, type: WidthType.DXA },
        ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } } : {}),
        children: [
          new Paragraph({
            alignment: ALIGN[c.align ?? 'left'],
            children: inlineRuns(c.tokens, header ? { bold: true } : {}),
          }),
        ],
      });
    this.out.push(
      new Table({
        width: { size: width * columns, type: WidthType.DXA },
        columnWidths: Array.from({ length: columns }, () => width),
        ...(quote ? { indent: { size: quote * LIST_INDENT, type: WidthType.DXA } } : {}),
        rows: [
          new TableRow({ tableHeader: true, children: table.header.map((c) => cell(c, true)) }),
          ...table.rows.map((row) => new TableRow({ children: row.map((c) => cell(c, false)) })),
        ],
      }),
    );
  }
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

/** Paragraphs inside block quotes: Word's "Quote" style (indentation comes with the Randnummer column). */
const quoteLook = (quote: number): Partial<IParagraphOptions> => (quote ? { style: 'Quote' } : {});

const codeLook: Partial<IParagraphOptions> = { style: 'SourceCode' };

/** A code block's lines, as they are, in a monospaced font. */
function codeRuns(text: string): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, ...(i ? { break: 1 } : {}) }));
}
