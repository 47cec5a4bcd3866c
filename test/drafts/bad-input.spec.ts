import { docText } from '../support/doc-text';
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { DraftDocStore } from '@runde/drafts';
import { as, givenGroup, TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { callerOf, failureOf, getDraft, givenDraft, syncOf, TestDraft } from './draft-support';

describe('drafts: bad input never touches the document', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  let draft: TestDraft;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
    draft = await givenDraft(app, group.people.member, topicId, 'Unverändert.');
  });
  afterAll(() => app.close());

  async function expectUntouched(): Promise<void> {
    expect(await getDraft(app, group.people.member, draft.id)).toMatchObject({
      content: 'Unverändert.',
      version: 1,
    });
    const { update } = await syncOf(app).syncStep(callerOf(group.people.member), draft.id);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    expect(docText(doc).toString()).toBe('Unverändert.');
  }

  const updateOf = (edit: (doc: Y.Doc) => void): Uint8Array => {
    const doc = new Y.Doc();
    edit(doc);
    return Y.encodeStateAsUpdate(doc);
  };

  it.each([
    ['larger than 1 MB', () => updateOf((d) => docText(d).insert(0, 'x'.repeat(1024 * 1024 + 10)))],
    ['garbage bytes', () => Uint8Array.from({ length: 200 }, (_, i) => (i * 73 + 41) % 256)],
    ['truncated', () => updateOf((d) => docText(d).insert(0, 'Hallo Welt')).slice(0, 9)],
    ['empty', () => new Uint8Array(0)],
    ['not binary', () => 'hallo' as unknown as Uint8Array],
    ['another root type', () => updateOf((d) => d.getMap('meta').set('x', 1))],
    ['an embedded object', () => updateOf((d) => docText(d).type().insertEmbed(0, { image: 'x' }))],
    [
      'the Markdown text of before the rich-text model',
      () => updateOf((d) => d.getText('content').insert(0, 'x')),
    ],
  ])('an update that is %s is 400 VALIDATION_FAILED', async (_what, make) => {
    const seen: string[] = [];
    const off = syncOf(app).onUpdate((id) => seen.push(id));
    expect(await failureOf(syncOf(app).applyUpdate(callerOf(group.people.member), draft.id, make()))).toEqual(
      {
        status: 400,
        code: 'VALIDATION_FAILED',
      },
    );
    off();
    expect(seen).toEqual([]);
    await expectUntouched();
  });

  it('a malformed state vector is 400; unknown drafts are 404 for sync', async () => {
    const sync = syncOf(app);
    const member = callerOf(group.people.member);
    expect(await failureOf(sync.syncStep(member, draft.id, new Uint8Array([0xff, 0xff, 0xff])))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(await failureOf(sync.syncStep(member, randomUUID()))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(
      await failureOf(
        sync.applyUpdate(
          member,
          randomUUID(),
          updateOf(() => undefined),
        ),
      ),
    ).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('REST: malformed ids, unknown ids, bad bodies', async () => {
    const m = as(app, group.people.member);
    const d = `/api/v1/drafts/${draft.id}`;
    const checks: Array<[Promise<{ status: number; body: { code: string } }>, number, string]> = [
      [m.get('/api/v1/drafts/not-a-uuid'), 400, 'VALIDATION_FAILED'],
      [m.get(`/api/v1/drafts/${randomUUID()}`), 404, 'NOT_FOUND'],
      [m.post(`/api/v1/topics/${randomUUID()}/drafts`).send({ title: 'x' }), 404, 'NOT_FOUND'],
      [m.post(`/api/v1/topics/${topicId}/drafts`).send({ title: '   ' }), 400, 'VALIDATION_FAILED'],
      [m.post(`/api/v1/topics/${topicId}/drafts`).send({ title: 'x', extra: 1 }), 400, 'VALIDATION_FAILED'],
      [m.put(`${d}/content`).send({ content: 'x' }), 400, 'VALIDATION_FAILED'],
      [m.put(`${d}/content`).send({ content: 'x', baseVersion: -1 }), 400, 'VALIDATION_FAILED'],
      [m.put(`${d}/content`).send({ content: 'x', baseVersion: 1.5 }), 400, 'VALIDATION_FAILED'],
      [m.put(`${d}/content`).send({ content: 'x', baseVersion: 99 }), 400, 'VALIDATION_FAILED'],
      [
        m.put(`${d}/content`).send({ content: 'x'.repeat(400_001), baseVersion: 1 }),
        400,
        'VALIDATION_FAILED',
      ],
      [m.put(`${d}/content`).send({ content: 42, baseVersion: 1 }), 400, 'VALIDATION_FAILED'],
      [m.post(`${d}/comments`).send({ body: 'x', anchor: { start: 3, end: 3 } }), 400, 'VALIDATION_FAILED'],
      [m.post(`${d}/comments`).send({ body: 'x', anchor: { start: 0, end: 500 } }), 400, 'VALIDATION_FAILED'],
      [
        m.post(`${d}/comments`).send({ body: 'x', anchor: { start: 0, end: 3, version: 7 } }),
        400,
        'VALIDATION_FAILED',
      ],
      [m.post(`${d}/comments`).send({ body: '' }), 400, 'VALIDATION_FAILED'],
      [m.post(`${d}/comments`).send({ body: ' \n ' }), 400, 'VALIDATION_FAILED'],
      [m.post(`${d}/comments`).send({ body: 'x', suggestionId: randomUUID() }), 404, 'NOT_FOUND'],
      [m.post(`${d}/comments/${randomUUID()}/replies`).send({ body: 'x' }), 404, 'NOT_FOUND'],
      [m.post(`${d}/comments/${randomUUID()}/resolve`), 404, 'NOT_FOUND'],
      [m.post(`${d}/suggestions`).send({ replacement: 'x', rationale: 'y' }), 400, 'VALIDATION_FAILED'],
      [m.post(`${d}/revisions`).send({}), 400, 'VALIDATION_FAILED'],
      [m.get(`${d}/revisions/${randomUUID()}`), 404, 'NOT_FOUND'],
      [m.get(`${d}/revisions/nope`), 400, 'VALIDATION_FAILED'],
      [m.post(`${d}/revisions/${randomUUID()}/restore`), 404, 'NOT_FOUND'],
      [m.get(`${d}/diff?from=${randomUUID()}`), 404, 'NOT_FOUND'],
      [m.get(`${d}/diff`), 400, 'VALIDATION_FAILED'],
      [m.get(`${d}/diff?from=nope`), 400, 'VALIDATION_FAILED'],
      [m.get(`${d}/export?format=rtf`), 400, 'VALIDATION_FAILED'],
      [m.get(`${d}/export?revision=${randomUUID()}`), 404, 'NOT_FOUND'],
      [as(app, group.owner).post(`${d}/suggestions/${randomUUID()}/accept`), 404, 'NOT_FOUND'],
      [as(app, group.owner).post(`${d}/status`).send({ status: 'draft' }), 409, 'CONFLICT'],
      [
        as(app, group.owner).post(`${d}/status`).send({ status: 'revision', deadline: 'morgen' }),
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [request, status, code] of checks) {
      const res = await request;
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    }
    await expectUntouched();
  });

  it('revisions of another draft do not exist here (diff, restore, export)', async () => {
    const other = await givenDraft(app, group.people.member, topicId, 'Anderer Entwurf.');
    const foreign = await as(app, group.people.member)
      .post(`/api/v1/drafts/${other.id}/revisions`)
      .send({ label: 'fremd' })
      .expect(201);
    const own = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/revisions`)
      .send({ label: 'eigen' })
      .expect(201);
    const d = `/api/v1/drafts/${draft.id}`;
    const m = as(app, group.people.member);
    for (const res of [
      await m.get(`${d}/diff?from=${own.body.id}&to=${foreign.body.id}`),
      await m.get(`${d}/diff?from=${foreign.body.id}&to=${own.body.id}`),
      await m.get(`${d}/revisions/${foreign.body.id}`),
      await m.post(`${d}/revisions/${foreign.body.id}/restore`),
      await m.get(`${d}/export?revision=${foreign.body.id}`),
    ]) {
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: 'Revision not found' });
    }
    await expectUntouched();
  });

  it('a document whose log fails to load is never served or replaced as empty', async () => {
    const broken = await givenDraft(app, group.people.member, topicId, 'Wichtiger Text.');
    await as(app, group.people.member)
      .put(`/api/v1/drafts/${broken.id}/content`)
      .send({ content: 'Wichtiger Text, ergänzt.', baseVersion: 1 })
      .expect(200);
    const [original] = await app.dataSource.query(
      `SELECT update FROM draft_updates WHERE draft_id = $1 AND version = 1`,
      [broken.id],
    );
    await app.dataSource.query(`UPDATE draft_updates SET update = $2 WHERE draft_id = $1 AND version = 1`, [
      broken.id,
      Buffer.from([0x01, 0x05, 0xff]),
    ]);
    app.api.get(DraftDocStore).evict(broken.id); // as after a restart
    const member = callerOf(group.people.member);
    const edit = new Y.Doc();
    docText(edit).insert(0, 'Leer? ');
    for (const attempt of [
      syncOf(app).syncStep(member, broken.id),
      syncOf(app).applyUpdate(member, broken.id, Y.encodeStateAsUpdate(edit)),
    ]) {
      expect(await failureOf(attempt)).toEqual({ status: 500, code: 'INTERNAL_ERROR' });
    }
    const put = await as(app, group.people.member)
      .put(`/api/v1/drafts/${broken.id}/content`)
      .send({ content: '', baseVersion: 2 })
      .expect(500);
    expect(put.body.message).toMatch(/could not be loaded; nothing was changed/);
    expect(await getDraft(app, group.people.member, broken.id)).toMatchObject({
      content: 'Wichtiger Text, ergänzt.',
      version: 2,
    });
    const [{ count }] = await app.dataSource.query(
      `SELECT count(*)::int AS count FROM draft_updates WHERE draft_id = $1`,
      [broken.id],
    );
    expect(count).toBe(2);
    // Repaired, it loads again with everything in it.
    await app.dataSource.query(`UPDATE draft_updates SET update = $2 WHERE draft_id = $1 AND version = 1`, [
      broken.id,
      original.update,
    ]);
    const { update } = await syncOf(app).syncStep(member, broken.id);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    expect(docText(doc).toString()).toBe('Wichtiger Text, ergänzt.');
  });
});
