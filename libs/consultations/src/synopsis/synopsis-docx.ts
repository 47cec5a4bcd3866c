import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { ASSESSMENT_LABEL, germanDateTime, NOT_ASSESSED, POSITION_LABEL } from './synopsis-labels';
import type { Synopsis, SynopsisBlock, SynopsisOrganisation, SynopsisPoint } from './synopsis.views';

/** A4 landscape, 2.5 cm margins (dxa): the text area is 16,838 − 2 × 1,417 wide. */
const MARGIN = 1_417;
const WIDTH = 16_838 - 2 * MARGIN;
/** Rn. | Entwurfstext | Organisation | Stellungnahme | Vorschlag | Bewertung */
const MAIN = [700, 3_900, 2_100, 3_300, 2_300, 1_704];
/** Bezug | Organisation | Stellungnahme | Vorschlag | Bewertung (points outside the text's blocks) */
const SIDE = [1_400, 2_600, 4_200, 3_300, 2_504];
const SHADE = { fill: 'E7E6E6' };

/**
 * The Synopse as a Word document: landscape, the round's title, deadline and counts, then the table the
 * ministry works with — each block of the consulted text beside the organisations' points on it (Randnummer and
 * text merged down the rows of its points), headings of the text as rows of their own — then the points that
 * belong to no block, the general points, the statements' general parts, the Fehlanzeigen and the answers to
 * the questions. ODT and PDF are converted from it (OfficeConverter).
 */
export async function synopsisDocx(s: Synopsis): Promise<Buffer> {
  const title = `Synopse: ${s.consultation.title}`;
  const doc = new Document({
    title,
    subject: s.draft?.title ?? s.consultation.title,
    creator: 'runde',
    lastModifiedBy: 'runde',
    styles: {
      default: {
        document: {
          run: { font: 'Arial', size: 20, language: { value: 'de-DE' } },
          paragraph: { spacing: { after: 60, line: 264 } },
        },
        title: {
          run: { font: 'Arial', size: 36, bold: true, color: '000000' },
          paragraph: { outlineLevel: 0 },
        },
        heading1: heading(0, 28),
        heading2: heading(1, 24),
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    size: 16,
                    children: ['Seite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
          ...metadata(s),
          ...(s.draft ? [h1('Entwurfstext und Stellungnahmen'), mainTable(s.blocks)] : []),
          ...side('Keinem Abschnitt zuzuordnende Anmerkungen', s.unplaced, false),
          ...side('Allgemeine Anmerkungen', s.general, true),
          ...generalParts(s),
          ...answers(s),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function heading(level: number, size: number) {
  return {
    run: { font: 'Arial', size, bold: true, color: '000000' },
    paragraph: { outlineLevel: level, keepNext: true, keepLines: true, spacing: { before: 240, after: 120 } },
  };
}

const h1 = (text: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
const h2 = (text: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });

/** Text with its line breaks as runs. */
function runs(text: string, options: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return text
    .split('\n')
    .map((line, i) => new TextRun({ text: line, ...options, ...(i ? { break: 1 } : {}) }));
}

const para = (text: string, options: { bold?: boolean; italics?: boolean } = {}) =>
  new Paragraph({ children: runs(text, options) });

function metadata(s: Synopsis): Paragraph[] {
  const c = s.counts;
  const line = (label: string, value: string, last = false) =>
    new Paragraph({
      spacing: { after: last ? 240 : 0 },
      children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
    });
  const filters = [
    s.filters.organisationId ? 'eine Organisation' : null,
    s.filters.position ? `Position ${POSITION_LABEL[s.filters.position]}` : null,
    s.filters.assessment
      ? `Bewertung ${s.filters.assessment === 'none' ? NOT_ASSESSED : ASSESSMENT_LABEL[s.filters.assessment]}`
      : null,
  ].filter((f): f is string => !!f);
  return [
    ...(s.draft
      ? [
          line(
            'Entwurf',
            `${s.draft.title} (${s.draft.source === 'opening' ? 'Fassung zur Anhörung' : 'aktuelle Fassung'}, Version ${s.draft.version})`,
          ),
        ]
      : []),
    line('Frist', germanDateTime(s.consultation.deadline)),
    line(
      'Rücklauf',
      `${c.addressees} Adressaten, ${c.released} Stellungnahmen, ${c.nilReturns} Fehlanzeigen, ` +
        `${c.notAnswered} ohne Antwort`,
    ),
    line(
      'Anmerkungen',
      `${c.points} (${POSITION_LABEL.agree} ${c.byPosition.agree}, ${POSITION_LABEL.change} ${c.byPosition.change}, ` +
        `${POSITION_LABEL.reject} ${c.byPosition.reject}, ${POSITION_LABEL.note} ${c.byPosition.note})`,
    ),
    ...(filters.length ? [line('Auswahl', filters.join(', '))] : []),
    line('Stand', germanDateTime(s.generatedAt), true),
  ];
}

const orgName = (o: SynopsisOrganisation) =>
  [o.name, [o.kreisschluessel, o.regierungsbezirk].filter(Boolean).join(', ')].filter(Boolean).join('\n');

function cell(
  children: Paragraph[],
  width: number,
  extra: Partial<{ rowSpan: number; columnSpan: number }> = {},
) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 60, bottom: 60, left: 80, right: 80 },
    children: children.length ? children : [new Paragraph('')],
    ...extra,
  });
}

const headerRow = (labels: string[], widths: number[]) =>
  new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: labels.map(
      (label, i) =>
        new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          shading: SHADE,
          margins: { top: 60, bottom: 60, left: 80, right: 80 },
          children: [para(label, { bold: true })],
        }),
    ),
  });

