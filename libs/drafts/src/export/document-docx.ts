import {
  HeadingLevel,
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
  type ParagraphChild,
} from 'docx';
import type { Mark, Node } from 'prosemirror-model';
import { BULLET_LIST, LIST_INDENT, orderedList, RN_COLOR, RN_COLUMN, TEXT_WIDTH } from './docx-layout';
import { changeMark, inlineRuns, WordRevisions } from './document-runs';

/**
 * A draft's document (the schema of @runde/richtext) as Word blocks: headings as Word's heading styles,
 * paragraphs, quotes, nested bulleted and numbered lists, tables with a repeated header row, and inline formatting
 * and links (document-runs.ts).
 *
 * **Randnummern.** Each numbered top-level block (paragraph, quote, list, table) shows its stored label,
 * "Rn. 14" or "Rn. 3a" (libs/richtext/src/numbering.ts): the number the block has in runde, in discussions and
 * consultations, not a count made here. A paragraph's or quote's number stands in a column left of its text; a
 * list's or table's on a line of its own right before it, kept on the same page. Headings have none.
 *
 * Tracked changes become Word revisions (document-runs.ts); pass a settled document (settle.ts) for a text without.
 */

export interface DocxBody {
  blocks: FileChild[];
  /** The labels shown, in order. */
  randnummern: string[];
}

export interface DocumentDocxOptions {
  /** A level-1 heading that opens the text and only repeats the title is left out: the document shows it. */
  title?: string;
  revisions: WordRevisions;
}

