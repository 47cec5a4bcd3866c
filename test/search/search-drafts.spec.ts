import { as, givenGroup, givenUser } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('search over strategy drafts', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('finds a draft by its German text (stemmed), only for people who may read it', async () => {
    const group = await givenGroup(app);
    const topic = await givenTopic(app, group);
    const word = `Quartiersarbeit${Date.now().toString(36)}`;
    const draft = await as(app, group.owner)
      .post(`/api/v1/topics/${topic.id}/drafts`)
      .send({
        title: 'Strategie Teilhabe',
        content: `# Ziele\n\nWir stärken die ${word} und die Gemeinschaftsunterkünfte.`,
      })
      .expect(201);
    const res = await as(app, group.people.observer)
      .get(`/api/v1/search?q=Gemeinschaftsunterkunft ${word}&type=draft`)
      .expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        type: 'draft',
        id: draft.body.id,
        threadId: null,
        topicId: topic.id,
        groupId: group.id,
        title: 'Strategie Teilhabe',
      }),
    ]);
    expect(res.body.items[0].snippet).toContain('<mark>');
    const outsider = await givenUser(app);
    const none = await as(app, outsider).get(`/api/v1/search?q=${word}`).expect(200);
    expect(none.body.items).toEqual([]);
  });
});
