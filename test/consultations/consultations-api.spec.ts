import { ConsultationsService } from '@runde/consultations';
import { as, givenAdmin, givenGroup, givenUser, type TestGroup, type TestUser } from '../support/factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe, type TestSocket } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';
import { givenOrgPerson, inDays, organisationsByName, surveyBody } from './consultation-support';

/**
 * Consultation rounds over HTTP and socket.io, against the booted api: who opens a round, to whom it goes, bad
 * input, who sees and does what for which organisation (Mitzeichnung, Fehlanzeige, Frist and extension), and
 * the live events on consultation:<id> and organisation:<id>.
 */
describe('consultation rounds: API', () => {
  let app: TestApp;
  let admin: TestUser;
  let group: TestGroup;
  let orgs: Map<string, string>;
  /** Landkreis Tübingen: admin, deputy, two members, one who only asked to belong. */
  let A: string;
  let aAdmin: TestUser, aDeputy: TestUser, aMember: TestUser, aMember2: TestUser, aRequested: TestUser;
  /** Landkreis Reutlingen: admin and a member. */
  let B: string;
  let bAdmin: TestUser, bMember: TestUser;
  /** Stadtkreis Ulm: an admin. */
  let C: string;
  let cAdmin: TestUser;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    admin = await givenAdmin(app);
    group = await givenGroup(app);
    orgs = await organisationsByName(app);
    A = orgs.get('Landkreis Tübingen')!;
    B = orgs.get('Landkreis Reutlingen')!;
    C = orgs.get('Stadtkreis Ulm')!;
    aAdmin = await givenOrgPerson(app, admin, A, 'admin', 'Anna Amtsleitung');
    aDeputy = await givenOrgPerson(app, admin, A, 'deputy', 'Dirk Vertretung');
    aMember = await givenOrgPerson(app, admin, A, 'member', 'Mara Sachbearbeitung');
    aMember2 = await givenOrgPerson(app, admin, A, 'member', 'Max Sachbearbeitung');
    aRequested = await givenOrgPerson(app, admin, A, 'requested', 'Rita Anfrage');
    bAdmin = await givenOrgPerson(app, admin, B, 'admin');
    bMember = await givenOrgPerson(app, admin, B, 'member');
    cAdmin = await givenOrgPerson(app, admin, C, 'admin');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app.close();
  });

  const open = async (by: TestUser, body: Record<string, unknown> = {}) =>
    (
      await as(app, by)
        .post(`/api/v1/groups/${group.id}/consultations`)
        .send(surveyBody([A, B, C], body))
        .expect(201)
    ).body;

  async function socketOf(user: TestUser): Promise<TestSocket> {
    const s = await connectSocket(app, user.accessToken);
    sockets.push(s);
    return s;
  }

  describe('opening a round', () => {
    it('owners and moderators open rounds; members and observers 403; outsiders and addressees 404', async () => {
      const round = await open(group.owner);
      expect(round).toMatchObject({ groupId: group.id, kind: 'survey', status: 'open', draftId: null });
      expect(round.addressees.map((a: { organisationId: string }) => a.organisationId).sort()).toEqual(
        [A, B, C].sort(),
      );
      for (const a of round.addressees) expect(a).toMatchObject({ status: 'not_started', late: false });
      await open(group.people.moderator);
      const path = `/api/v1/groups/${group.id}/consultations`;
      for (const who of [group.people.member, group.people.observer]) {
        const res = await as(app, who)
          .post(path)
          .send(surveyBody([A]))
          .expect(403);
        expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      }
      for (const who of [await givenUser(app), aAdmin]) {
        const res = await as(app, who)
          .post(path)
          .send(surveyBody([A]))
          .expect(404);
        expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      }
    });

    it('addressee sets: a Regierungsbezirk gives exactly its districts; 35 Landkreise, 9 Stadtkreise, 3 associations', async () => {
      const ids = async (sets: string[], organisationIds: string[] = []) => {
        const round = await open(group.owner, { addressees: { sets, organisationIds } });
        return (round.addressees as Array<{ organisationId: string }>).map((a) => a.organisationId).sort();
      };
      const tuebingen: Array<{ id: string; name: string }> = await app.dataSource.query(
        `SELECT id, name FROM organisations WHERE regierungsbezirk = 'Tübingen' AND kind IN ('Landkreis', 'Stadtkreis')`,
      );
      expect(tuebingen.map((o) => o.name).sort()).toEqual(
        [
          'Stadtkreis Ulm',
          'Landkreis Reutlingen',
          'Landkreis Tübingen',
          'Zollernalbkreis',
          'Alb-Donau-Kreis',
          'Landkreis Biberach',
          'Bodenseekreis',
          'Landkreis Ravensburg',
          'Landkreis Sigmaringen',
        ].sort(),
      );
      expect(await ids(['regierungsbezirk:Tübingen'])).toEqual(tuebingen.map((o) => o.id).sort());
      expect(await ids(['landkreise'])).toHaveLength(35);
      expect(await ids(['stadtkreise'])).toHaveLength(9);
      const associations = await ids(['associations']);
      expect(associations).toHaveLength(3);
      expect(associations).not.toContain(
        orgs.get('Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg'),
      );
      // Sets and single organisations together: each organisation once.
      expect(await ids(['landkreise', 'stadtkreise', 'regierungsbezirk:Tübingen'], [A, C])).toHaveLength(44);
    });
  });

  describe('bad input is a 4xx with the contract body, never a 500', () => {
    const path = () => `/api/v1/groups/${group.id}/consultations`;
    const base = () => surveyBody([A]);
    const cases: Array<[string, () => unknown, number?]> = [
      ['deadline in the past', () => ({ ...base(), deadline: inDays(-1) })],
      ['deadline not a date', () => ({ ...base(), deadline: 'nächsten Freitag' })],
      [
        'unknown organisation ids',
        () => ({ ...base(), addressees: { organisationIds: [A, '9d3a4c1e-2b7f-4e8a-9c6d-5f0e1a2b3c4d'] } }),
      ],
      [
        'organisation ids that are no uuids',
        () => ({ ...base(), addressees: { organisationIds: ['Tübingen'] } }),
      ],
      ['empty addressees', () => ({ ...base(), addressees: {} })],
      ['empty lists of addressees', () => ({ ...base(), addressees: { organisationIds: [], sets: [] } })],
      ['unknown set', () => ({ ...base(), addressees: { sets: ['regierungsbezirk:Mordor'] } })],
      ['addressees missing', () => ({ ...base(), addressees: undefined })],
      ['addressees not an object', () => ({ ...base(), addressees: 'alle' })],
      ['title missing', () => ({ ...base(), title: undefined })],
      ['title blank', () => ({ ...base(), title: '   ' })],
      ['kind unknown', () => ({ ...base(), kind: 'umlauf' })],
      ['wrong types', () => ({ ...base(), title: 42, remindDaysBefore: 'sieben' })],
      ['reminder days out of range', () => ({ ...base(), remindDaysBefore: [0, 90] })],
      ['neither draft nor questions', () => ({ ...base(), questions: [] })],
      [
        'choice question without options',
        () => ({ ...base(), questions: [{ text: 'Welche?', type: 'choice' }] }),
      ],
      [
        'choice question with one option',
        () => ({ ...base(), questions: [{ text: 'Welche?', type: 'choice', options: ['a'] }] }),
      ],
      ['question type unknown', () => ({ ...base(), questions: [{ text: 'Wie?', type: 'essay' }] })],
      [
        'question ids twice',
        () => ({
          ...base(),
          questions: [
            { id: 'q', text: 'a', type: 'text' },
            { id: 'q', text: 'b', type: 'text' },
          ],
        }),
      ],
      ['draft id no uuid', () => ({ ...base(), draftId: 'entwurf-1' })],
      ['draft of no such kind', () => ({ ...base(), draftId: '9d3a4c1e-2b7f-4e8a-9c6d-5f0e1a2b3c4d' })],
      ['extra field', () => ({ ...base(), status: 'closed' })],
      ['body not an object', () => [1, 2, 3]],
      ['1 MB title', () => ({ ...base(), title: 'x'.repeat(1024 * 1024) }), 413],
    ];
    it.each(cases)('%s', async (_name, body, status = 400) => {
      const res = await as(app, group.owner)
        .post(path())
        .send(body() as object)
        .expect(status);
      expect(res.body).toMatchObject({
        statusCode: status,
        code: status === 400 ? 'VALIDATION_FAILED' : 'PAYLOAD_TOO_LARGE',
      });
      expect(typeof res.body.message).toBe('string');
    });

    it('malformed ids in paths are 400; well-formed unknown ones 404', async () => {
      const round = await open(group.owner);
      for (const p of [
        '/api/v1/groups/not-a-uuid/consultations',
        '/api/v1/consultations/not-a-uuid',
        `/api/v1/consultations/${round.id}/statements/not-a-uuid`,
      ]) {
        const res = await as(app, group.owner).get(p).expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      }
      const unknown = '9d3a4c1e-2b7f-4e8a-9c6d-5f0e1a2b3c4d';
      await as(app, group.owner).get(`/api/v1/consultations/${unknown}`).expect(404);
      await as(app, aMember)
        .put(`/api/v1/consultations/${unknown}/statements/${A}`)
        .send({ general: 'x' })
        .expect(404);
    });

    it('statements: wrong answers, bad anchors, huge texts and a stale version', async () => {
      const round = await open(group.owner, {
        questions: [
          { id: 'n', text: 'Anzahl?', type: 'number' },
          { id: 'yn', text: 'Ja oder nein?', type: 'yesno' },
          { id: 'c', text: 'Welche?', type: 'choice', options: ['a', 'b'] },
        ],
      });
      const put = (body: unknown) =>
        as(app, aMember)
          .put(`/api/v1/consultations/${round.id}/statements/${A}`)
          .send(body as object);
      const bad: unknown[] = [
        { answers: [{ questionId: 'n', value: 'viele' }] },
        { answers: [{ questionId: 'yn', value: 'ja' }] },
        { answers: [{ questionId: 'c', value: 'z' }] },
        { answers: [{ questionId: 'nope', value: 1 }] },
        {
          answers: [
            { questionId: 'n', value: 1 },
            { questionId: 'n', value: 2 },
          ],
        },
        { answers: [{ questionId: 'n' }] },
        { answers: 'alle' },
        { comments: [{ anchor: { randnummer: '3', from: 1, to: 4 }, position: 'agree', text: 'x' }] },
        { comments: [{ anchor: { from: 9, to: 4 }, position: 'agree', text: 'x' }] },
        { comments: [{ position: 'maybe', text: 'x' }] },
        { comments: [{ position: 'note', text: '   ' }] },
        { general: 'x'.repeat(100_001) },
        { general: 12 },
        { version: -1 },
      ];
      for (const body of bad) {
        const res = await put(body);
        expect([res.status, res.body.code, body]).toEqual([400, 'VALIDATION_FAILED', body]);
      }
      const first = (await put({ general: 'Erster Stand' }).expect(200)).body;
      await put({ general: 'Zweiter Stand', version: first.version }).expect(200);
      const stale = await put({ general: 'Überholt', version: first.version }).expect(409);
      expect(stale.body).toMatchObject({ statusCode: 409, code: 'CONFLICT' });
      expect(stale.body.details[0]).toMatchObject({ general: 'Zweiter Stand' });
    });

    it('an extension to a date in the past or not a date is 400', async () => {
      const round = await open(group.owner);
      const ext = `/api/v1/consultations/${round.id}/addressees/${A}/extension`;
      for (const deadline of [inDays(-2), 'morgen', 5])
        await as(app, group.owner).post(ext).send({ deadline }).expect(400);
      await as(app, group.owner).post(ext).send({}).expect(400);
    });
  });

  describe('who sees and does what for an organisation', () => {
    it('drafting, Mitzeichnung, Fehlanzeige: each organisation sees only its own until publication', async () => {
      const round = await open(group.owner);
      const url = (org: string, tail = '') => `/api/v1/consultations/${round.id}/statements/${org}${tail}`;
      const secret = 'Die Wartezeiten im Kreis betragen derzeit 23 Wochen';

      // Outsiders and people who only asked to belong: the round does not exist for them.
      for (const who of [await givenUser(app), aRequested]) {
        await as(app, who).get(`/api/v1/consultations/${round.id}`).expect(404);
        await as(app, who).put(url(A)).send({ general: 'x' }).expect(404);
        await as(app, who).post(url(A, '/release')).expect(404);
      }
      // An addressee's people see the round with their own entry only.
      const seenByB = (await as(app, bMember).get(`/api/v1/consultations/${round.id}`).expect(200)).body;
      expect(seenByB.addressees.map((a: { organisationId: string }) => a.organisationId)).toEqual([B]);

      // A member drafts, but does not release (Mitzeichnung).
      const draft = (
        await as(app, aMember)
          .put(url(A))
          .send({
            general: secret,
            comments: [
              {
                anchor: { randnummer: '3' },
                position: 'change',
                text: 'Kurse fehlen',
                proposedWording: 'mehr Kurse',
              },
            ],
            answers: [{ questionId: 'wartezeit', value: 23 }],
          })
          .expect(200)
      ).body;
      expect(draft).toMatchObject({ organisationId: A, status: 'drafting', version: 1, general: secret });
      const denied = await as(app, aMember).post(url(A, '/release')).expect(403);
      expect(denied.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });

      // Nobody outside A reads A's draft: not another addressee, not the owners.
      for (const who of [bMember, bAdmin, group.owner]) await as(app, who).get(url(A)).expect(404);
      const listB = (await as(app, bAdmin).get(`/api/v1/consultations/${round.id}/statements`).expect(200))
        .body;
      expect(JSON.stringify(listB)).not.toContain(secret);
      // Nor does anyone act for an organisation they are not in: B for A, the owner for A.
      await as(app, bAdmin).put(url(A)).send({ general: 'fremd' }).expect(403);
      await as(app, bAdmin).post(url(A, '/release')).expect(403);
      await as(app, group.owner).put(url(A)).send({ general: 'fremd' }).expect(403);

      // A's deputy releases (Vertretung); released is final.
      const released = (await as(app, aDeputy).post(url(A, '/release')).expect(200)).body;
      expect(released).toMatchObject({
        status: 'released',
        general: secret,
        releasedBy: aDeputy.id,
        late: false,
      });
      const again = await as(app, aMember).put(url(A)).send({ general: 'Nachtrag' }).expect(409);
      expect(again.body).toMatchObject({ statusCode: 409, code: 'CONFLICT' });
      await as(app, aAdmin).post(url(A, '/release')).expect(409);
      await as(app, aAdmin).post(url(A, '/nil-return')).expect(409);

      // The owners read it now; B still does not (not published).
      expect((await as(app, group.owner).get(url(A)).expect(200)).body.general).toBe(secret);
      await as(app, bMember).get(url(A)).expect(404);
      const listB2 = (await as(app, bMember).get(`/api/v1/consultations/${round.id}/statements`).expect(200))
        .body;
      expect(JSON.stringify(listB2)).not.toContain(secret);

      // B's admin answers with a Fehlanzeige (a member may not), which counts as an answer.
      await as(app, bMember).post(url(B, '/nil-return')).expect(403);
      const nil = (await as(app, bAdmin).post(url(B, '/nil-return')).expect(200)).body;
      expect(nil).toMatchObject({ status: 'nil_return', general: '', comments: [], answers: [] });
      await as(app, bMember).put(url(B)).send({ general: 'doch noch' }).expect(409);
      const board = (await as(app, group.owner).get(`/api/v1/consultations/${round.id}`).expect(200)).body;
      const statusOf = (org: string) =>
        board.addressees.find((a: { organisationId: string }) => a.organisationId === org).status;
      expect([statusOf(A), statusOf(B), statusOf(C)]).toEqual(['released', 'nil_return', 'not_started']);
      // An admin releases as well; an empty statement is not released.
      await as(app, cAdmin).post(url(C, '/release')).expect(409);
      await as(app, cAdmin).put(url(C)).send({ general: 'Keine Einwände.' }).expect(200);
      await as(app, cAdmin).post(url(C, '/release')).expect(200);

      // After close and publication every addressee reads the released statements.
      await app.api
        .get(ConsultationsService)
        .closeIfDue(round.id, new Date(Date.parse(round.deadline) + 1000));
      await as(app, group.owner).post(`/api/v1/consultations/${round.id}/publish`).expect(200);
      expect((await as(app, bMember).get(url(A)).expect(200)).body.general).toBe(secret);
      const published = (
        await as(app, bMember).get(`/api/v1/consultations/${round.id}/statements`).expect(200)
      ).body;
      expect(published.items.map((s: { organisationId: string }) => s.organisationId).sort()).toEqual(
        [A, B, C].sort(),
      );
    });

    it('after the close answers are 409, unless that addressee got an extension (then not late)', async () => {
      const round = await open(group.owner);
      const url = (org: string, tail = '') => `/api/v1/consultations/${round.id}/statements/${org}${tail}`;
      await as(app, aMember).put(url(A)).send({ general: 'Entwurf vor Fristende' }).expect(200);
      // Time passes beyond the deadline: the close job's work, at a chosen moment.
      const after = new Date(Date.parse(round.deadline) + 60_000);
      expect(await app.api.get(ConsultationsService).closeIfDue(round.id, after)).toBe(true);
      expect(await app.api.get(ConsultationsService).closeIfDue(round.id, after)).toBe(false);
      for (const [who, org] of [
        [aAdmin, A],
        [bAdmin, B],
      ] as const) {
        const res = await as(app, who).post(url(org, '/nil-return')).expect(409);
        expect(res.body).toMatchObject({ statusCode: 409, code: 'CONFLICT' });
      }
      await as(app, aMember).put(url(A)).send({ general: 'zu spät' }).expect(409);
      // A Fristverlängerung for A (owners only) re-opens A's answer, and only A's.
      await as(app, aAdmin)
        .post(`/api/v1/consultations/${round.id}/addressees/${A}/extension`)
        .send({ deadline: inDays(30) })
        .expect(404);
      const newDeadline = inDays(30);
      const extended = (
        await as(app, group.owner)
          .post(`/api/v1/consultations/${round.id}/addressees/${A}/extension`)
          .send({ deadline: newDeadline })
          .expect(200)
      ).body;
      expect(
        extended.addressees.find((a: { organisationId: string }) => a.organisationId === A).deadline,
      ).toBe(newDeadline);
      await as(app, aMember).put(url(A)).send({ general: 'Nach Verlängerung' }).expect(200);
      const released = (await as(app, aAdmin).post(url(A, '/release')).expect(200)).body;
      expect(released).toMatchObject({ status: 'released', late: false });
      await as(app, bAdmin).post(url(B, '/nil-return')).expect(409);
    });
    it('a correction of a released statement: its people draft it, the owners keep reading the released one', async () => {
      const round = await open(group.owner);
      const url = (org: string, tail = '') => `/api/v1/consultations/${round.id}/statements/${org}${tail}`;
      await as(app, aMember).put(url(A)).send({ general: 'Fassung 1' }).expect(200);
      const first = (await as(app, aAdmin).post(url(A, '/release')).expect(200)).body;
      await as(app, aMember).post(`/api/v1/consultations/${round.id}/statements/${B}/correction`).expect(403);
      const correction = (await as(app, aDeputy).post(url(A, '/correction')).expect(201)).body;
      expect(correction).toMatchObject({ status: 'drafting', correctsId: first.id, general: 'Fassung 1' });
      await as(app, aMember).put(url(A)).send({ general: 'Fassung 2 (Entwurf)' }).expect(200);
      expect((await as(app, aMember).get(url(A)).expect(200)).body).toMatchObject({
        status: 'drafting',
        general: 'Fassung 2 (Entwurf)',
      });
      // The owners read what was released, never the correction in draft.
      expect((await as(app, group.owner).get(url(A)).expect(200)).body).toMatchObject({
        id: first.id,
        status: 'released',
        general: 'Fassung 1',
      });
      await as(app, aDeputy).post(url(A, '/release')).expect(200);
      expect((await as(app, group.owner).get(url(A)).expect(200)).body).toMatchObject({
        status: 'released',
        general: 'Fassung 2 (Entwurf)',
        correctsId: first.id,
      });
    });

    it('late: an answer after the Frist while the round is still open is late; after an extension it is not', async () => {
      const round = await open(group.owner);
      const url = (org: string, tail = '') => `/api/v1/consultations/${round.id}/statements/${org}${tail}`;
      await as(app, group.owner)
        .post(`/api/v1/consultations/${round.id}/addressees/${B}/extension`)
        .send({ deadline: inDays(40) })
        .expect(200);
      // The Frist passes (the close job has not run yet): the round's deadline and A's lie a minute back.
      const past = new Date(Date.now() - 60_000);
      await app.dataSource.query(`UPDATE consultations SET deadline = $2 WHERE id = $1`, [round.id, past]);
      await app.dataSource.query(
        `UPDATE consultation_addressees SET deadline = $2 WHERE consultation_id = $1 AND organisation_id <> $3`,
        [round.id, past, B],
      );
      expect((await as(app, aAdmin).post(url(A, '/nil-return')).expect(200)).body).toMatchObject({
        late: true,
      });
      expect((await as(app, bAdmin).post(url(B, '/nil-return')).expect(200)).body).toMatchObject({
        late: false,
      });
      const board = (await as(app, group.owner).get(`/api/v1/consultations/${round.id}`).expect(200)).body;
      const late = Object.fromEntries(
        board.addressees.map((a: { organisationId: string; late: boolean }) => [a.organisationId, a.late]),
      );
      expect([late[A], late[B], late[C]]).toEqual([true, false, false]);
    });
  });

  describe('live events', () => {
    it('consultation:<id> shows the board to the owner without statement content; organisation:<id> the drafts to its people', async () => {
      const round = await open(group.owner);
      const url = (org: string, tail = '') => `/api/v1/consultations/${round.id}/statements/${org}${tail}`;
      const owner = await socketOf(group.owner);
      const ownerAck = await subscribe(owner, `consultation:${round.id}`, 0);
      expect(ownerAck).toMatchObject({ ok: true, head: 1 });
      const missed = ownerAck.ok ? ownerAck.missed : [];
      expect(missed.map((e) => e.type)).toEqual(['consultation.opened']);

      const mara = await socketOf(aMember);
      const max = await socketOf(aMember2);
      expect(await subscribe(mara, `organisation:${A}`)).toMatchObject({ ok: true });
      expect(await subscribe(max, `organisation:${A}`)).toMatchObject({ ok: true });
      // Other organisations' streams are refused: B's people, and A's person who only asked to belong.
      const bob = await socketOf(bMember);
      expect(await subscribe(bob, `organisation:${A}`)).toMatchObject({ ok: false });
      const rita = await socketOf(aRequested);
      expect(await subscribe(rita, `organisation:${A}`)).toMatchObject({ ok: false });
      expect(await subscribe(rita, `consultation:${round.id}`)).toMatchObject({ ok: false });
      // The board is the owners': an addressee's people follow their round on their organisation's stream.
      expect(await subscribe(mara, `consultation:${round.id}`)).toMatchObject({ ok: false });
      const stranger = await socketOf(await givenUser(app));
      expect(await subscribe(stranger, `consultation:${round.id}`)).toMatchObject({ ok: false });

      // Two people of A draft together and see each other's saves live.
      const secret = 'Vertraulicher Entwurf: 40 fehlende Kursplätze';
      const v1 = (await as(app, aMember).put(url(A)).send({ general: secret }).expect(200)).body;
      await expectEventually(() => {
        const e = max.received.find((x) => x.type === 'statement.updated');
        expect(e?.data).toMatchObject({ statement: { general: secret, version: 1, updatedBy: aMember.id } });
      });
      await as(app, aMember2)
        .put(url(A))
        .send({ general: `${secret} (ergänzt)`, version: v1.version })
        .expect(200);
      await expectEventually(() => {
        const e = mara.received.filter((x) => x.type === 'statement.updated').pop();
        expect(e?.data).toMatchObject({
          statement: { general: `${secret} (ergänzt)`, version: 2, updatedBy: aMember2.id },
        });
      });

      await as(app, aDeputy).post(url(A, '/release')).expect(200);
      await as(app, bAdmin).post(url(B, '/nil-return')).expect(200);
      const cDeadline = inDays(20);
      await as(app, group.owner)
        .post(`/api/v1/consultations/${round.id}/addressees/${C}/extension`)
        .send({ deadline: cDeadline })
        .expect(200);
      await app.api
        .get(ConsultationsService)
        .closeIfDue(round.id, new Date(Date.parse(round.deadline) + 1000));

      const types = [
        'consultation.addressee_updated',
        'statement.released',
        'statement.nil_returned',
        'consultation.extended',
        'consultation.closed',
      ];
      await expectEventually(() => expect(owner.received.map((e) => e.type)).toEqual(types));
      const seqs = owner.received.map((e) => e.seq);
      expect(seqs).toEqual([2, 3, 4, 5, 6]);
      expect(owner.received[0].data).toMatchObject({ organisationId: A, status: 'drafting' });
      expect(owner.received[1].data).toMatchObject({ organisationId: A, status: 'released' });
      expect(owner.received[2].data).toMatchObject({ organisationId: B, status: 'nil_return' });
      expect(owner.received[3].data).toMatchObject({ organisationId: C, deadline: cDeadline });
      // The board carries statuses, never what an organisation wrote.
      const board = JSON.stringify([...missed, ...owner.received]);
      expect(board).not.toContain('Kursplätze');
      for (const e of owner.received) expect(Object.keys(e.data as object)).not.toContain('statement');
      // B's member saw nothing of A's drafting.
      expect(JSON.stringify(bob.received)).not.toContain('Kursplätze');
    });
  });
});
