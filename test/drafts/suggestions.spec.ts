import { as, givenGroup, TestGroup } from '../support/factories';
import { eventsOf, givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { getDraft, givenDraft, syncOf } from './draft-support';

describe('suggestions and decisions', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  const text = 'Das Land prüft Sprachkurse. Die Kommunen beraten. Alle berichten.';
  const range = (needle: string, within = text) => ({
    start: within.indexOf(needle),
    end: within.indexOf(needle) + needle.length,
  });

  it('accepting applies the replacement as an edit and records the decision with discussion and revision', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, text);
    const suggested = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/suggestions`)
      .send({ anchor: range('prüft'), replacement: 'finanziert', rationale: 'Prüfen reicht nicht.' })
      .expect(201);
    expect(suggested.body).toMatchObject({
      status: 'open',
      replacement: 'finanziert',
      rationale: 'Prüfen reicht nicht.',
      anchor: { ...range('prüft'), detached: false, quote: 'prüft' },
      decision: null,
    });
    const discussion = await as(app, group.people.observer)
      .post(`/api/v1/drafts/${draft.id}/comments`)
      .send({ body: 'Gute Idee', suggestionId: suggested.body.id })
      .expect(403);
    expect(discussion.body.code).toBe('FORBIDDEN');
    const comment = await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/comments`)
      .send({ body: 'Einverstanden', suggestionId: suggested.body.id })
      .expect(201);
    // Someone edits elsewhere meanwhile: the suggestion still applies where it points.
    await as(app, group.people.owner)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: `Vorab. ${text}`, baseVersion: 1 })
      .expect(200);

    const live: Uint8Array[] = [];
    const off = syncOf(app).onUpdate((id, update) => id === draft.id && live.push(update));
    await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/suggestions/${suggested.body.id}/accept`)
      .expect(403);
    const accepted = await as(app, group.people.moderator)
      .post(`/api/v1/drafts/${draft.id}/suggestions/${suggested.body.id}/accept`)
      .expect(200);
    off();
    expect(live).toHaveLength(1);
    expect(accepted.body).toMatchObject({
      id: suggested.body.id,
      status: 'accepted',
      decision: {
        suggestionId: suggested.body.id,
        outcome: 'accepted',
        reason: null,
        decidedBy: group.people.moderator.id,
        revisionId: expect.any(String),
        discussionCommentIds: [comment.body.id],
      },
      draft: {
        content: 'Vorab. Das Land finanziert Sprachkurse. Die Kommunen beraten. Alle berichten.',
        version: 3,
      },
    });
    const revision = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${draft.id}/revisions/${accepted.body.decision.revisionId}`)
      .expect(200);
    expect(revision.body).toMatchObject({
      kind: 'suggestion',
      version: 3,
      content: accepted.body.draft.content,
    });
    await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/suggestions/${suggested.body.id}/accept`)
      .expect(409);
    await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/suggestions/${suggested.body.id}/reject`)
      .send({ reason: 'doch nicht' })
      .expect(409);

    const events = await eventsOf(app, `draft:${draft.id}`);
    expect(events.map((e) => e.type)).toEqual([
      'draft.suggestion_added',
      'draft.comment_added',
      'draft.revision_created',
      'draft.suggestion_accepted',
    ]);
    expect(events[3].data).toMatchObject({ version: 3, decision: { outcome: 'accepted' } });
  });

  it('rejecting records the reason and leaves the text alone', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, text);
    const suggested = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/suggestions`)
      .send({ anchor: range('Die Kommunen beraten.'), replacement: '', rationale: 'Streichen.' })
      .expect(201);
    await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/suggestions/${suggested.body.id}/reject`)
      .send({})
      .expect(400);
    const rejected = await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/suggestions/${suggested.body.id}/reject`)
      .send({ reason: 'Beratung bleibt Aufgabe der Kommunen.' })
      .expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decision: { outcome: 'rejected', reason: 'Beratung bleibt Aufgabe der Kommunen.', revisionId: null },
    });
    expect(await getDraft(app, group.people.member, draft.id)).toMatchObject({ content: text, version: 1 });
    const list = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${draft.id}/suggestions`)
      .expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: suggested.body.id,
        status: 'rejected',
        decision: expect.objectContaining({ outcome: 'rejected' }),
      }),
    ]);
    expect((await eventsOf(app, `draft:${draft.id}`)).at(-1)).toMatchObject({
      type: 'draft.suggestion_rejected',
      data: { decision: { reason: 'Beratung bleibt Aufgabe der Kommunen.' } },
    });
  });

  it('a suggestion whose passage changed or vanished is not applied blindly (409)', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, text);
    const changed = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/suggestions`)
      .send({
        anchor: range('Die Kommunen beraten.'),
        replacement: 'Die Kommunen helfen.',
        rationale: 'klarer',
      })
      .expect(201);
    const vanished = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/suggestions`)
      .send({ anchor: range('Alle berichten.'), replacement: 'Alle berichten jährlich.', rationale: 'Takt' })
      .expect(201);
    await as(app, group.people.owner)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Das Land prüft Sprachkurse. Die Kommunen beraten gern', baseVersion: 1 })
      .expect(200);
    const res = await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/suggestions/${changed.body.id}/accept`)
      .expect(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT', details: [{ quote: 'Die Kommunen beraten.' }] });
    await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/suggestions/${vanished.body.id}/accept`)
      .expect(409);
    const list = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${draft.id}/suggestions`)
      .expect(200);
    expect(
      list.body.items.map((s: { status: string; anchor: { detached: boolean } }) => [
        s.status,
        s.anchor.detached,
      ]),
    ).toEqual([
      ['open', false],
      ['open', true],
    ]);
    expect((await getDraft(app, group.people.member, draft.id)).version).toBe(2);
  });
});
