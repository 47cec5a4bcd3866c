/**
 * WordprocessingML for the body of large documents, written as text. The `docx` package builds an object tree for
 * every element and formats it afterwards: for a Synopse of 22,000 points (110,000 table cells) that took 8–10 s of
 * one core and held the api's event loop all the while (bench/consultations). The Synopse's body is a handful of
 * shapes — paragraphs with plain runs, headings, tables with merged cells — so it is written here straight into
 * strings; `docx` still makes the package around it (styles, section, footer, properties: synopsis-docx.ts).
 */

/** Characters XML 1.0 does not allow (C0 controls other than tab/newline/CR, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text as XML character data: escaped, characters XML cannot carry dropped. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(SPECIAL, (c) => ENTITY[c]);
}

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
}

/** One run of text: line breaks as `<w:br/>`, tabs as `<w:tab/>`, carriage returns dropped. */
export function run(text: string, style: RunStyle = {}): string {
  const props = (style.bold ? '<w:b/><w:bCs/>' : '') + (style.italics ? '<w:i/><w:iCs/>' : '');
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const body = lines
    .map((line) =>
      line
        .split('\t')
        .map((part) => (part ? `<w:t xml:space="preserve">${xmlText(part)}</w:t>` : ''))
        .join('<w:tab/>'),
    )
    .join('<w:br/>');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${body}</w:r>`;
}

export interface ParagraphStyle {
  /** A paragraph style of the package's styles.xml (Title, Heading1, …). */
  style?: string;
  /** Space after, in twentieths of a point. */
  after?: number;
}

/** A paragraph of runs (already written with `run`). */
export function paragraph(runs: string | string[], options: ParagraphStyle = {}): string {
  const props =
    (options.style ? `<w:pStyle w:val="${options.style}"/>` : '') +
    (options.after !== undefined ? `<w:spacing w:after="${options.after}"/>` : '');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${Array.isArray(runs) ? runs.join('') : runs}</w:p>`;
}

/** A paragraph of one run of text. */
export const textParagraph = (text: string, style: RunStyle = {}) => paragraph(run(text, style));

export interface Cell {
  /** Its paragraphs (already written); an empty cell gets the empty paragraph Word requires. */
  paragraphs: string[];
  /** Columns it spans (gridSpan). */
  span?: number;
  /** Vertically merged: `start` begins a merge the following rows' `continue` cells join. */
  merge?: 'start' | 'continue';
  shaded?: boolean;
}

const SHADE = '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>';
const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="auto"';

/**
 * A table written row by row: the grid, single borders, the cell margins once for the whole table, fixed layout
 * (the widths are the grid's; Word need not measure 100,000 cells).
 */
export class TableWriter {
  private readonly parts: string[] = [];

  constructor(private readonly widths: number[]) {
    const total = widths.reduce((a, b) => a + b, 0);
    this.parts.push(
      `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:tblBorders>` +
        ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
          .map((side) => `<w:${side} ${BORDER}/>`)
          .join('') +
        `</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="60" w:type="dxa"/>` +
        `<w:left w:w="80" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/><w:right w:w="80" w:type="dxa"/>` +
        `</w:tblCellMar></w:tblPr><w:tblGrid>` +
        widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('') +
        `</w:tblGrid>`,
    );
  }

  /** A row of cells from the first column on; `header` repeats it on every page, `keep` keeps it on one page. */
  row(cells: Cell[], options: { header?: boolean; keep?: boolean } = {}): this {
    const props =
      (options.keep || options.header ? '<w:cantSplit/>' : '') + (options.header ? '<w:tblHeader/>' : '');
    let column = 0;
    let xml = `<w:tr>${props ? `<w:trPr>${props}</w:trPr>` : ''}`;
    for (const cell of cells) {
      const span = cell.span ?? 1;
      let width = 0;
      for (let i = column; i < column + span; i++) width += this.widths[i] ?? 0;
      column += span;
      xml +=
        `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>` +
        (span > 1 ? `<w:gridSpan w:val="${span}"/>` : '') +
        (cell.merge === 'start'
          ? '<w:vMerge w:val="restart"/>'
          : cell.merge === 'continue'
            ? '<w:vMerge/>'
            : '') +
        (cell.shaded ? SHADE : '') +
        `</w:tcPr>${cell.paragraphs.length && cell.merge !== 'continue' ? cell.paragraphs.join('') : '<w:p/>'}</w:tc>`;
    }
    this.parts.push(`${xml}</w:tr>`);
    return this;
  }

  /** The header row: bold labels on grey. */
  header(labels: string[]): this {
    return this.row(
      labels.map((label) => ({ paragraphs: [textParagraph(label, { bold: true })], shaded: true })),
      { header: true },
    );
  }

  get rows(): number {
    return this.parts.length - 1;
  }

  toString(): string {
    return `${this.parts.join('')}</w:tbl>`;
  }
}

/** An empty paragraph of no height to speak of: keeps two tables apart (Word joins adjacent tables into one). */
const SPACER =
  '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>';

/**
 * One long table written as a series of tables of at most `maxRows` rows, each with the header row. LibreOffice lays
 * out a table in time that grows with the square of its rows, and the ODT and PDF exports are converted from this
 * document: a 5,000-row Synopse took 36 s to convert as one table, 7 s in tables of about 100 rows. On paper the
 * series reads as one table (the header repeats anyway on every page).
 */
export class TableSeries {
  private readonly done: string[] = [];
  private table: TableWriter;
  private count = 0;

  constructor(
    private readonly widths: number[],
    private readonly labels: string[],
    private readonly maxRows: number,
  ) {
    this.table = this.fresh();
  }

  private fresh(): TableWriter {
    return new TableWriter(this.widths).header(this.labels);
  }

  /** Whether the next row opens a table of the series (the rows before it are in the previous one). */
  get opening(): boolean {
    return this.table.rows === 1 || this.table.rows > this.maxRows;
  }

  /** Rows written so far, header rows left out. */
  get rows(): number {
    return this.count;
  }

  row(cells: Cell[], options: { keep?: boolean } = {}): this {
    if (this.table.rows > this.maxRows) {
      this.done.push(this.table.toString(), SPACER);
      this.table = this.fresh();
    }
    this.table.row(cells, options);
    this.count++;
    return this;
  }

  toString(): string {
    return [...this.done, this.table.toString()].join('');
  }
}
