import { as, givenGroup, PASSWORD, TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { givenDraft } from './draft-support';

describe('drafts and personal data', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  it('the export lists drafts started, comments, suggestions and edits; erasure keeps them as a deleted account', async () => {
    const me = group.people.member;
    const draft = await givenDraft(app, me, topicId, 'Mein Entwurf.', 'Meine Strategie');
    await as(app, me)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Mein Entwurf, überarbeitet.', baseVersion: 1 })
      .expect(200);
    const comment = await as(app, me)
      .post(`/api/v1/drafts/${draft.id}/comments`)
      .send({ body: 'Meine Anmerkung', anchor: { start: 0, end: 4 } })
      .expect(201);
    await as(app, me)
      .post(`/api/v1/drafts/${draft.id}/suggestions`)
      .send({ anchor: { start: 0, end: 4 }, replacement: 'Unser', rationale: 'gemeinsam' })
      .expect(201);

    const exported = await as(app, me).get('/api/v1/me/export').expect(200);
    expect(exported.body.drafts).toEqual({
      started: [{ id: draft.id, title: 'Meine Strategie', createdAt: expect.any(String) }],
      comments: [expect.objectContaining({ id: comment.body.id, body: 'Meine Anmerkung', quote: 'Mein' })],
      suggestions: [
        expect.objectContaining({ replacement: 'Unser', rationale: 'gemeinsam', status: 'open' }),
      ],
      edits: [{ draftId: draft.id, updates: 2, firstAt: expect.any(String), lastAt: expect.any(String) }],
    });

    await as(app, me).delete('/api/v1/me').send({ password: PASSWORD }).expect(204);
    const comments = await as(app, group.owner).get(`/api/v1/drafts/${draft.id}/comments`).expect(200);
    expect(comments.body.items[0]).toMatchObject({
      body: 'Meine Anmerkung',
      author: { id: me.id, displayName: null, deleted: true },
    });
    const draftNow = await as(app, group.owner).get(`/api/v1/drafts/${draft.id}`).expect(200);
    expect(draftNow.body.content).toBe('Mein Entwurf, überarbeitet.');
  });
});
