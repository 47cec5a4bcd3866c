import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { DraftDocStore } from '@runde/drafts';
import { upgradeLegacyDrafts } from '../../libs/drafts/src/doc/legacy-upgrade';
import { as, givenGroup, TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { getDraft, givenDraft } from './draft-support';

/**
 * Drafts written before the rich-text model kept Markdown in a Y.Text: the RichTextDrafts migration moves each into
 * the document in one logged update; its comments keep their anchors, its history stays readable.
 */
describe('drafts of before the rich-text model are moved over', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  let db: DataSource;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
    db = app.api.get(DataSource);
  });
  afterAll(() => app.close());

  const legacy = '# Ziele\n\nWir fördern **Sprachkurse** für alle Kreise.\n\n* eins\n* zwei\n';

  /** A draft as the old model stored it: its log is one Y.Text update; a comment anchored on the old text. */
  async function givenLegacyDraft(): Promise<{ id: string; commentId: string }> {
    const draft = await givenDraft(app, group.people.member, topicId, 'x');
    const doc = new Y.Doc();
    const text = doc.getText('content');
    text.insert(0, legacy);
    const start = legacy.indexOf('Sprachkurse');
    const rel = (index: number, assoc: number) =>
      Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index, assoc)));
    await db.query(`DELETE FROM draft_updates WHERE draft_id = $1`, [draft.id]);
    await db.query(
      `INSERT INTO draft_updates (draft_id, version, update, author_id) VALUES ($1, 1, $2, NULL)`,
      [draft.id, Buffer.from(Y.encodeStateAsUpdate(doc))],
    );
    await db.query(`UPDATE drafts SET version = 1, content_text = $2, content_version = 1 WHERE id = $1`, [
      draft.id,
      legacy,
    ]);
    const [comment] = await db.query(
      `INSERT INTO draft_comments (draft_id, author_id, body, anchor_start, anchor_end, quote)
       VALUES ($1, $2, 'Welche Kurse?', $3, $4, 'Sprachkurse') RETURNING id`,
      [draft.id, group.people.member.id, rel(start, 0), rel(start + 'Sprachkurse'.length, -1)],
    );
    app.api.get(DraftDocStore).evict(draft.id);
    return { id: draft.id, commentId: comment.id };
  }

  it('moves the text into the document, keeps comment anchors on their words, and is idempotent', async () => {
    const { id, commentId } = await givenLegacyDraft();
    expect(await upgradeLegacyDrafts(db.manager)).toBeGreaterThanOrEqual(1);
    app.api.get(DraftDocStore).evict(id);

    const draft = await getDraft(app, group.people.observer, id);
    expect(draft.content).toBe('# Ziele\n\nWir fördern **Sprachkurse** für alle Kreise.\n\n- eins\n- zwei');
    expect(draft.version).toBe(2);
    const comments = (await as(app, group.people.observer).get(`/api/v1/drafts/${id}/comments`).expect(200))
      .body.items as Array<{ id: string; anchor: { start: number; end: number; detached: boolean } }>;
    const comment = comments.find((c) => c.id === commentId)!;
    expect(comment.anchor.detached).toBe(false);
    expect(draft.content.slice(comment.anchor.start, comment.anchor.end)).toBe('Sprachkurse');

    // Editing goes on in the new model; a second run changes nothing.
    await as(app, group.people.member)
      .put(`/api/v1/drafts/${id}/content`)
      .send({ content: `${draft.content}\n\nNeu.`, baseVersion: 2 })
      .expect(200);
    const before = await getDraft(app, group.people.observer, id);
    await upgradeLegacyDrafts(db.manager);
    app.api.get(DraftDocStore).evict(id);
    expect(await getDraft(app, group.people.observer, id)).toMatchObject({
      version: before.version,
      content: before.content,
    });
  });
});
