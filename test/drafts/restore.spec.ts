import { as, givenUser, TestUser } from '../support/factories';
import { useGroupWithTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe } from '../support/sockets';
import { givenDraft } from './draft-support';

type RevisionRow = { id: string; number: number; kind: string; version: number; label: string };

/**
 * Issue 23, finding 5: restoring an old revision replaces everyone's text. Owners and moderators may, and whoever
 * started the draft; a member who only co-edits may not. The replaced text is kept as a revision first, so a
 * restore can be undone from the list.
 */
describe('drafts: restoring a revision', () => {
  const ctx = useGroupWithTopic();
  let coEditor: TestUser;
  beforeAll(async () => {
    coEditor = await givenUser(ctx.app, { displayName: 'Mitschreibende Person' });
    await as(ctx.app, ctx.group.owner)
      .post(`/api/v1/groups/${ctx.group.id}/members`)
      .send({ userId: coEditor.id, role: 'member' })
      .expect(201);
  });

  const revisionsOf = async (draftId: string): Promise<RevisionRow[]> =>
    (await as(ctx.app, ctx.group.people.observer).get(`/api/v1/drafts/${draftId}/revisions`).expect(200)).body
      .items;
  const saveRevision = async (user: TestUser, draftId: string, label: string) =>
    (await as(ctx.app, user).post(`/api/v1/drafts/${draftId}/revisions`).send({ label }).expect(201)).body
      .id as string;
  const edit = (user: TestUser, draftId: string, content: string, baseVersion: number) =>
    as(ctx.app, user).put(`/api/v1/drafts/${draftId}/content`).send({ content, baseVersion }).expect(200);
  const restore = (user: TestUser, draftId: string, revisionId: string) =>
    as(ctx.app, user).post(`/api/v1/drafts/${draftId}/revisions/${revisionId}/restore`);

  it('who started the draft may restore, a co-editing member may not (403 RESTORE_NOT_ALLOWED), moderators may', async () => {
    const { app, group, topicId } = ctx;
    const starter = group.people.member;
    const draft = await givenDraft(app, starter, topicId, 'Erste Fassung.');
    const first = await saveRevision(starter, draft.id, 'Anfang');
    await edit(coEditor, draft.id, 'Zweite Fassung.', 1);

    const refused = await restore(coEditor, draft.id, first).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', reason: 'RESTORE_NOT_ALLOWED' });
    await restore(group.people.observer, draft.id, first).expect(403);
    expect((await as(app, starter).get(`/api/v1/drafts/${draft.id}`).expect(200)).body.content).toBe(
      'Zweite Fassung.',
    );

    await restore(starter, draft.id, first).expect(200);
    await edit(coEditor, draft.id, 'Dritte Fassung.', 3);
    await restore(group.people.moderator, draft.id, first).expect(200);
    expect((await as(app, starter).get(`/api/v1/drafts/${draft.id}`).expect(200)).body.content).toBe(
      'Erste Fassung.',
    );

    // Who started it and is now only an observer may no longer restore.
    await as(app, group.owner)
      .patch(`/api/v1/groups/${group.id}/members/${starter.id}`)
      .send({ role: 'observer' })
      .expect(200);
    try {
      await restore(starter, draft.id, first).expect(403);
    } finally {
      await as(app, group.owner)
        .patch(`/api/v1/groups/${group.id}/members/${starter.id}`)
        .send({ role: 'member' })
        .expect(200);
    }
  });

  it('keeps the replaced text as a revision first, live on draft:<id>; restoring that one undoes the restore', async () => {
    const { app, group, topicId } = ctx;
    const { moderator } = group.people;
    const draft = await givenDraft(app, moderator, topicId, 'Absatz eins.');
    const first = await saveRevision(moderator, draft.id, 'Anfang');
    await edit(coEditor, draft.id, 'Absatz eins, von Hand verbessert.', 1);

    const socket = await connectSocket(app, group.people.observer.accessToken);
    try {
      expect(await subscribe(socket, `draft:${draft.id}`)).toMatchObject({ ok: true });
      const restored = await restore(moderator, draft.id, first).expect(200);
      expect(restored.body).toMatchObject({ content: 'Absatz eins.', version: 3 });
      const list = await revisionsOf(draft.id);
      expect(list.map((r) => [r.number, r.kind, r.version, r.label])).toEqual([
        [3, 'restore', 3, 'Fassung 1 wiederhergestellt (Anfang)'],
        [2, 'before_restore', 2, 'Stand vor der Wiederherstellung von Fassung 1'],
        [1, 'manual', 1, 'Anfang'],
      ]);
      const kept = (
        await as(app, group.people.observer)
          .get(`/api/v1/drafts/${draft.id}/revisions/${list[1].id}`)
          .expect(200)
      ).body;
      expect(kept).toMatchObject({
        content: 'Absatz eins, von Hand verbessert.',
        authors: [expect.objectContaining({ id: coEditor.id })],
      });
      await expectEventually(async () =>
        expect(
          socket.received
            .filter((e) => e.type === 'draft.revision_created')
            .map((e) => (e.data as { revision: { kind: string } }).revision.kind),
        ).toEqual(['before_restore', 'restore']),
      );

      // Undo: restore what was kept. The text it replaces is the latest revision already: nothing extra kept.
      await restore(moderator, draft.id, list[1].id).expect(200);
      expect((await as(app, moderator).get(`/api/v1/drafts/${draft.id}`).expect(200)).body.content).toBe(
        'Absatz eins, von Hand verbessert.',
      );
      expect((await revisionsOf(draft.id)).map((r) => [r.number, r.kind])).toEqual([
        [4, 'restore'],
        [3, 'restore'],
        [2, 'before_restore'],
        [1, 'manual'],
      ]);
    } finally {
      socket.close();
    }
  });
});
