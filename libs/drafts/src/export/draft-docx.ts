import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type FileChild,
} from 'docx';
import type { Node } from 'prosemirror-model';
import type { DraftStatus } from '@runde/events';
import { BODY_STYLES, PAGE_MARGIN as MARGIN } from './docx-layout';
import { documentToDocx } from './document-docx';
import { WordRevisions } from './document-runs';
import { WORDS, type Appendix, type ExportLanguage, type Words } from './export-words';
import type { ChangeMode } from './settle';

/** What a draft's Word document shows: its metadata, its text and the appendix. */
export interface DraftDocument {
  lang: ExportLanguage;
  title: string;
  groupName: string;
  status: DraftStatus;
  /** Which text this is: "Version 7 (…)" or "Fassung 2: … (…)". */
  asOf: string;
  exportedAt: string;
  /** The text: the draft's document, settled already unless `changes` is `tracked` (settle.ts). */
  doc: Node;
  /** How its pending tracked changes show; `null` when it has none. */
  changes: ChangeMode | null;
  /** The display names of the people who suggested the tracked changes (by id). */
  authorName: (id: string | null) => string;
  /** When the text exported was written (for a tracked change that carries no time). */
  writtenAt: Date;
  appendix: Appendix;
}

/**
 * The draft as a Word document (DOCX): title, a metadata part (working group, status, which text, when exported),
 * the text with its Randnummern and tracked changes (document-docx.ts), then an appendix on a new page with the open comments and
 * suggestions and the decisions and resolved comments the other exports list too. The language is set on the
 * document, so spell-checkers, screen readers and the tagged PDF made from it know it.
 */
export async function draftDocx(d: DraftDocument): Promise<Buffer> {
  const w = WORDS[d.lang];
  const body = documentToDocx(d.doc, {
    title: d.title,
    revisions: new WordRevisions(d.authorName, d.writtenAt),
  });
  const doc = new Document({
    title: d.title,
    subject: d.groupName,
    description: d.asOf,
    keywords: w.statuses[d.status],
    creator: 'runde',
    lastModifiedBy: 'runde',
    styles: {
      default: {
        document: {
          run: { font: 'Arial', size: 22, language: { value: d.lang === 'de' ? 'de-DE' : 'en-GB' } },
          paragraph: { spacing: { after: 120, line: 276 } },
        },
        // The title is the document's first heading (H1 in the tagged PDF); the text's own headings follow it.
        title: {
          run: { font: 'Arial', size: 40, bold: true, color: '000000' },
          paragraph: { outlineLevel: 0 },
        },
        heading1: heading(0, 32, 360),
        heading2: heading(1, 28, 280),
        heading3: heading(2, 24, 240),
      },
      paragraphStyles: BODY_STYLES,
    },
    sections: [
      {
        properties: { page: { margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    size: 18,
                    children: [`${w.page} `, PageNumber.CURRENT, ` ${w.of} `, PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(d.title)] }),
          ...metadata(d, w),
          ...body.blocks,
          ...appendix(d.appendix, w),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Word's heading styles, black and bold, kept with what follows; `level` 0 is Heading 1. */
function heading(level: number, size: number, before: number) {
  return {
    run: { font: 'Arial', size, bold: true, color: '000000' },
    paragraph: { outlineLevel: level, keepNext: true, keepLines: true, spacing: { before, after: 120 } },
  };
}

function metadata(d: DraftDocument, w: Words): Paragraph[] {
  const line = (label: string, value: string, last = false) =>
    new Paragraph({
      spacing: { after: last ? 360 : 0 },
      children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
    });
  return [
    line(w.group, d.groupName),
    line(w.status, w.statuses[d.status]),
    line(w.asOf, d.asOf),
    ...(d.changes ? [line(w.changes, w.changeModes[d.changes])] : []),
    line(w.exportedAt, d.exportedAt, true),
  ];
}

/** Plain text (comments are not Markdown) with its line breaks. */
function lines(text: string, options: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return text
    .split('\n')
    .map((part, i) => new TextRun({ text: part, ...options, ...(i ? { break: 1 } : {}) }));
}

const byline = (text: string) =>
  new Paragraph({
    keepNext: true,
    spacing: { before: 200, after: 60 },
    children: lines(text, { bold: true }),
  });
const quoted = (text: string) =>
  new Paragraph({ style: 'Quote', keepNext: true, indent: { left: 425 }, children: lines(text) });
const said = (text: string) => new Paragraph({ children: lines(text) });
const labelled = (label: string, text: string) =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), ...lines(text)] });

function appendix(a: Appendix, w: Words): FileChild[] {
  const out: FileChild[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: true,
      children: [new TextRun(w.appendix)],
    }),
  ];
  const section = (title: string, items: FileChild[]) =>
    out.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(title)] }),
      ...(items.length ? items : [said(w.none)]),
    );
  section(
    w.openComments,
    a.openComments.flatMap((c) => [
      byline(`${c.by} (${c.at})`),
      ...(c.quote ? [quoted(c.quote)] : []),
      said(c.body),
      ...c.replies.map(
        (r) =>
          new Paragraph({
            indent: { left: 425 },
            children: [new TextRun({ text: `${w.reply} ${r.by} (${r.at}): `, bold: true }), ...lines(r.body)],
          }),
      ),
    ]),
  );
  section(
    w.openSuggestions,
    a.openSuggestions.flatMap((s) => [
      byline(`${s.by} (${s.at})`),
      quoted(s.quote),
      labelled(w.suggested, s.replacement || w.deletion),
      labelled(w.rationale, s.rationale),
    ]),
  );
  section(
    w.decisions,
    a.decisions.flatMap((d) => [
      byline(`${d.outcome === 'accepted' ? w.accepted : w.rejected} (${d.by}, ${d.at})`),
      quoted(d.quote),
      labelled(w.suggested, d.replacement || w.deletion),
      labelled(w.rationale, d.rationale),
      ...(d.reason ? [labelled(w.reason, d.reason)] : []),
    ]),
  );
  section(
    w.resolvedComments,
    a.resolved.flatMap((c) => [
      byline(`${c.by} (${c.at}, ${w.replies(c.replies)})`),
      ...(c.quote ? [quoted(c.quote)] : []),
      said(c.body),
    ]),
  );
  return out;
}