/** Stellungnahme | Vorschlag | Bewertung of one point. */
function pointCells(p: SynopsisPoint, widths: number[]): TableCell[] {
  return [
    cell(
      [
        para(p.positionLabel, { bold: true }),
        ...(p.quote ? [para(`„${p.quote}“`, { italics: true })] : []),
        para(p.text),
      ],
      widths[0],
    ),
    cell(p.proposedWording ? [para(p.proposedWording)] : [], widths[1]),
    cell(
      [
        para(p.assessmentLabel ?? NOT_ASSESSED, { bold: !!p.assessmentLabel, italics: !p.assessmentLabel }),
        ...(p.assessmentReason ? [para(p.assessmentReason)] : []),
        ...(p.applied ? [para('Als Änderung in den Entwurf übernommen', { italics: true })] : []),
      ],
      widths[2],
    ),
  ];
}

function mainTable(blocks: SynopsisBlock[]): Table {
  const rows: TableRow[] = [
    headerRow(['Rn.', 'Entwurfstext', 'Organisation', 'Stellungnahme', 'Vorschlag', 'Bewertung'], MAIN),
  ];
  for (const b of blocks) {
    if (b.type === 'heading') {
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [cell([para(b.text, { bold: true })], WIDTH, { columnSpan: MAIN.length })],
        }),
      );
      continue;
    }
    const span = Math.max(1, b.points.length);
    const lead = [
      cell([para(b.randnummer ?? '')], MAIN[0], { rowSpan: span }),
      cell([para(b.text)], MAIN[1], { rowSpan: span }),
    ];
    if (!b.points.length) {
      rows.push(new TableRow({ children: [...lead, ...MAIN.slice(2).map((w) => cell([], w))] }));
      continue;
    }
    b.points.forEach((p, i) =>
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            ...(i === 0 ? lead : []),
            cell([para(orgName(p.organisation))], MAIN[2]),
            ...pointCells(p, MAIN.slice(3)),
          ],
        }),
      ),
    );
  }
  return new Table({ width: { size: WIDTH, type: WidthType.DXA }, columnWidths: MAIN, rows });
}

/** A table of points outside the text's blocks (general ones have no Bezug). */
function side(title: string, points: SynopsisPoint[], general: boolean): FileChild[] {
  if (!points.length) return general ? [h1(title), para('Keine.')] : [];
  const bezug = (p: SynopsisPoint) =>
    p.anchor?.randnummer ? `Rn. ${p.anchor.randnummer}` : p.anchor ? 'Textstelle' : 'allgemein';
  const rows = [
    headerRow(['Bezug', 'Organisation', 'Stellungnahme', 'Vorschlag', 'Bewertung'], SIDE),
    ...points.map(
      (p) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell([para(bezug(p))], SIDE[0]),
            cell([para(orgName(p.organisation))], SIDE[1]),
            ...pointCells(p, SIDE.slice(2)),
          ],
        }),
    ),
  ];
  return [h1(title), new Table({ width: { size: WIDTH, type: WidthType.DXA }, columnWidths: SIDE, rows })];
}

function generalParts(s: Synopsis): FileChild[] {
  const out: FileChild[] = [h1('Allgemeine Teile der Stellungnahmen')];
  const withText = s.statements.filter((st) => st.general.trim());
  if (!withText.length) out.push(para('Keine.'));
  for (const st of withText) out.push(h2(st.organisation.name), para(st.general));
  const nil = s.addressees.filter((a) => a.status === 'nil_return');
  const silent = s.addressees.filter((a) => a.status !== 'nil_return' && a.status !== 'released');
  out.push(
    h1('Fehlanzeigen'),
    ...(nil.length ? nil.map((a) => para(a.organisation.name)) : [para('Keine.')]),
  );
  if (silent.length) out.push(h1('Ohne Antwort'), ...silent.map((a) => para(a.organisation.name)));
  return out;
}

function answers(s: Synopsis): FileChild[] {
  if (!s.questions.length) return [];
  const widths = [4_000, WIDTH - 4_000];
  const out: FileChild[] = [h1('Antworten auf die Fragen')];
  s.questions.forEach((q, i) => {
    out.push(h2(`Frage ${i + 1}: ${q.text}`));
    if (!q.answers.length) {
      out.push(para('Keine Antworten.'));
      return;
    }
    out.push(
      new Table({
        width: { size: WIDTH, type: WidthType.DXA },
        columnWidths: widths,
        rows: [
          headerRow(['Organisation', 'Antwort'], widths),
          ...q.answers.map(
            (a) =>
              new TableRow({
                cantSplit: true,
                children: [cell([para(orgName(a.organisation))], widths[0]), cell([para(a.text)], widths[1])],
              }),
          ),
        ],
      }),
    );
  });
  return out;
}
