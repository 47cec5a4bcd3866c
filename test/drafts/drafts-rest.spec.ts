import { docText } from '../support/doc-text';
import * as Y from 'yjs';
import { as, givenGroup, TestGroup } from '../support/factories';
import { eventsOf, givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { callerOf, getDraft, givenDraft, SimEditor, syncOf } from './draft-support';

describe('drafts over REST', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  it('creates a draft (201) with draft.created on the topic stream, and reads it back', async () => {
    const res = await as(app, group.people.member)
      .post(`/api/v1/topics/${topicId}/drafts`)
      .send({ title: '  Integrationsstrategie 2027 ', content: '# Ziele\n\nSprache für alle.' })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      topicId,
      groupId: group.id,
      title: 'Integrationsstrategie 2027',
      status: 'draft',
      content: '# Ziele\n\nSprache für alle.',
      version: 1,
      consultationDeadline: null,
      createdBy: group.people.member.id,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      editMode: 'edit',
    });
    expect(await getDraft(app, group.people.observer, res.body.id)).toMatchObject({
      content: '# Ziele\n\nSprache für alle.',
      version: 1,
      editMode: 'read',
    });
    expect((await eventsOf(app, `topic:${topicId}`)).at(-1)).toMatchObject({
      type: 'draft.created',
      actorId: group.people.member.id,
      data: { draft: { id: res.body.id, title: 'Integrationsstrategie 2027', status: 'draft', version: 1 } },
    });
    const empty = await as(app, group.people.member)
      .post(`/api/v1/topics/${topicId}/drafts`)
      .send({ title: 'Leer' })
      .expect(201);
    expect(empty.body).toMatchObject({ content: '', version: 0 });
    const list = await as(app, group.people.observer)
      .get(`/api/v1/topics/${topicId}/drafts?limit=1`)
      .expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: empty.body.id })]);
    expect(list.body.items[0].content).toBeUndefined();
    const next = await as(app, group.people.observer)
      .get(`/api/v1/topics/${topicId}/drafts?limit=1&cursor=${list.body.nextCursor}`)
      .expect(200);
    expect(next.body.items).toEqual([expect.objectContaining({ id: res.body.id })]);
  });

  it('PUT with the current baseVersion replaces the text; the version increases on each change only', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Alt.');
    const res = await as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Neu.', baseVersion: 1 })
      .expect(200);
    expect(res.body).toMatchObject({ id: draft.id, content: 'Neu.', version: 2 });
    const same = await as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Neu.', baseVersion: 2 })
      .expect(200);
    expect(same.body.version).toBe(2);
  });

  it('PUT with a stale baseVersion merges with a concurrent live edit; the live editor sees the REST edit', async () => {
    const base = 'Die Kommunen fördern Sprachkurse. Das Land finanziert Beratung. Alle berichten jährlich.';
    const draft = await givenDraft(app, group.people.member, topicId, base);
    const sync = syncOf(app);
    const live = new SimEditor(sync, callerOf(group.people.moderator), draft.id);
    await live.connect();
    const seenByGateway: Array<{ update: Uint8Array; origin: string | null }> = [];
    const off = sync.onUpdate((draftId, update, origin) => {
      if (draftId === draft.id) seenByGateway.push({ update, origin });
    });
    try {
      // The live editor changes the first sentence after the REST client loaded version 1 …
      live.text.insert(base.indexOf('Sprachkurse'), 'kostenlose ');
      expect(await live.flush()).toBe(2);
      // … the REST client, still on version 1, changes the last sentence.
      const res = await as(app, group.people.member)
        .put(`/api/v1/drafts/${draft.id}/content`)
        .send({ content: base.replace('jährlich', 'halbjährlich'), baseVersion: 1 })
        .expect(200);
      const merged =
        'Die Kommunen fördern kostenlose Sprachkurse. Das Land finanziert Beratung. Alle berichten halbjährlich.';
      expect(res.body).toMatchObject({ content: merged, version: 3 });
      // The gateway hook saw both: the live update and the REST edit, which the live editor applies.
      expect(seenByGateway.map((s) => s.origin)).toEqual([group.people.moderator.id, group.people.member.id]);
      live.receive(seenByGateway[1].update);
      expect(live.toString()).toBe(merged);
    } finally {
      off();
    }
  });

  it('PUT that overlaps text changed since its base is 409 CONFLICT with the current draft in details', async () => {
    const base = 'Erster Satz. Zweiter Satz.';
    const draft = await givenDraft(app, group.people.member, topicId, base);
    await as(app, group.people.owner)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Erster Satz. Anderer Satz.', baseVersion: 1 })
      .expect(200);
    const res = await as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Erster Satz. Mein Satz.', baseVersion: 1 })
      .expect(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      code: 'CONFLICT',
      message: expect.stringMatching(/overlaps/),
      details: [expect.objectContaining({ id: draft.id, content: 'Erster Satz. Anderer Satz.', version: 2 })],
    });
    expect((await getDraft(app, group.people.member, draft.id)).version).toBe(2);
    // The same change made on both sides is not a conflict, and not doubled.
    const again = await as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Erster Satz. Anderer Satz.', baseVersion: 1 })
      .expect(200);
    expect(again.body).toMatchObject({ content: 'Erster Satz. Anderer Satz.', version: 2 });
  });

  it('sections come from the headings of the current text', async () => {
    const draft = await givenDraft(
      app,
      group.people.member,
      topicId,
      '# Ziele\nA\n## Sprache\nB\n# Umsetzung\nC',
    );
    // The text reads back as Markdown normalised by the document: blocks apart by a blank line.
    expect(draft.content).toBe('# Ziele\n\nA\n\n## Sprache\n\nB\n\n# Umsetzung\n\nC');
    const res = await as(app, group.people.observer).get(`/api/v1/drafts/${draft.id}/sections`).expect(200);
    expect(res.body).toEqual({
      version: 1,
      items: [
        { index: 0, level: 1, title: 'Ziele', start: 0, end: 27 },
        { index: 1, level: 2, title: 'Sprache', start: 12, end: 27 },
        { index: 2, level: 1, title: 'Umsetzung', start: 27, end: 41 },
      ],
    });
  });

  it('the text a REST client reads equals the live document', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Start');
    const { update, version } = await syncOf(app).syncStep(callerOf(group.people.observer), draft.id);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    expect({ text: docText(doc).toString(), version }).toEqual({ text: 'Start', version: 1 });
  });
});
