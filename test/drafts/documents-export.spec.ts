import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Response } from 'supertest';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { as, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { callerOf, givenDraft, SimEditor, syncOf, TestDraft } from './draft-support';

/** Like the demo draft: headings 1–3, paragraphs, a link, a nested list, a table. */
const TEXT = `# Eckpunkte Integrationsmanagement 2027

## Ausgangslage

Das Integrationsmanagement ist in allen Stadt- und Landkreisen eingeführt. Mehr dazu im [Landesportal](https://www.baden-wuerttemberg.de/de/themen/integration).

Viele Kreise berichten von **langen Wartezeiten** auf Integrationskurse.

## Maßnahmen

1. Eine gemeinsame Übersicht der Wartezeiten.
   - halbjährlich fortgeschrieben
   - je Regierungsbezirk ausgewertet
2. Kinderbetreuung während der Kurse.

### Wartezeiten nach Kreis

| Kreis | Wartezeit |
|---|---|
| Ortenaukreis | vier bis sechs Monate |
| Stuttgart | drei Monate |

## Zeitplan

Die Eckpunkte werden bis zum Frühjahr abgestimmt.
`;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ODT = 'application/vnd.oasis.opendocument.text';

/** supertest keeps binary bodies as they are with this parser. */
function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The text of each paragraph-like element (`<w:p>`, `<text:p>`/`<text:h>`), tags left out. */
function texts(xml: string, element: RegExp): string[] {
  return [...xml.matchAll(element)].map((m) =>
    m[0]
      .replace(/<w:tab\/>|<text:tab\/>/g, '\t')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&'),
  );
}

describe('drafts: documents out (DOCX, ODT, PDF)', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  let draft: TestDraft;
  let outsider: TestUser;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'runde-documents-spec-'));
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
    outsider = await givenUser(app);
    draft = await givenDraft(
      app,
      group.people.member,
      topicId,
      TEXT,
      'Eckpunkte Integrationsmanagement 2027',
    );
    const start = TEXT.indexOf('Viele Kreise');
    const comment = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/comments`)
      .send({ body: 'Welche Kreise genau?', anchor: { start, end: start + 12 } })
      .expect(201);
    await as(app, group.people.moderator)
      .post(`/api/v1/drafts/${draft.id}/comments/${comment.body.id}/replies`)
      .send({ body: 'Ortenau und Stuttgart.' })
      .expect(201);
    const zeit = TEXT.indexOf('Frühjahr');
    await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/suggestions`)
      .send({
        anchor: { start: zeit, end: zeit + 8 },
        replacement: 'Sommer',
        rationale: 'Mehr Zeit für die Kreise',
      })
      .expect(201);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app?.close();
  });

  const download = (format: string, user: TestUser = group.people.observer, query = '') =>
    as(app, user)
      .get(`/api/v1/drafts/${draft.id}/export?format=${format}${query}`)
      .buffer(true)
      .parse(binary);

  /** Writes the zip's parts into a folder and has xmllint parse every XML part (throws on the first bad one). */
  function parseEveryPart(files: Record<string, Uint8Array>, name: string): void {
    const root = join(dir, name);
    const xml = Object.keys(files).filter((path) => /\.(xml|rels)$/.test(path));
    expect(xml.length).toBeGreaterThan(3);
    for (const path of xml) {
      const file = join(root, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, files[path]);
    }
    execFileSync('xmllint', ['--noout', ...xml.map((path) => join(root, path))], { stdio: 'pipe' });
  }

  it('exports DOCX: title, metadata, Word headings, Randnummern, nested lists, a table, a link, the appendix; valid XML', async () => {
    const res = await download('docx').expect(200);
    expect(res.headers['content-type']).toBe(DOCX);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Eckpunkte Integrationsmanagement 2027.docx"; ` +
        `filename*=UTF-8''Eckpunkte%20Integrationsmanagement%202027.docx`,
    );
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    parseEveryPart(files, 'docx');
    const xml = strFromU8(files['word/document.xml']);
    const paragraphs = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    const styled = (style: string) =>
      texts(
        paragraphs.filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`)).join(''),
        /<w:p>[\s\S]*?<\/w:p>/g,
      );

    expect(styled('Title')).toEqual(['Eckpunkte Integrationsmanagement 2027']);
    expect(styled('Heading2').slice(0, 3)).toEqual(['Ausgangslage', 'Maßnahmen', 'Zeitplan']);
    expect(styled('Heading3')).toEqual(['Wartezeiten nach Kreis']);
    // The text's first heading only repeated the title: it is not there twice.
    expect(styled('Heading1')).toEqual(['Anhang']);

    const all = texts(xml, /<w:p>[\s\S]*?<\/w:p>/g);
    expect(all).toEqual(
      expect.arrayContaining([
        'Arbeitsgruppe: ' + (await groupName()),
        'Status: Entwurf',
        expect.stringMatching(/^Stand: Version 1 \(\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}\)$/),
        'Rn. 1\tDas Integrationsmanagement ist in allen Stadt- und Landkreisen eingeführt. Mehr dazu im Landesportal.',
        'Rn. 2\tViele Kreise berichten von langen Wartezeiten auf Integrationskurse.',
        // The list and the table are one numbered block each, their number on a line before them.
        'Rn. 3',
        'Eine gemeinsame Übersicht der Wartezeiten.',
        'halbjährlich fortgeschrieben',
        'Kinderbetreuung während der Kurse.',
        'Rn. 4',
        'Rn. 5\tDie Eckpunkte werden bis zum Frühjahr abgestimmt.',
      ]),
    );
    // Each numbered block once, with the label it has in the draft (a new draft counts 1, 2, 3, …).
    expect(all.filter((t) => t.startsWith('Rn.')).map((t) => t.split('\t')[0])).toEqual([
      'Rn. 1',
      'Rn. 2',
      'Rn. 3',
      'Rn. 4',
      'Rn. 5',
    ]);
    // No tracked changes: no revisions, and no word about them.
    expect(xml).not.toMatch(/<w:(ins|del) /);
    expect(all.some((t) => t.startsWith('Änderungsvorschläge'))).toBe(false);
    // The list: numbered items on level 0, the bullets nested on level 1.
    const item = (text: string) => paragraphs.find((p) => p.includes(text))!;
    expect(item('Eine gemeinsame Übersicht')).toContain('<w:ilvl w:val="0"/>');
    expect(item('halbjährlich fortgeschrieben')).toContain('<w:ilvl w:val="1"/>');
    // The table, with its cells; the link, to its target.
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0];
    expect(texts(table, /<w:tc>[\s\S]*?<\/w:tc>/g)).toEqual([
      'Kreis',
      'Wartezeit',
      'Ortenaukreis',
      'vier bis sechs Monate',
      'Stuttgart',
      'drei Monate',
    ]);
    expect(strFromU8(files['word/_rels/document.xml.rels'])).toContain(
      'Target="https://www.baden-wuerttemberg.de/de/themen/integration"',
    );
    // Bold stays bold.
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*langen Wartezeiten/s);
    // The appendix: the open comment with its reply, the open suggestion.
    expect(all).toEqual(
      expect.arrayContaining([
        'Offene Kommentare',
        'Welche Kreise genau?',
        'Offene Änderungsvorschläge',
        'Vorschlag: Sommer',
        'Begründung: Mehr Zeit für die Kreise',
      ]),
    );
    expect(all.find((t) => t.startsWith('Antwort '))).toMatch(
      /^Antwort Moderator Person \(.*\): Ortenau und Stuttgart\.$/,
    );
    // The document's properties and language.
    expect(strFromU8(files['docProps/core.xml'])).toContain(
      '<dc:title>Eckpunkte Integrationsmanagement 2027</dc:title>',
    );
    expect(strFromU8(files['word/styles.xml'])).toContain('<w:lang w:val="de-DE"/>');
  });

  async function groupName(): Promise<string> {
    return (await as(app, group.owner).get(`/api/v1/groups/${group.id}`).expect(200)).body.name;
  }

  it('exports ODT through LibreOffice: the same headings, Randnummern, list and table in content.xml', async () => {
    const res = await download('odt').expect(200);
    expect(res.headers['content-type']).toBe(ODT);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="Eckpunkte Integrationsmanagement 2027\.odt"/,
    );
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    expect(strFromU8(files.mimetype)).toBe(ODT);
    parseEveryPart(files, 'odt');
    const content = strFromU8(files['content.xml']);
    const heading = (level: number, text: string) =>
      new RegExp(`<text:h [^>]*text:outline-level="${level}"[^>]*>${text}</text:h>`);
    expect(content).toMatch(heading(2, 'Ausgangslage'));
    expect(content).toMatch(heading(2, 'Maßnahmen'));
    expect(content).toMatch(heading(3, 'Wartezeiten nach Kreis'));
    const paragraphs = texts(content, /<text:p[ >][\s\S]*?<\/text:p>/g);
    expect(paragraphs).toEqual(
      expect.arrayContaining([
        'Rn. 1\tDas Integrationsmanagement ist in allen Stadt- und Landkreisen eingeführt. Mehr dazu im Landesportal.',
        'Rn. 5\tDie Eckpunkte werden bis zum Frühjahr abgestimmt.',
      ]),
    );
    // A list inside a list item: the nesting survived.
    const items = texts(content, /<text:list-item>[\s\S]*?<\/text:list-item>/g);
    expect(items.some((t) => t.includes('halbjährlich fortgeschrieben'))).toBe(true);
    expect(content).toMatch(
      /<text:list-item>(?:(?!<\/text:list-item>)[\s\S])*<text:list[ >](?:(?!<\/text:list>)[\s\S])*halbjährlich fortgeschrieben/,
    );
    const cells = texts(content, /<table:table-cell[ >][\s\S]*?<\/table:table-cell>/g);
    expect(cells).toEqual([
      'Kreis',
      'Wartezeit',
      'Ortenaukreis',
      'vier bis sechs Monate',
      'Stuttgart',
      'drei Monate',
    ]);
    expect(content).toContain('xlink:href="https://www.baden-wuerttemberg.de/de/themen/integration"');
    expect(strFromU8(files['meta.xml'])).toContain(
      '<dc:title>Eckpunkte Integrationsmanagement 2027</dc:title>',
    );
  });

  it('exports a tagged PDF through LibreOffice whose text has the headings, a Randnummer, a list item and a table cell', async () => {
    const res = await download('pdf', group.people.observer, '&lang=en').expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(dir, 'draft.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of [
      'Eckpunkte Integrationsmanagement 2027',
      'Ausgangslage',
      'Wartezeiten nach Kreis',
      'Rn. 1',
      'halbjährlich fortgeschrieben',
      'Ortenaukreis',
      'vier bis sechs Monate',
      // In English on request: the export's own words.
      'Working group:',
      'Open comments',
    ])
      expect(text).toContain(expected);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Eckpunkte Integrationsmanagement 2027$/m);
  });

  it('exports a revision as it was, named after it', async () => {
    const other = await givenDraft(
      app,
      group.people.member,
      topicId,
      '## Alt\n\nAlter Text.',
      'Straßenbau & „Kreise“/Städte',
    );
    const rev = await as(app, group.people.member)
      .post(`/api/v1/drafts/${other.id}/revisions`)
      .send({ label: 'alt' })
      .expect(201);
    await as(app, group.people.member)
      .put(`/api/v1/drafts/${other.id}/content`)
      .send({ content: '## Neu\n\nNeuer Text.', baseVersion: other.version })
      .expect(200);
    const res = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${other.id}/export?format=docx&revision=${rev.body.id}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    // A safe ASCII name for every client, the name as it is for those that read filename*.
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Strassenbau Kreise Staedte (Fassung 1).docx"; ` +
        `filename*=UTF-8''Stra%C3%9Fenbau%20%26%20%E2%80%9EKreise%E2%80%9C%20St%C3%A4dte%20%28Fassung%201%29.docx`,
    );
    const xml = strFromU8(unzipSync(new Uint8Array(res.body as Buffer))['word/document.xml']);
    expect(xml).toContain('Alter Text.');
    expect(xml).not.toContain('Neuer Text.');
    expect(xml).toMatch(/Fassung 1: alt \(/);
  });

  /** The text of every `<w:p>` of a DOCX's word/document.xml (after checking each part parses). */
  async function docxParagraphs(
    draftId: string,
    query = '',
    name = 'docx-x',
  ): Promise<{ xml: string; all: string[] }> {
    const res = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${draftId}/export?format=docx${query}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    parseEveryPart(files, name);
    const xml = strFromU8(files['word/document.xml']);
    return { xml, all: texts(xml, /<w:p>[\s\S]*?<\/w:p>/g) };
  }

  it('shows the Randnummern the draft has: a paragraph put between 2 and 3 is 2a; a revision keeps its numbers after renumbering', async () => {
    const d = await givenDraft(app, group.people.member, topicId, 'Eins.\n\nZwei.\n\nDrei.', 'Nummern');
    await as(app, group.people.member)
      .put(`/api/v1/drafts/${d.id}/content`)
      .send({ content: 'Eins.\n\nZwei.\n\nDazwischen.\n\nDrei.', baseVersion: d.version })
      .expect(200);
    const numbered = (all: string[]) => all.filter((t) => t.startsWith('Rn.'));
    const before = ['Rn. 1\tEins.', 'Rn. 2\tZwei.', 'Rn. 2a\tDazwischen.', 'Rn. 3\tDrei.'];
    expect(numbered((await docxParagraphs(d.id, '', 'docx-2a')).all)).toEqual(before);
    const rev = await as(app, group.people.member)
      .post(`/api/v1/drafts/${d.id}/revisions`)
      .send({ label: 'mit 2a' })
      .expect(201);
    expect(rev.body.blocks.map((b: { rn: string }) => b.rn)).toEqual(['1', '2', '2a', '3']);
    await as(app, group.people.moderator).post(`/api/v1/drafts/${d.id}/renumber`).expect(200);
    expect(numbered((await docxParagraphs(d.id, '', 'docx-renumbered')).all)).toEqual([
      'Rn. 1\tEins.',
      'Rn. 2\tZwei.',
      'Rn. 3\tDazwischen.',
      'Rn. 4\tDrei.',
    ]);
    // The revision as it was: with the numbers it had then.
    const revision = await docxParagraphs(d.id, `&revision=${rev.body.id}`, 'docx-revision-2a');
    expect(numbered(revision.all)).toEqual(before);
  });

  it('writes tracked changes as Word revisions (w:ins, w:del) with name and date; rejected or accepted on request; kept in the ODT', async () => {
    const d = await givenDraft(
      app,
      group.people.member,
      topicId,
      'Die Kreise beraten vor Ort.',
      'Vorschläge',
    );
    const editor = new SimEditor(syncOf(app), callerOf(group.people.member), d.id);
    await editor.connect();
    const at = '2026-03-02T09:30:00.000Z';
    const change = (id: string) => ({ id, author: group.people.member.id, at });
    const text = editor.toString();
    editor.text.insert(text.indexOf('beraten'), 'mobil ', { insertion: change('c1') });
    editor.text.format(editor.toString().indexOf('vor Ort'), 'vor Ort'.length, { deletion: change('c2') });
    await editor.flush();

    const { xml, all } = await docxParagraphs(d.id, '', 'docx-tracked');
    const ins = /<w:ins ([^>]*)>([\s\S]*?)<\/w:ins>/.exec(xml)!;
    const del = /<w:del ([^>]*)>([\s\S]*?)<\/w:del>/.exec(xml)!;
    expect(ins[1]).toContain(`w:author="${group.people.member.displayName}"`);
    expect(ins[1]).toContain('w:date="2026-03-02T09:30:00Z"');
    expect(ins[2]).toMatch(/<w:t[^>]*>mobil <\/w:t>/);
    expect(del[1]).toContain(`w:author="${group.people.member.displayName}"`);
    expect(del[2]).toMatch(/<w:delText[^>]*>vor Ort<\/w:delText>/);
    expect(all).toContain(
      'Änderungsvorschläge im Text: als Überarbeitungen nachverfolgt (annehmen oder ablehnen in Word oder LibreOffice)',
    );

    const rejected = await docxParagraphs(d.id, '&changes=rejected', 'docx-rejected');
    expect(rejected.xml).not.toMatch(/<w:(ins|del) /);
    expect(rejected.all).toContain('Rn. 1\tDie Kreise beraten vor Ort.');
    const accepted = await docxParagraphs(d.id, '&changes=accepted', 'docx-accepted');
    expect(accepted.xml).not.toMatch(/<w:(ins|del) /);
    expect(accepted.all).toContain('Rn. 1\tDie Kreise mobil beraten .');
    // Markdown follows the same choice: CriticMarkup as tracked, plain text when settled.
    const md = (query: string) =>
      as(app, group.people.observer).get(`/api/v1/drafts/${d.id}/export?format=markdown${query}`).expect(200);
    expect((await md('')).text).toContain('Die Kreise {++mobil ++}beraten {--vor Ort--}.');
    expect((await md('&changes=rejected')).text).toContain('Die Kreise beraten vor Ort.');
    await as(app, group.people.observer)
      .get(`/api/v1/drafts/${d.id}/export?format=docx&changes=all`)
      .expect(400);

    // LibreOffice keeps Word's revisions in the ODT.
    const odt = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${d.id}/export?format=odt`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const content = strFromU8(unzipSync(new Uint8Array(odt.body as Buffer))['content.xml']);
    expect(content).toMatch(/<text:tracked-changes[\s\S]*<text:insertion>[\s\S]*<\/text:tracked-changes>/);
    expect(content).toMatch(/<text:deletion>[\s\S]*vor Ort/);
    expect(content).toContain(group.people.member.displayName);
  });

  it('refuses bad requests with the contract’s error body', async () => {
    const d = `/api/v1/drafts/${draft.id}/export`;
    const unknown = await as(app, group.people.observer).get(`${d}?format=rtf`).expect(400);
    expect(unknown.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const outside = await as(app, outsider).get(`${d}?format=docx`).expect(404);
    expect(outside.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    const missing = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${randomUUID()}/export?format=pdf`)
      .expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    const malformed = await as(app, group.people.observer)
      .get('/api/v1/drafts/nope/export?format=odt')
      .expect(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const signedOut = await as(app).get(`${d}?format=docx`).expect(401);
    expect(signedOut.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    const foreign = await as(app, group.people.observer)
      .get(`${d}?format=pdf&revision=${randomUUID()}`)
      .expect(404);
    expect(foreign.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('answers 503 EXPORT_UNAVAILABLE for ODT and PDF when LibreOffice is missing; DOCX still works', async () => {
    const path = process.env.PATH;
    // A PATH without soffice: as on a machine where libreoffice-writer-nogui is not installed.
    process.env.PATH = mkdtempSync(join(dir, 'empty-path-'));
    try {
      for (const format of ['odt', 'pdf']) {
        const res = await as(app, group.people.observer)
          .get(`/api/v1/drafts/${draft.id}/export?format=${format}`)
          .expect(503);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body).toMatchObject({
          statusCode: 503,
          code: 'SERVICE_UNAVAILABLE',
          reason: 'EXPORT_UNAVAILABLE',
          message: expect.stringContaining('libreoffice-writer-nogui'),
        });
      }
      await download('docx').expect(200);
    } finally {
      process.env.PATH = path;
    }
  });
});
