import { setImmediate as yieldToLoop } from 'node:timers/promises';
import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zip, type Zippable } from 'fflate';
import { ASSESSMENT_LABEL, germanDateTime, NOT_ASSESSED, POSITION_LABEL } from './synopsis-labels';
import type { Synopsis, SynopsisBlock, SynopsisOrganisation, SynopsisPoint } from './synopsis.views';
import { paragraph, run, TableSeries, textParagraph, type Cell } from './wordml';

/** A4 landscape, 2.5 cm margins (dxa): the text area is 16,838 − 2 × 1,417 wide. */
const MARGIN = 1_417;
const WIDTH = 16_838 - 2 * MARGIN;
/** Rn. | Entwurfstext | Organisation | Stellungnahme | Vorschlag | Bewertung */
const MAIN = [700, 3_900, 2_100, 3_300, 2_300, 1_704];
/** Bezug | Organisation | Stellungnahme | Vorschlag | Bewertung (points outside the text's blocks) */
const SIDE = [1_400, 2_600, 4_200, 3_300, 2_504];
/** Rows written between two turns of the event loop: the api keeps answering while a large Synopse is made. */
const ROWS_PER_TURN = 500;
/** Rows per table of a series (TableSeries): what LibreOffice converts to ODT and PDF in reasonable time. */
const ROWS_PER_TABLE = 100;
/** Stands for the body in the package `docx` makes; replaced by the body written with wordml. */
const PLACEHOLDER = 'RUNDE-SYNOPSE-BODY-7c1e';

/**
 * The Synopse as a Word document: landscape, the round's title, deadline and counts, then the table the
 * ministry works with — each block of the consulted text beside the organisations' points on it (Randnummer and
 * text merged down the rows of its points), headings of the text as rows of their own — then the points that
 * belong to no block, the general points, the statements' general parts, the Fehlanzeigen and the answers to
 * the questions. ODT and PDF are converted from it (OfficeConverter).
 *
 * `docx` makes the package (styles, the landscape section with its page-numbered footer, document properties)
 * around a placeholder; the body is written as WordprocessingML text (wordml.ts), a few hundred rows per turn of
 * the event loop, and the package is compressed off the main thread (fflate's asynchronous zip).
 */
export async function synopsisDocx(s: Synopsis): Promise<Buffer> {
  const title = `Synopse: ${s.consultation.title}`;
  const frame = unzipSync(new Uint8Array(await Packer.toBuffer(packageOf(s, title))));
  const body = await bodyOf(s, title);
  const document = strFromU8(frame['word/document.xml']);
  const at = document.indexOf(PLACEHOLDER);
  const start = document.lastIndexOf('<w:p>', at);
  const end = document.indexOf('</w:p>', at) + '</w:p>'.length;
  if (at < 0 || start < 0) throw new Error('synopsis docx: the placeholder paragraph is missing');
  const files: Zippable = {};
  for (const [path, data] of Object.entries(frame)) files[path] = data;
  files['word/document.xml'] = strToU8(document.slice(0, start) + body + document.slice(end));
  return new Promise((resolve, reject) =>
    zip(files, { level: 6 }, (error, data) => (error ? reject(error) : resolve(Buffer.from(data)))),
  );
}

function packageOf(s: Synopsis, title: string): Document {
  return new Document({
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
        children: [new Paragraph(PLACEHOLDER)],
      },
    ],
  });
}

function heading(level: number, size: number) {
  return {
    run: { font: 'Arial', size, bold: true, color: '000000' },
    paragraph: { outlineLevel: level, keepNext: true, keepLines: true, spacing: { before: 240, after: 120 } },
  };
}

async function bodyOf(s: Synopsis, title: string): Promise<string> {
  const parts: string[] = [paragraph(run(title), { style: 'Title' }), ...metadata(s)];
  if (s.draft) parts.push(h1('Entwurfstext und Stellungnahmen'), await mainTable(s.blocks));
  parts.push(
    ...(await side('Keinem Abschnitt zuzuordnende Anmerkungen', s.unplaced, false)),
    ...(await side('Allgemeine Anmerkungen', s.general, true)),
    ...generalParts(s),
    ...(await answers(s)),
  );
  return parts.join('');
}

const h1 = (text: string) => paragraph(run(text), { style: 'Heading1' });
const h2 = (text: string) => paragraph(run(text), { style: 'Heading2' });

