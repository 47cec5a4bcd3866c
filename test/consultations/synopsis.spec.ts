import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type request from 'supertest';
import { ConsultationsService } from '@runde/consultations';
import { as, givenUser, TestUser } from '../support/factories';
import { useGroupWithTopic } from '../support/discussion-factories';
import { getDraft, givenDraft } from '../drafts/draft-support';

/** A binary response body (supertest keeps text for text types only). */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) throw new Error('the CSV does not end with CRLF');
  return rows;
}

const TEXT = [
  '# Eckpunkte',
  '',
  'Die Kommunen beraten Zugewanderte.',
  '',
  'Das Land fördert Sprachkurse.',
  '',
  'Die Kreise berichten jährlich.',
].join('\n');

const DAY = 24 * 3600 * 1000;

describe('consultations: the Synopse and applying adopted proposals', () => {
  const ctx = useGroupWithTopic();
  /** Landkreis Böblingen, Esslingen, Tübingen, Reutlingen (the register every installation has). */
  const KEYS = { a: '08115', b: '08116', nil: '08416', drafting: '08415' } as const;
  type Key = keyof typeof KEYS;
  const orgs = {} as Record<Key, { id: string; name: string }>;
  const people = {} as Record<Key, TestUser>;
  let outsider: TestUser;
  let draftId: string;
  let roundId: string;
  /** The points by a short name. */
  const points = {} as Record<'rn1' | 'rn2' | 'range' | 'general', string>;

  const synopsis = (user: TestUser, query = '') =>
    as(ctx.app, user).get(`/api/v1/consultations/${roundId}/synopsis${query}`);

  beforeAll(async () => {
    const { app, group, topicId } = ctx;
    const owner = group.owner;
    for (const key of Object.keys(KEYS) as Key[]) {
      const [org] = await app.dataSource.query(
        `SELECT id, name FROM organisations WHERE kreisschluessel = $1`,
        [KEYS[key]],
      );
      orgs[key] = org;
      people[key] = await givenUser(app, { displayName: `Sachbearbeitung ${key}` });
      await app.dataSource.query(
        `INSERT INTO organisation_members (organisation_id, user_id, role, status) VALUES ($1, $2, 'admin', 'confirmed')`,
        [org.id, people[key].id],
      );
    }
    outsider = await givenUser(app);

    draftId = (await givenDraft(app, owner, topicId, TEXT, 'Eckpunkte Integration')).id;
    await as(app, owner)
      .post(`/api/v1/drafts/${draftId}/status`)
      .send({ status: 'consultation', deadline: new Date(Date.now() + 30 * DAY).toISOString() })
      .expect(200);
    const round = await as(app, owner)
      .post(`/api/v1/groups/${group.id}/consultations`)
      .send({
        title: 'Anhörung Eckpunkte',
        kind: 'hearing',
        draftId,
        questions: [{ id: 'q1', text: 'Gibt es Wartelisten?', type: 'yesno' }],
        addressees: { organisationIds: Object.values(orgs).map((o) => o.id) },
        deadline: new Date(Date.now() + DAY).toISOString(),
      })
      .expect(201);
    roundId = round.body.id;

    const content = (await getDraft(app, owner, draftId)).content;
    const from = content.indexOf('jährlich');
    const put = (key: Key, body: object) =>
      as(app, people[key])
        .put(`/api/v1/consultations/${roundId}/statements/${orgs[key].id}`)
        .send(body)
        .expect(200);
    const a = await put('a', {
      general: 'Der Landkreis unterstützt die Eckpunkte.',
      comments: [
        {
          anchor: { randnummer: '1' },
          position: 'change',
          text: 'Die Beratung ist Aufgabe der Landkreise.',
          proposedWording: 'Die Landkreise beraten Zugewanderte.',
        },
        { anchor: { randnummer: '2' }, position: 'agree', text: 'Wir begrüßen die Förderung.' },
      ],
      answers: [{ questionId: 'q1', value: true }],
    });
    const b = await put('b', {
      comments: [
        {
          anchor: { from, to: from + 'jährlich'.length },
          position: 'change',
          text: 'Ein Bericht alle zwei Jahre genügt.',
          proposedWording: 'alle zwei Jahre',
        },
        { position: 'note', text: 'Bitte die Fristen "frühzeitig" abstimmen, wie 2025.' },
      ],
      answers: [{ questionId: 'q1', value: false }],
    });
    await put('drafting', {
      comments: [{ anchor: { randnummer: '2' }, position: 'reject', text: 'Nicht freigegebener Entwurf' }],
    });
    for (const key of ['a', 'b'] as const)
      await as(app, people[key])
        .post(`/api/v1/consultations/${roundId}/statements/${orgs[key].id}/release`)
        .expect(200);
    await as(app, people.nil)
      .post(`/api/v1/consultations/${roundId}/statements/${orgs.nil.id}/nil-return`)
      .expect(200);
    [points.rn1, points.rn2] = a.body.comments.map((c: { id: string }) => c.id);
    [points.range, points.general] = b.body.comments.map((c: { id: string }) => c.id);
  });

  it('shows the owners the Synopse while the round is open; addressees and outsiders get 404', async () => {
    const open = await synopsis(ctx.group.owner).expect(200);
    expect(open.body.consultation.status).toBe('open');
    expect(open.body.counts).toMatchObject({
      addressees: 4,
      released: 2,
      nilReturns: 1,
      notAnswered: 1,
      points: 4,
    });
    for (const user of [people.a, people.drafting, outsider]) {
      const res = await synopsis(user).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
  });

  it('applies nothing before the close', async () => {
    const res = await as(ctx.app, ctx.group.owner)
      .post(`/api/v1/consultations/${roundId}/apply-proposals`)
      .send({})
      .expect(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT', reason: 'ROUND_OPEN' });
  });

  it('after close and assessment, lists every point under its Randnummer with the consulted text', async () => {
    const { app, group } = ctx;
    expect(await app.api.get(ConsultationsService).closeIfDue(roundId, new Date(Date.now() + 2 * DAY))).toBe(
      true,
    );
    const assess = (commentId: string, assessment: string, reason?: string) =>
      as(app, group.owner)
        .put(`/api/v1/consultations/${roundId}/assessments/${commentId}`)
        .send({ assessment, reason })
        .expect(200);
    await assess(points.rn1, 'adopted', 'Zuständigkeit klargestellt.');
    await assess(points.rn2, 'noted');
    await assess(points.range, 'partly', 'Zweijährlich, mit Zwischenbericht.');

    const res = await synopsis(group.owner).expect(200);
    const s = res.body;
    expect(s.draft).toMatchObject({ id: draftId, title: 'Eckpunkte Integration', source: 'opening' });
    const orgOf = (key: Key) =>
      expect.objectContaining({ id: orgs[key].id, name: orgs[key].name, kreisschluessel: KEYS[key] });
    expect(s.blocks.map((b: { randnummer: string | null; text: string }) => [b.randnummer, b.text])).toEqual([
      [null, 'Eckpunkte'],
      ['1', 'Die Kommunen beraten Zugewanderte.'],
      ['2', 'Das Land fördert Sprachkurse.'],
      ['3', 'Die Kreise berichten jährlich.'],
    ]);
    expect(s.blocks[0].points).toEqual([]);
    expect(s.blocks[1].points).toEqual([
      expect.objectContaining({
        id: points.rn1,
        organisation: orgOf('a'),
        anchor: { randnummer: '1' },
        randnummer: '1',
        position: 'change',
        positionLabel: 'Änderungswunsch',
        text: 'Die Beratung ist Aufgabe der Landkreise.',
        proposedWording: 'Die Landkreise beraten Zugewanderte.',
        assessment: 'adopted',
        assessmentLabel: 'übernommen',
        assessmentReason: 'Zuständigkeit klargestellt.',
        applied: null,
      }),
    ]);
    expect(s.blocks[1].points[0].organisation.regierungsbezirk).toBe('Stuttgart');
    expect(s.blocks[2].points).toEqual([
      expect.objectContaining({
        id: points.rn2,
        position: 'agree',
        positionLabel: 'Zustimmung',
        assessmentLabel: 'zur Kenntnis genommen',
      }),
    ]);
    expect(s.blocks[3].points).toEqual([
      expect.objectContaining({
        id: points.range,
        organisation: orgOf('b'),
        randnummer: '3',
        quote: 'jährlich',
        assessment: 'partly',
        assessmentLabel: 'teilweise übernommen',
      }),
    ]);
    expect(s.general).toEqual([
      expect.objectContaining({
        id: points.general,
        anchor: null,
        randnummer: null,
        position: 'note',
        assessment: null,
      }),
    ]);
    expect(s.unplaced).toEqual([]);
    // Released statements and the Fehlanzeige, never the draft still being written.
    expect(
      s.statements.map(
        (st: { organisation: { id: string }; status: string; label: string | null; general: string }) => [
          st.organisation.id,
          st.status,
          st.label,
          st.general,
        ],
      ),
    ).toEqual(
      expect.arrayContaining([
        [orgs.a.id, 'released', null, 'Der Landkreis unterstützt die Eckpunkte.'],
        [orgs.b.id, 'released', null, ''],
        [orgs.nil.id, 'nil_return', 'Fehlanzeige', ''],
      ]),
    );
    expect(s.statements).toHaveLength(3);
    expect(JSON.stringify(s)).not.toContain('Nicht freigegebener Entwurf');
    expect(
      s.addressees.find((a: { organisation: { id: string } }) => a.organisation.id === orgs.drafting.id),
    ).toMatchObject({ status: 'drafting', label: 'keine Antwort' });
    expect(s.questions).toEqual([
      expect.objectContaining({
        id: 'q1',
        answers: expect.arrayContaining([
          { organisation: orgOf('a'), value: true, text: 'Ja' },
          { organisation: orgOf('b'), value: false, text: 'Nein' },
        ]),
      }),
    ]);
    expect(s.questions[0].answers).toHaveLength(2);
    expect(s.counts).toEqual({
      addressees: 4,
      released: 2,
      nilReturns: 1,
      notAnswered: 1,
      points: 4,
      byPosition: { agree: 1, change: 2, reject: 0, note: 1 },
      byAssessment: { adopted: 1, partly: 1, rejected: 0, noted: 1, none: 1 },
    });
  });

  it('filters by organisation, position and assessment (none: not assessed yet)', async () => {
    const owner = ctx.group.owner;
    const ids = (body: {
      blocks: Array<{ points: Array<{ id: string }> }>;
      unplaced: Array<{ id: string }>;
      general: Array<{ id: string }>;
    }) =>
      [...body.blocks.flatMap((b) => b.points), ...body.unplaced, ...body.general].map((p) => p.id).sort();
    const byOrg = (await synopsis(owner, `?organisationId=${orgs.b.id}`).expect(200)).body;
    expect(ids(byOrg)).toEqual([points.range, points.general].sort());
    expect(byOrg.blocks.map((b: { randnummer: string }) => b.randnummer)).toEqual(['3']);
    expect(byOrg.statements.map((st: { organisation: { id: string } }) => st.organisation.id)).toEqual([
      orgs.b.id,
    ]);
    expect(byOrg.questions[0].answers).toHaveLength(1);
    expect(ids((await synopsis(owner, '?position=change').expect(200)).body)).toEqual(
      [points.rn1, points.range].sort(),
    );
    expect(ids((await synopsis(owner, '?assessment=adopted').expect(200)).body)).toEqual([points.rn1]);
    expect(ids((await synopsis(owner, '?assessment=none').expect(200)).body)).toEqual([points.general]);
    expect(ids((await synopsis(owner, '?position=agree&assessment=rejected').expect(200)).body)).toEqual([]);
    for (const bad of ['?format=xls', '?assessment=maybe', '?position=yes', '?organisationId=42']) {
      const res = await synopsis(owner, bad).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('exports one CSV row per point, RFC 4180 with a BOM', async () => {
    const res = await synopsis(ctx.group.owner, '?format=csv').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="Synopse Anhoerung Eckpunkte\.csv"/,
    );
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(body.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual([
      'Randnummer',
      'Organisation',
      'Kreisschlüssel',
      'Regierungsbezirk',
      'Position',
      'Text',
      'Formulierungsvorschlag',
      'Bewertung',
      'Begründung',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        '1',
        orgs.a.name,
        '08115',
        'Stuttgart',
        'Änderungswunsch',
        'Die Beratung ist Aufgabe der Landkreise.',
        'Die Landkreise beraten Zugewanderte.',
        'übernommen',
        'Zuständigkeit klargestellt.',
      ],
      [
        '2',
        orgs.a.name,
        '08115',
        'Stuttgart',
        'Zustimmung',
        'Wir begrüßen die Förderung.',
        '',
        'zur Kenntnis genommen',
        '',
      ],
      [
        '3',
        orgs.b.name,
        '08116',
        'Stuttgart',
        'Änderungswunsch',
        'Ein Bericht alle zwei Jahre genügt.',
        'alle zwei Jahre',
        'teilweise übernommen',
        'Zweijährlich, mit Zwischenbericht.',
      ],
      [
        '',
        orgs.b.name,
        '08116',
        'Stuttgart',
        'Hinweis',
        'Bitte die Fristen "frühzeitig" abstimmen, wie 2025.',
        '',
        '',
        '',
      ],
    ]);
  });

  it('exports a landscape DOCX with the table, and ODT and PDF made from it', async () => {
    const owner = ctx.group.owner;
    const docx = await synopsis(owner, '?format=docx').buffer(true).parse(binary).expect(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const files = unzipSync(new Uint8Array(docx.body as Buffer));
    // Every part of the package is well-formed XML (the body is written as text: wordml.ts).
    for (const [, data] of Object.entries(files).filter(([path]) => /\.(xml|rels)$/.test(path)))
      expect(() => execFileSync('xmllint', ['--noout', '-'], { input: data, stdio: 'pipe' })).not.toThrow();
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml',
        'word/styles.xml',
        'word/footer1.xml',
        'docProps/core.xml',
      ]),
    );
    const xml = strFromU8(files['word/document.xml']);
    expect(xml).not.toContain('RUNDE-SYNOPSE-BODY');
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect(strFromU8(files['word/footer1.xml'])).toContain('PAGE');
    const cells = [...xml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) =>
      [...m[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(' '),
    );
    for (const label of ['Rn.', 'Entwurfstext', 'Organisation', 'Stellungnahme', 'Vorschlag', 'Bewertung'])
      expect(cells).toContain(label);
    expect(cells).toContain('Die Kommunen beraten Zugewanderte.');
    expect(cells).toContain('Änderungswunsch Die Beratung ist Aufgabe der Landkreise.');
    expect(cells).toContain('Die Landkreise beraten Zugewanderte.');
    expect(cells).toContain('übernommen Zuständigkeit klargestellt.');
    expect(cells).toContain('Änderungswunsch „jährlich“ Ein Bericht alle zwei Jahre genügt.');
    expect(cells).toContain(`${orgs.a.name} 08115, Stuttgart`);
    expect(xml).toContain('Synopse: Anhörung Eckpunkte');
    expect(xml).toContain('4 Adressaten, 2 Stellungnahmen, 1 Fehlanzeigen, 1 ohne Antwort');
    expect(xml).toContain('Fehlanzeigen');
    expect(xml).toContain('Frage 1: Gibt es Wartelisten?');
    expect(xml).not.toContain('Nicht freigegebener Entwurf');

    const odt = await synopsis(owner, '?format=odt').buffer(true).parse(binary).expect(200);
    expect(odt.headers['content-type']).toBe('application/vnd.oasis.opendocument.text');
    const content = strFromU8(unzipSync(new Uint8Array(odt.body as Buffer))['content.xml']);
    expect(content).toContain('Die Beratung ist Aufgabe der Landkreise.');

    const pdf = await synopsis(owner, '?format=pdf').buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'synopse-'));
    try {
      writeFileSync(join(dir, 'synopse.pdf'), pdf.body as Buffer);
      const text = execFileSync('pdftotext', [join(dir, 'synopse.pdf'), '-'], { encoding: 'utf8' });
      expect(text.replace(/\s+/g, ' ')).toContain('Ein Bericht alle zwei Jahre genügt.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 503 EXPORT_UNAVAILABLE for ODT and PDF when LibreOffice is missing', async () => {
    const path = process.env.PATH;
    const empty = mkdtempSync(join(tmpdir(), 'empty-path-'));
    // A PATH without soffice: as on a machine where libreoffice-writer-nogui is not installed.
    process.env.PATH = empty;
    try {
      for (const format of ['odt', 'pdf']) {
        const res = await synopsis(ctx.group.owner, `?format=${format}`).expect(503);
        expect(res.body).toMatchObject({
          statusCode: 503,
          code: 'SERVICE_UNAVAILABLE',
          reason: 'EXPORT_UNAVAILABLE',
        });
      }
    } finally {
      process.env.PATH = path;
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('shows the addressees the Synopse once published; outsiders never', async () => {
    await as(ctx.app, ctx.group.owner).post(`/api/v1/consultations/${roundId}/publish`).expect(200);
    const res = await synopsis(people.a).expect(200);
    expect(res.body.counts.points).toBe(4);
    await synopsis(people.drafting).expect(200);
    await synopsis(outsider).expect(404);
    await synopsis(outsider, '?format=csv').expect(404);
  });

  it('puts the adopted proposals into the draft as tracked changes of the caller, once', async () => {
    const { app, group } = ctx;
    const owner = group.owner;
    const apply = (user: TestUser, body: object = {}) =>
      as(app, user).post(`/api/v1/consultations/${roundId}/apply-proposals`).send(body);

    // The draft is still in consultation: its text is closed.
    const locked = await apply(owner).expect(409);
    expect(locked.body).toMatchObject({ code: 'DRAFT_LOCKED', reason: 'DRAFT_NOT_OPEN' });
    // Addressees see the round but do not apply anything.
    await apply(people.a).expect(403);
    await apply(outsider).expect(404);
    await apply(owner, { commentIds: ['not-a-uuid'] }).expect(400);

    await as(app, owner).post(`/api/v1/drafts/${draftId}/status`).send({ status: 'revision' }).expect(200);
    const res = await apply(owner).expect(200);
    expect(res.body.applied).toEqual([
      {
        commentId: points.rn1,
        organisationId: orgs.a.id,
        randnummer: '1',
        changeKey: `${points.rn1}~${owner.id}`,
      },
      {
        commentId: points.range,
        organisationId: orgs.b.id,
        randnummer: '3',
        changeKey: `${points.range}~${owner.id}`,
      },
    ]);
    expect(res.body.skipped).toEqual([]);

    const draft = await getDraft(app, owner, draftId);
    expect(draft.version).toBe(res.body.version);
    expect(draft.content).toBe(
      [
        '# Eckpunkte',
        '',
        '{--Die Kommunen beraten Zugewanderte.--}{++Die Landkreise beraten Zugewanderte.++}',
        '',
        'Das Land fördert Sprachkurse.',
        '',
        'Die Kreise berichten {--jährlich--}{++alle zwei Jahre++}.',
      ].join('\n'),
    );
    const changes = await as(app, owner).get(`/api/v1/drafts/${draftId}/changes`).expect(200);
    expect(changes.body.items).toEqual([
      expect.objectContaining({
        key: `${points.rn1}~${owner.id}`,
        authorId: owner.id,
        inserted: 'Die Landkreise beraten Zugewanderte.',
        deleted: 'Die Kommunen beraten Zugewanderte.',
        rn: '1',
      }),
      expect.objectContaining({
        key: `${points.range}~${owner.id}`,
        authorId: owner.id,
        inserted: 'alle zwei Jahre',
        deleted: 'jährlich',
        rn: '3',
      }),
    ]);

    // Not twice: by default nothing is left; named, each is reported as applied already.
    const again = await apply(owner).expect(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT', reason: 'NOTHING_TO_APPLY', details: [] });
    const named = await apply(owner, { commentIds: [points.rn1, points.rn2] }).expect(409);
    expect(named.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ commentId: points.rn1, reason: 'already_applied' }),
        expect.objectContaining({ commentId: points.rn2, reason: 'not_adopted' }),
      ]),
    );
    expect((await getDraft(app, owner, draftId)).version).toBe(res.body.version);

    // The Synopse says what went in, and still shows the text as consulted.
    const s = (await synopsis(owner).expect(200)).body;
    expect(s.blocks[1].text).toBe('Die Kommunen beraten Zugewanderte.');
    expect(s.blocks[1].points[0].applied).toMatchObject({
      changeKey: `${points.rn1}~${owner.id}`,
      draftVersion: res.body.version,
      appliedBy: owner.id,
    });

    // The group decides on them as on any tracked change.
    await as(app, owner)
      .post(`/api/v1/drafts/${draftId}/changes/decisions`)
      .send({ decision: 'accept', keys: [`${points.rn1}~${owner.id}`] })
      .expect(200);
    expect((await getDraft(app, owner, draftId)).content).toContain(
      'Die Landkreise beraten Zugewanderte.\n\nDas Land',
    );
  });
});
