import { randomUUID } from 'node:crypto';
import { as, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { givenDraft, TestDraft } from './draft-support';

const LONG =
  'Die Landkreise stärken die Beratung für Zugewanderte, indem sie mobile Teams einsetzen, die regelmäßig in ' +
  'die Gemeinden fahren und dort Sprechstunden anbieten. Dabei arbeiten sie mit den Integrationsbeauftragten, ' +
  'den Jobcentern und den Migrationsberatungen zusammen, damit niemand von einer Stelle zur nächsten geschickt ' +
  'wird und Übergänge gelingen.';

describe('drafts: word-level diff between revisions', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  const put = async (draft: TestDraft, content: string, baseVersion: number) =>
    as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content, baseVersion })
      .expect(200);
  const save = async (draftId: string, label: string): Promise<string> =>
    (
      await as(app, group.people.member)
        .post(`/api/v1/drafts/${draftId}/revisions`)
        .send({ label })
        .expect(201)
    ).body.id;
  const diff = (draftId: string, query: string, who: TestUser = group.people.observer) =>
    as(app, who).get(`/api/v1/drafts/${draftId}/diff?${query}`);

  it('one word changed in a long paragraph: that word deleted and inserted, the rest of it equal', async () => {
    const text = `# Beratung\n\n${LONG}\n\nSchluss.`;
    const draft = await givenDraft(app, group.people.member, topicId, text);
    const first = await save(draft.id, 'A');
    await put(draft, text.replace('regelmäßig', 'wöchentlich'), 1);
    const second = await save(draft.id, 'B');

    const res = await diff(draft.id, `from=${first}&to=${second}`).expect(200);
    const at = LONG.indexOf('regelmäßig');
    expect(res.body.paragraphs).toEqual([
      { op: 'equal', fromIndex: 0, toIndex: 0, text: '# Beratung', fromRn: null, toRn: null },
      {
        op: 'change',
        fromIndex: 1,
        toIndex: 1,
        fromRn: '1',
        toRn: '1',
        text: LONG.replace('regelmäßig', 'wöchentlich'),
        parts: [
          { op: 'equal', text: LONG.slice(0, at) },
          { op: 'delete', text: 'regelmäßig' },
          { op: 'insert', text: 'wöchentlich' },
          { op: 'equal', text: LONG.slice(at + 'regelmäßig'.length) },
        ],
      },
      { op: 'equal', fromIndex: 2, toIndex: 2, text: 'Schluss.', fromRn: '2', toRn: '2' },
    ]);
    expect(res.body.summary).toEqual({ unchanged: 2, changed: 1, inserted: 0, deleted: 0 });
    // What the diff answered before stays: paragraph operations, counts and the unified text.
    expect(res.body.ops.map((o: { op: string }) => o.op)).toEqual(['equal', 'delete', 'insert', 'equal']);
    expect(res.body.stats).toEqual({ equal: 2, deleted: 1, inserted: 1 });
    expect(res.body.unified).toContain('+Die Landkreise');
    expect(res.body).toMatchObject({ from: { id: first }, to: { id: second }, toVersion: 2 });
  });

  it('inserted and deleted paragraphs, and a revision against the current text', async () => {
    const draft = await givenDraft(
      app,
      group.people.member,
      topicId,
      'Erstens Sprache.\n\nZweitens Arbeit.\n\nDrittens Wohnen.',
    );
    const first = await save(draft.id, 'A');
    await put(draft, 'Erstens Sprache.\n\n## Neu: Gesundheit\n\nDrittens Wohnen.\n\nViertens Teilhabe.', 1);

    const res = await diff(draft.id, `from=${first}`).expect(200);
    expect(res.body.paragraphs).toEqual([
      { op: 'equal', fromIndex: 0, toIndex: 0, text: 'Erstens Sprache.', fromRn: '1', toRn: '1' },
      { op: 'delete', fromIndex: 1, toIndex: null, text: 'Zweitens Arbeit.', fromRn: '2', toRn: null },
      { op: 'insert', fromIndex: null, toIndex: 1, text: '## Neu: Gesundheit', fromRn: null, toRn: null },
      { op: 'equal', fromIndex: 2, toIndex: 2, text: 'Drittens Wohnen.', fromRn: '3', toRn: '3' },
      // A paragraph added at the end gets the next number.
      { op: 'insert', fromIndex: null, toIndex: 3, text: 'Viertens Teilhabe.', fromRn: null, toRn: '4' },
    ]);
    expect(res.body.summary).toEqual({ unchanged: 2, changed: 0, inserted: 2, deleted: 1 });
    expect(res.body).toMatchObject({ to: null, toVersion: 2 });
  });

  it('names each paragraph by its Randnummer: an edited one keeps its number below an inserted "2a"', async () => {
    const text = (between: string, long: string) =>
      `## Ziele\n\nErstens Sprache.\n\nZweitens Arbeit.${between}\n\n${long}\n\n- Punkt A\n- Punkt B`;
    const draft = await givenDraft(app, group.people.member, topicId, text('', LONG));
    const first = await save(draft.id, 'A');
    // A paragraph put between Rn. 2 and Rn. 3, then a word changed in Rn. 3 (two writes, as an editor makes them).
    await put(draft, text('\n\nNeu: Gesundheit.', LONG), 1);
    await put(draft, text('\n\nNeu: Gesundheit.', LONG.replace('regelmäßig', 'wöchentlich')), 2);
    const second = await save(draft.id, 'B');
    const revision = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${draft.id}/revisions/${second}`)
      .expect(200);
    expect(revision.body.blocks.map((b: { type: string; rn: string | null }) => [b.type, b.rn])).toEqual([
      ['heading', null],
      ['paragraph', '1'],
      ['paragraph', '2'],
      ['paragraph', '2a'],
      ['paragraph', '3'],
      ['bullet_list', '4'],
    ]);

    for (const query of [`from=${first}&to=${second}`, `from=${first}`]) {
      const res = await diff(draft.id, query).expect(200);
      const at = LONG.indexOf('regelmäßig');
      expect(res.body.paragraphs).toEqual([
        { op: 'equal', fromIndex: 0, toIndex: 0, text: '## Ziele', fromRn: null, toRn: null },
        { op: 'equal', fromIndex: 1, toIndex: 1, text: 'Erstens Sprache.', fromRn: '1', toRn: '1' },
        { op: 'equal', fromIndex: 2, toIndex: 2, text: 'Zweitens Arbeit.', fromRn: '2', toRn: '2' },
        { op: 'insert', fromIndex: null, toIndex: 3, text: 'Neu: Gesundheit.', fromRn: null, toRn: '2a' },
        {
          op: 'change',
          fromIndex: 3,
          toIndex: 4,
          text: LONG.replace('regelmäßig', 'wöchentlich'),
          // The word is marked, not the paragraph; the paragraph keeps its number.
          parts: [
            { op: 'equal', text: LONG.slice(0, at) },
            { op: 'delete', text: 'regelmäßig' },
            { op: 'insert', text: 'wöchentlich' },
            { op: 'equal', text: LONG.slice(at + 'regelmäßig'.length) },
          ],
          fromRn: '3',
          toRn: '3',
        },
        { op: 'equal', fromIndex: 4, toIndex: 5, text: '- Punkt A\n- Punkt B', fromRn: '4', toRn: '4' },
      ]);
    }
  });

  it('identical revisions: no changes', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Eins.\n\nZwei.');
    const first = await save(draft.id, 'A');
    const second = await save(draft.id, 'B');
    for (const query of [`from=${first}&to=${second}`, `from=${first}&to=${first}`, `from=${second}`]) {
      const res = await diff(draft.id, query).expect(200);
      expect(res.body.summary).toEqual({ unchanged: 2, changed: 0, inserted: 0, deleted: 0 });
      expect(res.body.paragraphs.map((p: { op: string }) => p.op)).toEqual(['equal', 'equal']);
      expect(res.body.stats).toEqual({ equal: 2, deleted: 0, inserted: 0 });
    }
  });

  it('bad input and no access are 4xx with the contract body', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Eigener Text.');
    const own = await save(draft.id, 'eigen');
    const other = await givenDraft(app, group.people.member, topicId, 'Anderer Text.');
    const foreign = await save(other.id, 'fremd');
    const outsider = await givenUser(app);
    const d = `/api/v1/drafts/${draft.id}`;
    const m = as(app, group.people.member);
    const checks: Array<[Promise<{ status: number; body: Record<string, unknown> }>, number, string]> = [
      [m.get(`${d}/diff?from=${randomUUID()}`), 404, 'NOT_FOUND'],
      [m.get(`${d}/diff?from=${own}&to=${randomUUID()}`), 404, 'NOT_FOUND'],
      [m.get(`${d}/diff?from=${own}&to=${foreign}`), 404, 'NOT_FOUND'],
      [m.get(`${d}/diff?from=${foreign}`), 404, 'NOT_FOUND'],
      [m.get(`${d}/diff`), 400, 'VALIDATION_FAILED'],
      [m.get(`${d}/diff?from=nope`), 400, 'VALIDATION_FAILED'],
      [m.get(`${d}/diff?from=${own}&to=nope`), 400, 'VALIDATION_FAILED'],
      [m.get(`${d}/diff?from=${own}&unknown=1`), 400, 'VALIDATION_FAILED'],
      [m.get(`/api/v1/drafts/nope/diff?from=${own}`), 400, 'VALIDATION_FAILED'],
      [m.get(`/api/v1/drafts/${randomUUID()}/diff?from=${own}`), 404, 'NOT_FOUND'],
      [as(app, outsider).get(`${d}/diff?from=${own}`), 404, 'NOT_FOUND'],
      [as(app).get(`${d}/diff?from=${own}`), 401, 'UNAUTHORIZED'],
    ];
    for (const [request, status, code] of checks) {
      const res = await request;
      expect({ status: res.status, body: res.body }).toEqual({
        status,
        body: expect.objectContaining({ statusCode: status, code, message: expect.any(String) }),
      });
      expect(res.body).not.toHaveProperty('paragraphs');
    }
  });
});