function metadata(s: Synopsis): string[] {
  const c = s.counts;
  const line = (label: string, value: string, last = false) =>
    paragraph([run(`${label}: `, { bold: true }), run(value)], { after: last ? 240 : 0 });
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

const cell = (paragraphs: string[], extra: Omit<Cell, 'paragraphs'> = {}): Cell => ({ paragraphs, ...extra });

/** Stellungnahme | Vorschlag | Bewertung of one point. */
function pointCells(p: SynopsisPoint): Cell[] {
  return [
    cell([
      textParagraph(p.positionLabel, { bold: true }),
      ...(p.quote ? [textParagraph(`„${p.quote}“`, { italics: true })] : []),
      textParagraph(p.text),
    ]),
    cell(p.proposedWording ? [textParagraph(p.proposedWording)] : []),
    cell([
      textParagraph(p.assessmentLabel ?? NOT_ASSESSED, {
        bold: !!p.assessmentLabel,
        italics: !p.assessmentLabel,
      }),
      ...(p.assessmentReason ? [textParagraph(p.assessmentReason)] : []),
      ...(p.applied ? [textParagraph('Als Änderung in den Entwurf übernommen', { italics: true })] : []),
    ]),
  ];
}

/** Lets the event loop turn every ROWS_PER_TURN rows. */
async function breathe(table: TableSeries): Promise<void> {
  if (table.rows % ROWS_PER_TURN === 0) await yieldToLoop();
}

/**
 * The main table, as a series of tables (TableSeries). A block whose points go on in the next table of the series
 * shows its Randnummer and text again there.
 */
async function mainTable(blocks: SynopsisBlock[]): Promise<string> {
  const table = new TableSeries(
    MAIN,
    ['Rn.', 'Entwurfstext', 'Organisation', 'Stellungnahme', 'Vorschlag', 'Bewertung'],
    ROWS_PER_TABLE,
  );
  for (const b of blocks) {
    if (b.type === 'heading') {
      table.row([cell([textParagraph(b.text, { bold: true })], { span: MAIN.length })], { keep: true });
      continue;
    }
    const lead = (merged: boolean) => [
      cell([textParagraph(b.randnummer ?? '')], merged ? { merge: 'start' } : {}),
      cell([textParagraph(b.text)], merged ? { merge: 'start' } : {}),
    ];
    if (!b.points.length) {
      table.row([...lead(false), cell([]), cell([]), cell([]), cell([])]);
      continue;
    }
    for (let i = 0; i < b.points.length; i++) {
      const p = b.points[i];
      const first =
        i === 0 || table.opening
          ? lead(i < b.points.length - 1)
          : [cell([], { merge: 'continue' }), cell([], { merge: 'continue' })];
      table.row([...first, cell([textParagraph(orgName(p.organisation))]), ...pointCells(p)], { keep: true });
      await breathe(table);
    }
  }
  return table.toString();
}

/** A table of points outside the text's blocks (general ones have no Bezug). */
async function side(title: string, points: SynopsisPoint[], general: boolean): Promise<string[]> {
  if (!points.length) return general ? [h1(title), textParagraph('Keine.')] : [];
  const bezug = (p: SynopsisPoint) =>
    p.anchor?.randnummer ? `Rn. ${p.anchor.randnummer}` : p.anchor ? 'Textstelle' : 'allgemein';
  const table = new TableSeries(
    SIDE,
    ['Bezug', 'Organisation', 'Stellungnahme', 'Vorschlag', 'Bewertung'],
    ROWS_PER_TABLE,
  );
  for (const p of points) {
    table.row(
      [cell([textParagraph(bezug(p))]), cell([textParagraph(orgName(p.organisation))]), ...pointCells(p)],
      { keep: true },
    );
    await breathe(table);
  }
  return [h1(title), table.toString()];
}

function generalParts(s: Synopsis): string[] {
  const out: string[] = [h1('Allgemeine Teile der Stellungnahmen')];
  const withText = s.statements.filter((st) => st.general.trim());
  if (!withText.length) out.push(textParagraph('Keine.'));
  for (const st of withText) out.push(h2(st.organisation.name), textParagraph(st.general));
  const nil = s.addressees.filter((a) => a.status === 'nil_return');
  const silent = s.addressees.filter((a) => a.status !== 'nil_return' && a.status !== 'released');
  out.push(
    h1('Fehlanzeigen'),
    ...(nil.length ? nil.map((a) => textParagraph(a.organisation.name)) : [textParagraph('Keine.')]),
  );
  if (silent.length) out.push(h1('Ohne Antwort'), ...silent.map((a) => textParagraph(a.organisation.name)));
  return out;
}

async function answers(s: Synopsis): Promise<string[]> {
  if (!s.questions.length) return [];
  const widths = [4_000, WIDTH - 4_000];
  const out: string[] = [h1('Antworten auf die Fragen')];
  for (const [i, q] of s.questions.entries()) {
    out.push(h2(`Frage ${i + 1}: ${q.text}`));
    if (!q.answers.length) {
      out.push(textParagraph('Keine Antworten.'));
      continue;
    }
    const table = new TableSeries(widths, ['Organisation', 'Antwort'], ROWS_PER_TABLE);
    for (const a of q.answers) {
      table.row([cell([textParagraph(orgName(a.organisation))]), cell([textParagraph(a.text)])], {
        keep: true,
      });
      await breathe(table);
    }
    out.push(table.toString());
  }
  return out;
}
