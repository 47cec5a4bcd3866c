import { Workbook } from 'exceljs';
import { as, type TestUser } from '../support/factories';
import { startTestApp, waitForQueuesToDrain, type TestApp } from '../support/test-app';
import { givenOrgPerson } from '../consultations/consultation-support';
import { entry, givenNeedsWorld, givenRound, type NeedsWorld } from './needs-support';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = 'Kreisschlüssel,Handlungsfeld,Zielgruppe,Betroffene,Trend,Dringlichkeit,Sichtbarkeit,Fehlt';
const KS = { ulm: '08421', tue: '08416', rt: '08415', stgt: '08111', zak: '08417' } as const;

/** A file from the API: status, headers and the bytes. */
async function download(app: TestApp, user: TestUser, path: string) {
  const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${user.accessToken}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/** The CSV's lines split into cells (the test data has no quotes or line breaks inside cells). */
const lines = (csv: Buffer) =>
  csv
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((l) => l.split(','));

async function sheetRows(body: Buffer) {
  const wb = new Workbook();
  await wb.xlsx.load(body as never);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/**
 * The radar's data out and in: a period's reports and the roll-ups as CSV (RFC 4180, UTF-8 with BOM) and XLSX
 * (typed cells), each with only what the caller may see; reports imported from CSV or XLSX, every bad row named
 * by row and column, all or nothing unless partial, drafts unless release.
 */
describe('needs reports: export and import', () => {
  let app: TestApp;
  let w: NeedsWorld;
  let periodId: string;
  const lead = new Map<string, TestUser>();
  const org = (ks: string) => w.districts.find((d) => d.kreisschluessel === ks)!.id;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    w = await givenNeedsWorld(app);
    ({ periodId } = await givenRound(app, w.ministry));
    for (const ks of [KS.ulm, KS.tue, KS.rt])
      lead.set(ks, await givenOrgPerson(app, w.admin, org(ks), 'admin'));
    // Tübingen releases one entry for the network and one for the ministry; Reutlingen keeps a draft.
    await as(app, lead.get(KS.tue))
      .put(`/api/v1/needs/periods/${periodId}/reports/${org(KS.tue)}`)
      .send({
        entries: [
          entry(),
          entry({ field: 'wohnen', visibility: 'ministry', targetGroup: 'Geheim, "intern"' }),
        ],
      })
      .expect(200);
    await as(app, lead.get(KS.tue))
      .post(`/api/v1/needs/periods/${periodId}/reports/${org(KS.tue)}/release`)
      .expect(200);
    await as(app, lead.get(KS.rt))
      .put(`/api/v1/needs/periods/${periodId}/reports/${org(KS.rt)}`)
      .send({ entries: [entry({ targetGroup: 'Entwurf Reutlingen' })] })
      .expect(200);
    await waitForQueuesToDrain(app);
  });
  afterAll(() => app.close());

  it('exports a period’s reports as CSV: what the caller may see, RFC 4180 with BOM', async () => {
    const mine = await download(app, lead.get(KS.rt)!, `/api/v1/needs/periods/${periodId}/reports.csv`);
    expect(mine.status).toBe(200);
    expect(mine.type).toBe('text/csv; charset=utf-8');
    expect(mine.disposition).toMatch(/^attachment; filename="bedarfsmeldungen-\d{4}-Q\d\.csv"$/);
    expect(mine.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = mine.body.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = lines(mine.body);
    expect(header).toEqual([
      '\uFEFFKreisschlüssel'.slice(1),
      'AGS',
      'Regierungsbezirk',
      'Organisation',
      'Handlungsfeld',
      'Zielgruppe',
      'Betroffene',
      'Trend',
      'Dringlichkeit',
      'Vorhanden',
      'Fehlt',
      'Unterstützung',
      'Belege',
      'Sichtbarkeit',
      'Status',
      'Verspätet',
      'Freigegeben am',
    ]);
    // Reutlingen: its own draft, and Tübingen's network entry — not the ministry's.
    expect(rows.map((r) => [r[0], r[4], r[5], r[14]])).toEqual([
      [KS.rt, 'Sprachförderung', 'Entwurf Reutlingen', 'in Arbeit'],
      [KS.tue, 'Sprachförderung', 'Neu Zugewanderte mit Kindern', 'freigegeben'],
    ]);
    expect(text).not.toContain('Geheim');

    const ministry = await download(app, w.ministry, `/api/v1/needs/periods/${periodId}/reports.csv`);
    const all = ministry.body.toString('utf8');
    expect(all).toContain('"Geheim, ""intern"""'); // quoted, quotes doubled
    expect(all).not.toContain('Entwurf Reutlingen'); // drafts stay inside their organisation
    expect(lines(ministry.body).filter((r) => r[0] === KS.tue)).toHaveLength(2);
  });

  it('exports as XLSX with a header row and typed cells', async () => {
    const file = await download(app, w.ministry, `/api/v1/needs/periods/${periodId}/reports.xlsx`);
    expect(file.status).toBe(200);
    expect(file.type).toBe(XLSX);
    const [header, first] = await sheetRows(file.body);
    expect(header[0]).toBe('Kreisschlüssel');
    expect(header[16]).toBe('Freigegeben am');
    expect(first[0]).toBe(KS.tue); // a key stays text (its leading zero kept)
    expect(first[6]).toBe(120); // Betroffene: a number
    expect(first[8]).toBe(4); // Dringlichkeit: a number
    expect(first[15]).toBe(false); // Verspätet: a boolean
    expect(first[16]).toBeInstanceOf(Date);
  });

  it('exports roll-ups with the Kreisschlüssel; the network’s without ministry-only entries', async () => {
    const csv = await download(
      app,
      w.ministry,
      `/api/v1/needs/rollup.csv?field=sprache&periodId=${periodId}&level=district`,
    );
    expect(csv.status).toBe(200);
    const [header, ...rows] = lines(csv.body);
    expect(header.slice(0, 8)).toEqual([
      'Zeitraum',
      'Handlungsfeld',
      'Ebene',
      'Kreisschlüssel',
      'Regierungsbezirk',
      'Name',
      'Meldungen',
      'Betroffene',
    ]);
    expect(rows).toHaveLength(44);
    expect(rows.find((r) => r[3] === KS.tue)!.slice(4, 10)).toEqual([
      'Tübingen',
      'Landkreis Tübingen',
      '1',
      '120',
      '0',
      '1',
    ]);
    // Every field of the round at the Land: the ministry counts Wohnen, the network does not.
    const land = async (user: TestUser) =>
      lines(
        (await download(app, user, `/api/v1/needs/rollup.csv?periodId=${periodId}&level=land`)).body,
      ).slice(1);
    expect((await land(w.ministry)).map((r) => r[1])).toEqual(['Sprachförderung', 'Wohnen']);
    expect((await land(lead.get(KS.ulm)!)).map((r) => r[1])).toEqual(['Sprachförderung']);
    const xlsx = await download(
      app,
      w.ministry,
      `/api/v1/needs/rollup.xlsx?field=sprache&periodId=${periodId}&level=regierungsbezirk`,
    );
    const [, tue] = await sheetRows(xlsx.body);
    expect(tue.slice(0, 8)).toEqual(
      [expect.any(String), 'Sprachförderung', 'Regierungsbezirk', null, 'Tübingen', 'Tübingen', 1, 120].map(
        (v) => (v === null ? undefined : v),
      ),
    );
  });

  it('refuses exports to outsiders and for unknown or malformed periods', async () => {
    await as(app).get(`/api/v1/needs/periods/${periodId}/reports.csv`).expect(401);
    const outsider = await givenOrgPerson(
      app,
      w.admin,
      w.orgs.get('Landkreistag Baden-Württemberg')!,
      'requested',
    );
    expect(
      (await as(app, outsider).get(`/api/v1/needs/periods/${periodId}/reports.xlsx`).expect(403)).body.code,
    ).toBe('FORBIDDEN');
    await as(app, w.ministry)
      .get(`/api/v1/needs/periods/00000000-0000-4000-8000-000000000000/reports.csv`)
      .expect(404);
    await as(app, w.ministry).get(`/api/v1/needs/periods/nope/reports.csv`).expect(400);
    await as(app, w.ministry)
      .get(`/api/v1/needs/rollup.csv?periodId=${periodId}&level=kontinent`)
      .expect(400);
    await as(app, w.ministry)
      .get(`/api/v1/needs/rollup.xlsx?periodId=00000000-0000-4000-8000-000000000000`)
      .expect(404);
  });

  it('imports an organisation’s report from CSV as a draft; the admin’s release=true releases it', async () => {
    const ulm = lead.get(KS.ulm)!;
    const csv = `${HEADER}\r\n${KS.ulm},Sprachförderung,Geflüchtete,80,steigend,4,Netzwerk,Kita\r\n${KS.ulm},arbeit,Frauen,15,neu,3,nur Ministerium,\r\n`;
    const res = await as(app, ulm)
      .post(`/api/v1/needs/periods/${periodId}/import`)
      .set('content-type', 'text/csv; charset=utf-8')
      .send(csv)
      .expect(200);
    expect(res.body).toMatchObject({ imported: 2, errors: [] });
    expect(res.body.reports).toEqual([
      expect.objectContaining({ organisationId: org(KS.ulm), status: 'drafting' }),
    ]);
    const report = await as(app, ulm)
      .get(`/api/v1/needs/periods/${periodId}/reports/${org(KS.ulm)}`)
      .expect(200);
    expect(
      report.body.entries.map((e: { field: string; visibility: string; missing: string | null }) => [
        e.field,
        e.visibility,
        e.missing,
      ]),
    ).toEqual([
      ['sprache', 'network', 'Kita'],
      ['arbeit', 'ministry', null],
    ]);
    // Imported again with release=true: the entries replaced, and released (Mitzeichnung by the admin).
    const again = await as(app, ulm)
      .post(`/api/v1/needs/periods/${periodId}/import?release=true`)
      .set('content-type', 'text/csv')
      .send(`${HEADER}\n${KS.ulm},sprache,Geflüchtete,90,steigend,5,Netzwerk,\n`)
      .expect(200);
    expect(again.body.reports[0]).toMatchObject({
      status: 'released',
      entries: [expect.objectContaining({ affected: 90 })],
    });
    // Released is final: a further import names the rows.
    const final = await as(app, ulm)
      .post(`/api/v1/needs/periods/${periodId}/import`)
      .set('content-type', 'text/csv')
      .send(`${HEADER}\n${KS.ulm},sprache,X,1,neu,1,Netzwerk,\n`)
      .expect(400);
    expect(final.body.details).toEqual([
      { row: 2, column: 'Kreisschlüssel', message: 'The report of Stadtkreis Ulm is released and final' },
    ]);
  });

  it('names every bad row and column, imports nothing unless partial=true', async () => {
    const { periodId: tuePeriod } = await givenRound(app, w.ministry, {
      reporters: { sets: ['regierungsbezirk:Tübingen'] },
      fields: ['sprache', 'wohnen', 'arbeit'],
    });
    const csv = [
      HEADER,
      `${KS.zak},sprache,Gut,10,neu,2,Netzwerk,`, // 2: good
      `${KS.zak},sprache,Doppelt,10,neu,2,Netzwerk,`, // 3: the field twice for one organisation
      `${KS.zak},wohnen,Dringlichkeit,10,neu,9,Netzwerk,`, // 4: severity 9
      `99999,wohnen,Unbekannt,10,neu,2,Netzwerk,`, // 5: unknown Kreisschlüssel
      `${KS.zak},Zauberei,Feld,10,neu,2,Netzwerk,`, // 6: unknown field
      `${KS.stgt},sprache,Stuttgart,10,neu,2,Netzwerk,`, // 7: not a reporter of this round
      `${KS.zak},gesundheit,Nicht gefragt,10,neu,2,Netzwerk,`, // 8: the round does not ask about it
      `${KS.rt},wohnen,Gut,5,sinkend,1,nur Ministerium,`, // 9: good
    ].join('\r\n');
    const post = (query = '') =>
      as(app, w.ministry)
        .post(`/api/v1/needs/periods/${tuePeriod}/import${query}`)
        .set('content-type', 'text/csv');
    const refused = await post().send(csv).expect(400);
    expect(refused.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('nothing was imported'),
    });
    expect(refused.body.details).toEqual([
      { row: 3, column: 'Handlungsfeld', message: 'Sprachförderung for Zollernalbkreis is in row 2 already' },
      {
        row: 4,
        column: 'Dringlichkeit',
        message: 'The severity must be a whole number from 1 to 5, not "9"',
      },
      {
        row: 5,
        column: 'Kreisschlüssel',
        message: 'No district or town of the register has the Kreisschlüssel 99999',
      },
      { row: 6, column: 'Handlungsfeld', message: 'Unknown field of action "Zauberei"' },
      {
        row: 7,
        column: 'Kreisschlüssel',
        message: 'Stadtkreis Stuttgart (08111) is not a reporter of this round',
      },
      { row: 8, column: 'Handlungsfeld', message: 'The round does not ask about Gesundheit' },
    ]);
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM needs_reports WHERE period_id = $1`,
      [tuePeriod],
    );
    expect(n).toBe(0);

    const partial = await post('?partial=true').send(csv).expect(200);
    expect(partial.body.imported).toBe(2);
    expect(partial.body.errors).toHaveLength(6);
    expect(partial.body.reports.map((r: { organisationId: string }) => r.organisationId).sort()).toEqual(
      [org(KS.zak), org(KS.rt)].sort(),
    );
    // The ministry drafts for reporters; their release stays theirs.
    const release = await post('?release=true')
      .send(`${HEADER}\n${KS.zak},sprache,Gut,10,neu,2,Netzwerk,\n`)
      .expect(400);
    expect(release.body.details[0]).toMatchObject({
      row: 2,
      column: 'Kreisschlüssel',
      message: expect.stringContaining('Mitzeichnung'),
    });
  });

  it('refuses missing columns, another organisation’s rows, members, closed periods and wrong bodies', async () => {
    const ulmMember = await givenOrgPerson(app, w.admin, org(KS.ulm), 'member');
    const rt = lead.get(KS.rt)!;
    const url = `/api/v1/needs/periods/${periodId}/import`;
    const missing = await as(app, rt)
      .post(url)
      .set('content-type', 'text/csv')
      .send('Kreisschlüssel,Handlungsfeld\n08415,sprache\n')
      .expect(400);
    expect(missing.body.details).toEqual(
      expect.arrayContaining([{ row: 1, column: 'Trend', message: 'The column Trend is missing' }]),
    );
    const other = await as(app, rt)
      .post(url)
      .set('content-type', 'text/csv')
      .send(`${HEADER}\n${KS.tue},sprache,X,1,neu,1,Netzwerk,\n`)
      .expect(400);
    expect(other.body.details).toEqual([
      {
        row: 2,
        column: 'Kreisschlüssel',
        message: 'You may import only for the organisations you lead, not for Landkreis Tübingen',
      },
    ]);
    await as(app, ulmMember).post(url).set('content-type', 'text/csv').send(`${HEADER}\n`).expect(403);
    await as(app).post(url).set('content-type', 'text/csv').send(`${HEADER}\n`).expect(401);
    // JSON, no body, an unknown type: 415 with the contract body; a CSV sent to a JSON route: 415 too.
    expect((await as(app, rt).post(url).send({ rows: [] }).expect(415)).body.code).toBe('VALIDATION_FAILED');
    await as(app, rt).post(url).expect(415);
    await as(app, rt).post(url).set('content-type', 'application/pdf').send(Buffer.from('%PDF')).expect(415);
    await as(app, rt)
      .put(`/api/v1/needs/periods/${periodId}/reports/${org(KS.rt)}`)
      .set('content-type', 'text/csv')
      .send('a,b\n')
      .expect(415);
    // Not a workbook, a broken CSV, a file over 5 MB.
    expect(
      (await as(app, rt).post(url).set('content-type', XLSX).send(Buffer.from('PK no zip')).expect(400)).body
        .details[0].message,
    ).toMatch(/not an XLSX/);
    expect(
      (
        await as(app, rt)
          .post(url)
          .set('content-type', 'text/csv')
          .send(`${HEADER}\n"08415,sprache\n`)
          .expect(400)
      ).body.details[0],
    ).toMatchObject({ row: 2 });
    expect(
      (
        await as(app, rt)
          .post(url)
          .set('content-type', 'text/csv')
          .send(Buffer.alloc(6 * 1024 * 1024, 'a'))
          .expect(413)
      ).body.code,
    ).toBe('PAYLOAD_TOO_LARGE');
    await as(app, rt)
      .post(`/api/v1/needs/periods/not-a-uuid/import`)
      .set('content-type', 'text/csv')
      .send(`${HEADER}\n`)
      .expect(400);
    await as(app, rt)
      .post(`/api/v1/needs/periods/${periodId}/import?partial=yes`)
      .set('content-type', 'text/csv')
      .send(`${HEADER}\n`)
      .expect(400);
    // A closed period takes nothing.
    const { periodId: closed } = await givenRound(app, w.ministry, { cadence: 'once' });
    await app.dataSource.query(`UPDATE needs_periods SET status = 'closed' WHERE id = $1`, [closed]);
    const res = await as(app, rt)
      .post(`/api/v1/needs/periods/${closed}/import`)
      .set('content-type', 'text/csv')
      .send(`${HEADER}\n${KS.rt},sprache,X,1,neu,1,Netzwerk,\n`)
      .expect(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT', reason: 'PERIOD_CLOSED' });
  });

  it('imports an XLSX workbook (numbers as numbers, a key that lost its leading zero)', async () => {
    const { periodId: p } = await givenRound(app, w.ministry, { cadence: 'monthly' });
    const wb = new Workbook();
    const sheet = wb.addWorksheet('Meldung');
    sheet.addRow([
      'Kreisschlüssel',
      'Handlungsfeld',
      'Zielgruppe',
      'Betroffene',
      'Trend',
      'Dringlichkeit',
      'Sichtbarkeit',
      'Belege',
    ]);
    sheet.addRow([
      8415,
      'Wohnen',
      'Familien mit vielen Kindern',
      42,
      'gleichbleibend',
      3,
      'Netzwerk',
      { text: 'Bericht', hyperlink: 'https://example.org/bericht' },
    ]);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await as(app, lead.get(KS.rt)!)
      .post(`/api/v1/needs/periods/${p}/import`)
      .set('content-type', XLSX)
      .send(body)
      .expect(200);
    expect(res.body.reports[0].entries).toEqual([
      expect.objectContaining({
        field: 'wohnen',
        affected: 42,
        trend: 'stable',
        severity: 3,
        evidence: 'Bericht',
      }),
    ]);
  });
});
