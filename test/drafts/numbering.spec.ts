import { as, givenGroup, givenUser, TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { getDraft, givenDraft } from './draft-support';

interface Block {
  id: string;
  rn: string | null;
  type: string;
  start: number;
  end: number;
  text: string;
}

/** Randnummern: every block has a stable id and number; edits above a paragraph do not change its number. */
describe('drafts: Randnummern', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  const blocks = async (draftId: string) =>
    (await as(app, group.people.observer).get(`/api/v1/drafts/${draftId}/blocks`).expect(200)).body as {
      version: number;
      items: Block[];
    };

  it('keeps the numbers of untouched paragraphs when text is added above them; renumbering counts again', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, '# Ziele\n\nEins.\n\nZwei.\n\nDrei.');
    const first = await blocks(draft.id);
    expect(first.items.map((b) => [b.type, b.rn, b.text])).toEqual([
      ['heading', null, 'Ziele'],
      ['paragraph', '1', 'Eins.'],
      ['paragraph', '2', 'Zwei.'],
      ['paragraph', '3', 'Drei.'],
    ]);
    expect(new Set(first.items.map((b) => b.id)).size).toBe(4);
    const current = await getDraft(app, group.people.member, draft.id);
    for (const b of first.items) expect(current.content.slice(b.start, b.end)).toBe(b.text);

    // A paragraph added above "Zwei." and one edited above it: Zwei and Drei keep their numbers and ids.
    await as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: '# Ziele\n\nEins, geändert.\n\nNeu.\n\nZwei.\n\nDrei.', baseVersion: current.version })
      .expect(200);
    const second = await blocks(draft.id);
    expect(second.items.map((b) => b.rn)).toEqual([null, '1', '1a', '2', '3']);
    expect(second.items[1].id).toBe(first.items[1].id);
    expect(second.items[3].id).toBe(first.items[2].id);
    expect(second.items[4].id).toBe(first.items[3].id);

    await as(app, group.people.member).post(`/api/v1/drafts/${draft.id}/renumber`).expect(403);
    await as(app, group.people.moderator).post(`/api/v1/drafts/${draft.id}/renumber`).expect(200);
    const third = await blocks(draft.id);
    expect(third.items.map((b) => b.rn)).toEqual([null, '1', '2', '3', '4']);
    expect(third.items.map((b) => b.id)).toEqual(second.items.map((b) => b.id));
  });

  it('refuses bad ids, no token and other groups’ drafts', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Text.');
    const outsider = await givenUser(app);
    await as(app, outsider).get(`/api/v1/drafts/${draft.id}/blocks`).expect(404);
    await as(app, outsider).post(`/api/v1/drafts/${draft.id}/renumber`).expect(404);
    const bad = await as(app, group.people.owner).get(`/api/v1/drafts/not-a-uuid/blocks`).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    await as(app).get(`/api/v1/drafts/${draft.id}/blocks`).expect(401);
  });
});
