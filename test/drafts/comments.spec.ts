import { as, givenGroup, TestGroup } from '../support/factories';
import { eventsOf, givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { callerOf, getDraft, givenDraft, SimEditor, syncOf } from './draft-support';

describe('comments anchored to the text', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  const sentence = 'Die Kommunen fördern Sprachkurse für alle.';
  const text = `# Bildung\n\nEinleitung. ${sentence} Schluss.`;

  async function comments(draftId: string) {
    return (await as(app, group.people.observer).get(`/api/v1/drafts/${draftId}/comments`).expect(200)).body
      .items as Array<{
      id: string;
      body: string;
      section: string | null;
      anchor: { start: number; end: number; detached: boolean; quote: string } | null;
      replies: Array<{ body: string }>;
      resolved: boolean;
    }>;
  }

  it('stays on its sentence through edits before, inside and around it; detaches when it is deleted', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, text);
    const start = text.indexOf(sentence);
    const created = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/comments`)
      .send({ body: 'Wer bezahlt das?', anchor: { start, end: start + sentence.length } })
      .expect(201);
    expect(created.body).toMatchObject({
      body: 'Wer bezahlt das?',
      authorId: group.people.member.id,
      parentId: null,
      resolved: false,
      anchor: { start, end: start + sentence.length, detached: false, quote: sentence },
    });

    const editor = new SimEditor(syncOf(app), callerOf(group.people.moderator), draft.id);
    await editor.connect();
    const at = (needle: string) => editor.toString().indexOf(needle);
    editor.text.insert(at('Einleitung'), 'Ganz neu: '); // before
    editor.text.insert(at('Sprachkurse'), 'kostenlose '); // inside
    editor.text.insert(at('Die Kommunen'), '»'); // right at the start: stays outside
    editor.text.insert(at(' Schluss'), '«'); // right after the end: stays outside
    await editor.flush();
    // and a REST edit inside, from a stale base
    await as(app, group.people.owner)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: text.replace('für alle', 'für wirklich alle'), baseVersion: 1 })
      .expect(200);

    const current = (await getDraft(app, group.people.member, draft.id)).content;
    const [comment] = await comments(draft.id);
    const moved = 'Die Kommunen fördern kostenlose Sprachkurse für wirklich alle.';
    expect(current).toBe(`# Bildung\n\nGanz neu: Einleitung. »${moved}« Schluss.`);
    expect(current.slice(comment.anchor!.start, comment.anchor!.end)).toBe(moved);
    expect(comment).toMatchObject({ section: 'Bildung', anchor: { detached: false, quote: sentence } });

    // The sentence goes away: the comment stays, detached, with its quote.
    const now = await getDraft(app, group.people.member, draft.id);
    await as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: now.content.replace(`»${moved}«`, ''), baseVersion: now.version })
      .expect(200);
    const [detached] = await comments(draft.id);
    expect(detached).toMatchObject({
      id: created.body.id,
      body: 'Wer bezahlt das?',
      section: null,
      anchor: { detached: true, quote: sentence },
    });
    expect(detached.anchor!.start).toBe(detached.anchor!.end);
  });

  it('anchors offsets of an earlier version onto the same text today', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, text);
    await as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: `Vorwort.\n\n${text}`, baseVersion: 1 })
      .expect(200);
    const start = text.indexOf(sentence); // offsets in version 1
    const res = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/comments`)
      .send({ body: 'Alt', anchor: { start, end: start + sentence.length, version: 1 } })
      .expect(201);
    const current = (await getDraft(app, group.people.member, draft.id)).content;
    expect(current.slice(res.body.anchor.start, res.body.anchor.end)).toBe(sentence);
  });

  it('replies join the thread; the author or a moderator resolves it; events on draft:<id>', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, text);
    const root = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/comments`)
      .send({ body: 'Allgemeine Frage' })
      .expect(201);
    expect(root.body.anchor).toBeNull();
    const reply = await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/comments/${root.body.id}/replies`)
      .send({ body: 'Antwort' })
      .expect(201);
    expect(reply.body).toMatchObject({ parentId: root.body.id, body: 'Antwort' });
    // a reply to a reply lands in the same thread
    const nested = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/comments/${reply.body.id}/replies`)
      .send({ body: 'Danke' })
      .expect(201);
    expect(nested.body.parentId).toBe(root.body.id);
    await as(app, group.people.observer)
      .post(`/api/v1/drafts/${draft.id}/comments/${root.body.id}/replies`)
      .send({ body: 'Ich auch' })
      .expect(403);
    await as(app, group.people.observer)
      .post(`/api/v1/drafts/${draft.id}/comments/${root.body.id}/resolve`)
      .expect(403);
    const other = await as(app, group.people.moderator)
      .post(`/api/v1/drafts/${draft.id}/comments`)
      .send({ body: 'Von der Moderation' })
      .expect(201);
    await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/comments/${other.body.id}/resolve`)
      .expect(403);
    const resolved = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/comments/${root.body.id}/resolve`)
      .expect(200);
    expect(resolved.body).toMatchObject({ resolved: true, resolvedBy: group.people.member.id });
    await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/comments/${other.body.id}/resolve`)
      .expect(200);

    const threads = await comments(draft.id);
    expect(threads.map((t) => [t.body, t.resolved, t.replies.map((r) => r.body)])).toEqual([
      ['Allgemeine Frage', true, ['Antwort', 'Danke']],
      ['Von der Moderation', true, []],
    ]);
    const events = await eventsOf(app, `draft:${draft.id}`);
    expect(events.map((e) => e.type)).toEqual([
      'draft.comment_added',
      'draft.comment_added',
      'draft.comment_added',
      'draft.comment_added',
      'draft.comment_resolved',
      'draft.comment_resolved',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[4]).toMatchObject({
      actorId: group.people.member.id,
      data: { comment: { id: root.body.id, resolved: true } },
    });
  });
});