export function documentToDocx(doc: Node, options: DocumentDocxOptions): DocxBody {
  const writer = new BlockWriter(options.revisions);
  doc.forEach((block, _pos, index) => {
    if (
      index === 0 &&
      options.title !== undefined &&
      block.type.name === 'heading' &&
      block.attrs.level === 1 &&
      block.textContent.trim() === options.title.trim()
    )
      return;
    writer.top(block);
  });
  return { blocks: writer.out, randnummern: writer.labels };
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

/** Where a block sits: how many quotes it is in, how deep in lists, and the change its container carries. */
interface Place {
  quote: number;
  level: number;
  change: Mark | null;
}

class BlockWriter {
  readonly out: FileChild[] = [];
  readonly labels: string[] = [];
  private instance = 0;

  constructor(private readonly revisions: WordRevisions) {}

  /** A top-level block, with its Randnummer. */
  top(block: Node): void {
    const place: Place = { quote: 0, level: 0, change: changeMark(block.marks) };
    const rn = typeof block.attrs.rn === 'string' && block.attrs.rn ? block.attrs.rn : null;
    if (rn) this.labels.push(rn);
    switch (block.type.name) {
      case 'heading':
        this.out.push(
          new Paragraph({
            heading: HEADINGS[Math.min(3, Math.max(1, Number(block.attrs.level) || 1)) - 1],
            ...this.paragraphMark(place),
            children: this.runs(block, place),
          }),
        );
        return;
      case 'paragraph':
        this.out.push(this.numbered(block, place, rn));
        return;
      case 'blockquote':
        this.quote(block, place, rn);
        return;
      default:
        // Lists and tables: the number on a line of its own, kept with the block.
        if (rn)
          this.out.push(new Paragraph({ keepNext: true, keepLines: true, children: [this.marker(rn)] }));
        this.block(block, place);
    }
  }

  /** Any block below the top level (no Randnummer of its own). */
  private block(node: Node, place: Place): void {
    const inner: Place = { ...place, change: changeMark(node.marks) ?? place.change };
    switch (node.type.name) {
      case 'paragraph':
        this.out.push(this.numbered(node, inner, null));
        return;
      case 'heading': // a heading inside a list item or quote: its text, bold
        this.out.push(this.numbered(node, inner, null, true));
        return;
      case 'blockquote':
        this.quote(node, inner, null);
        return;
      case 'bullet_list':
      case 'ordered_list':
        this.list(node, inner);
        return;
      case 'table':
        this.table(node, inner);
        return;
      default: // nothing else is a block in the schema
        return;
    }
  }

  /** A paragraph in the text column ("Rn. n", a tab, then the text), indented further in quotes. */
  private numbered(node: Node, place: Place, rn: string | null, bold = false): Paragraph {
    const left = RN_COLUMN + place.quote * LIST_INDENT;
    const look: Partial<IParagraphOptions> = {
      ...(place.quote ? { style: 'Quote' } : {}),
      ...this.paragraphMark(place),
    };
    const text = this.runs(node, place, bold);
    if (!rn) return new Paragraph({ ...look, indent: { left }, children: text });
    return new Paragraph({
      ...look,
      indent: { left, hanging: left },
      tabStops: [{ type: 'left', position: left }],
      children: [this.marker(rn), new TextRun({ children: [new Tab()] }), ...text],
    });
  }

  /** A quote's blocks, one level further in; its number beside its first paragraph. */
  private quote(node: Node, place: Place, rn: string | null): void {
    const inner: Place = { ...place, quote: place.quote + 1 };
    let pending = rn;
    node.forEach((child) => {
      if (pending && child.type.name === 'paragraph') {
        this.out.push(
          this.numbered(child, { ...inner, change: changeMark(child.marks) ?? inner.change }, pending),
        );
        pending = null;
        return;
      }
      if (pending) {
        this.out.push(new Paragraph({ keepNext: true, children: [this.marker(pending)] }));
        pending = null;
      }
      this.block(child, inner);
    });
  }

  private list(node: Node, place: Place): void {
    const ordered = node.type.name === 'ordered_list';
    const instance = ++this.instance;
    const start = Math.max(1, Number(node.attrs.order) || 1);
    const reference = ordered ? orderedList(start) : BULLET_LIST;
    const level = Math.min(place.level, 8);
    node.forEach((item) => {
      const itemPlace: Place = { ...place, change: changeMark(item.marks) ?? place.change };
      item.forEach((child, _pos, index) => {
        if (index === 0 && child.isTextblock) {
          // The item's first paragraph: bullet or number, then the text.
          this.out.push(
            new Paragraph({
              ...(place.quote ? { style: 'Quote' } : {}),
              ...this.paragraphMark(itemPlace),
              numbering: { reference, level, instance },
              children: this.runs(child, itemPlace),
            }),
          );
          return;
        }
        if (child.type.name === 'bullet_list' || child.type.name === 'ordered_list')
          this.block(child, { ...itemPlace, level: place.level + 1 });
        else if (child.isTextblock)
          // Further paragraphs of the same item: indented with its text, no bullet or number of their own.
          this.out.push(
            new Paragraph({
              ...(place.quote ? { style: 'Quote' } : {}),
              ...this.paragraphMark(itemPlace),
              indent: { left: RN_COLUMN + LIST_INDENT * (level + 1) },
              children: this.runs(child, itemPlace),
            }),
          );
        else this.block(child, itemPlace);
      });
    });
  }

  private table(node: Node, place: Place): void {
    const indent = RN_COLUMN + (place.quote + place.level) * LIST_INDENT;
    let columns = 1;
    node.forEach((row) => {
      let n = 0;
      row.forEach((cell) => (n += Math.max(1, Number(cell.attrs.colspan) || 1)));
      columns = Math.max(columns, n);
    });
    const width = Math.floor((TEXT_WIDTH - indent) / columns);
    const rows: TableRow[] = [];
    let leading = true;
    node.forEach((row) => {
      const rowPlace: Place = { ...place, change: changeMark(row.marks) ?? place.change };
      let header = row.childCount > 0;
      const cells: TableCell[] = [];
      row.forEach((cell) => {
        const isHeader = cell.type.name === 'table_header';
        header &&= isHeader;
        const span = Math.max(1, Number(cell.attrs.colspan) || 1);
        const cellPlace: Place = { ...rowPlace, change: changeMark(cell.marks) ?? rowPlace.change };
        const paragraphs: Paragraph[] = [];
        cell.forEach((para) => {
          if (!para.isTextblock) return;
          paragraphs.push(
            new Paragraph({
              ...this.paragraphMark(cellPlace),
              children: this.runs(para, cellPlace, isHeader),
            }),
          );
        });
        cells.push(
          new TableCell({
            width: { size: width * span, type: WidthType.DXA },
            ...(span > 1 ? { columnSpan: span } : {}),
            ...(Number(cell.attrs.rowspan) > 1 ? { rowSpan: Number(cell.attrs.rowspan) } : {}),
            ...(isHeader ? { shading: { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } } : {}),
            children: paragraphs.length ? paragraphs : [new Paragraph({})],
          }),
        );
      });
      // Header rows at the top repeat on every page the table spans.
      leading &&= header;
      rows.push(new TableRow({ ...(leading ? { tableHeader: true } : {}), children: cells }));
    });
    this.out.push(
      new Table({
        width: { size: width * columns, type: WidthType.DXA },
        columnWidths: Array.from({ length: columns }, () => width),
        indent: { size: indent, type: WidthType.DXA },
        rows,
      }),
    );
  }

  /** The Randnummer as a run: small and grey, so the text stays in front. */
  private marker(rn: string): TextRun {
    return new TextRun({ text: `Rn. ${rn}`, size: 16, color: RN_COLOR, font: 'Arial', italics: false });
  }

  private runs(node: Node, place: Place, bold = false): ParagraphChild[] {
    return inlineRuns(node, { revisions: this.revisions, inherited: place.change, bold });
  }

  /** A paragraph that was suggested whole (or suggested away) carries that change on its paragraph mark too. */
  private paragraphMark(place: Place): Partial<IParagraphOptions> {
    if (!place.change) return {};
    const attrs = this.revisions.attrs(place.change);
    return { run: place.change.type.name === 'insertion' ? { insertion: attrs } : { deletion: attrs } };
  }
}
