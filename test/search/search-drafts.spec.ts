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

  it('cuts snippets of drafts and posts from the text readers see: no Markdown syntax, matches still marked', async () => {
    const group = await givenGroup(app);
    const topic = await givenTopic(app, group);
    const word = `Wartezeit${Date.now().toString(36)}`;
    await as(app, group.owner)
      .post(`/api/v1/topics/${topic.id}/drafts`)
      .send({
        title: 'Eckpunkte Sprachkurse',
        content:
          `## Ziele\n\n- Die **${word}** auf einen Kurs sinkt unter _drei_ Monate ` +
          `([BAMF-Statistik](https://www.bamf.de/statistik "Quelle")).\n\n> Stand: \`2026\``,
      })
      .expect(201);
    await as(app, group.owner)
      .post(`/api/v1/topics/${topic.id}/threads`)
      .send({
        title: 'Kurse im Kreis',
        body: `### Frage\n\nWie lang ist die *${word}* bei [euch](https://x.example)?`,
      })
      .expect(201);
    const res = await as(app, group.people.member).get('/api/v1/search').query({ q: word }).expect(200);
    const byType = Object.fromEntries(
      (res.body.items as Array<{ type: string; snippet: string }>).map((hit) => [hit.type, hit.snippet]),
    );
    expect(byType.draft).toBe(
      `Ziele\n\nDie <mark>${word}</mark> auf einen Kurs sinkt unter drei Monate (BAMF-Statistik).\n\nStand: 2026`,
    );
    expect(byType.post).toBe(`Frage\n\nWie lang ist die <mark>${word}</mark> bei euch?`);
  });
});
