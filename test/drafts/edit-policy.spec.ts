import { as, TestUser } from '../support/factories';
import { eventsOf, givenTopic, useGroupWithTopic } from '../support/discussion-factories';
import { givenGroup } from '../support/factories';
import { callerOf, getDraft, givenDraft, SimEditor, syncOf } from './draft-support';

const future = () => new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
const mark = (id: string, author: TestUser) => ({ id, author: author.id, at: '2026-03-01T10:00:00.000Z' });

/** The error body an AppError would get over HTTP (with its reason), for a refused live update. */
async function refusalOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as { status?: number; code?: string; reason?: string };
    return { status: e.status, code: e.code, reason: e.reason };
  }
  throw new Error('expected the update to be refused');
}

describe('edit policy: who edits, suggests, comments or reads, per status and role', () => {
  const ctx = useGroupWithTopic();

  const status = (draftId: string, body: object) =>
    as(ctx.app, ctx.group.people.owner).post(`/api/v1/drafts/${draftId}/status`).send(body).expect(200);
  const editor = async (user: TestUser, draftId: string) => {
    const e = new SimEditor(syncOf(ctx.app), callerOf(user), draftId);
    await e.connect();
    return e;
  };
  const modeOf = async (user: TestUser, draftId: string) => (await getDraft(ctx.app, user, draftId)).editMode;

  it('defaults: everyone who writes edits a draft; in consultation they suggest; observers read', async () => {
    const { app, group, topicId } = ctx;
    const draft = await givenDraft(app, group.people.member, topicId, 'Erster Stand.');
    expect(draft).toMatchObject({ editMode: 'edit' });
    const policy = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${draft.id}/edit-policy`)
      .expect(200);
    const all = (mode: string) => ({ owner: mode, moderator: mode, member: mode });
    expect(policy.body).toEqual({ draft: all('edit'), consultation: all('suggest'), revision: all('edit') });
    expect(await modeOf(group.people.owner, draft.id)).toBe('edit');
    expect(await modeOf(group.people.observer, draft.id)).toBe('read');
    await status(draft.id, { status: 'consultation', deadline: future() });
    for (const role of ['owner', 'moderator', 'member'] as const)
      expect(await modeOf(group.people[role], draft.id)).toBe('suggest');
    expect(await modeOf(group.people.observer, draft.id)).toBe('read');
    // After the deadline the text and the comments are closed.
    await app.dataSource.query(
      `UPDATE drafts SET consultation_deadline = now() - interval '1 minute' WHERE id = $1`,
      [draft.id],
    );
    expect(await modeOf(group.people.member, draft.id)).toBe('read');
    // Adopted and archived: read.
    await app.dataSource.query(
      `UPDATE drafts SET consultation_deadline = now() + interval '1 day' WHERE id = $1`,
      [draft.id],
    );
    await status(draft.id, { status: 'revision' });
    expect(await modeOf(group.people.member, draft.id)).toBe('edit');
    await status(draft.id, { status: 'adopted' });
    expect(await modeOf(group.people.owner, draft.id)).toBe('read');
  });

  it('a suggest-only member in consultation: their own tracked changes go through, direct edits are refused and change nothing', async () => {
    const { app, group, topicId } = ctx;
    const { member, owner } = group.people;
    const draft = await givenDraft(app, owner, topicId, 'Das Land prüft Sprachkurse.');
    // The owner's tracked insertion, made while the draft is still open (so that the member has someone's to touch).
    const own = await editor(owner, draft.id);
    own.text.insert(own.text.length, ' Alle berichten.', { insertion: mark('o1', owner) });
    await own.flush();
    await status(draft.id, { status: 'consultation', deadline: future() });
    const before = await getDraft(app, member, draft.id);
    expect(before.content).toBe('Das Land prüft Sprachkurse.{++ Alle berichten.++}');

    const suggesting = await editor(member, draft.id);
    suggesting.text.insert('Das Land prüft'.length, ' schnell', { insertion: mark('m1', member) });
    suggesting.text.format('Das '.length, 'Land'.length, { deletion: mark('m2', member) });
    const version = await suggesting.flush();
    expect(version).toBe(before.version + 1);
    expect((await getDraft(app, member, draft.id)).content).toBe(
      'Das {--Land--} prüft{++ schnell++} Sprachkurse.{++ Alle berichten.++}',
    );
    // Typing inside one's own insertion (still theirs) and withdrawing it by deleting it are suggestions too.
    suggesting.text.insert('Das Land prüft schnell'.length, 'er', { insertion: mark('m1', member) });
    await suggesting.flush();
    suggesting.text.delete('Das Land prüft'.length, ' schneller'.length);
    await suggesting.flush();
    const suggested = await getDraft(app, member, draft.id);
    expect(suggested.content).toBe('Das {--Land--} prüft Sprachkurse.{++ Alle berichten.++}');

    const attempts: Array<[string, (e: SimEditor) => void]> = [
      ['a plain insert', (e) => e.text.insert(0, 'Ja. ')],
      ['deleting text without tracking it', (e) => e.text.delete(0, 'Das '.length)],
      [
        'deleting another person’s suggested text',
        (e) => e.text.delete('Das Land prüft Sprachkurse.'.length, 5),
      ],
      [
        'taking the mark off another person’s insertion (accepting it)',
        (e) =>
          e.text.format('Das Land prüft Sprachkurse.'.length, ' Alle berichten.'.length, { insertion: null }),
      ],
      [
        'a tracked insertion in another person’s name',
        (e) => e.text.insert(0, 'Vorab. ', { insertion: mark('x1', owner) }),
      ],
      ['a tracked insertion without author', (e) => e.text.insert(0, 'Vorab. ', { insertion: { id: 'x2' } })],
    ];
    for (const [what, edit] of attempts) {
      const e = await editor(member, draft.id);
      edit(e);
      expect([what, await refusalOf(e.flush())]).toEqual([
        what,
        { status: 409, code: 'DRAFT_LOCKED', reason: 'SUGGESTIONS_ONLY' },
      ]);
    }
    expect(await getDraft(app, member, draft.id)).toMatchObject({
      content: suggested.content,
      version: suggested.version,
    });
    // REST writes are direct edits: suggest-only callers suggest through the suggestions API.
    const put = await as(app, member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Neu.', baseVersion: suggested.version })
      .expect(409);
    expect(put.body).toMatchObject({
      statusCode: 409,
      code: 'DRAFT_LOCKED',
      reason: 'SUGGESTIONS_ONLY',
      message: expect.stringMatching(/consultation/),
    });
    await as(app, member)
      .post(`/api/v1/drafts/${draft.id}/suggestions`)
      .send({ anchor: { start: 0, end: 3 }, replacement: 'Unser', rationale: 'persönlicher' })
      .expect(201);
    // Observers do not write at all (403, as before).
    const watcher = new SimEditor(syncOf(app), callerOf(group.people.observer), draft.id);
    watcher.receive((await syncOf(app).syncStep(watcher.caller, draft.id)).update);
    watcher.text.insert(0, 'x', { insertion: mark('w1', group.people.observer) });
    expect(await refusalOf(watcher.flush())).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('owners and moderators override it per draft; the override is validated; writers follow it at once', async () => {
    const { app, group, topicId } = ctx;
    const { member, moderator } = group.people;
    const draft = await givenDraft(app, member, topicId, 'Text.');
    const url = `/api/v1/drafts/${draft.id}/edit-policy`;
    const forbidden = await as(app, member)
      .put(url)
      .send({ draft: { member: 'suggest' } })
      .expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');

    // A live editor already writing keeps writing until the policy changes; then the very next update obeys it.
    const live = await editor(member, draft.id);
    live.text.insert(live.text.length, ' Eins.');
    await live.flush();
    const put = await as(app, moderator)
      .put(url)
      .send({ draft: { member: 'suggest' } })
      .expect(200);
    expect(put.body).toMatchObject({ draft: { member: 'suggest', moderator: 'edit', owner: 'edit' } });
    expect((await as(app, member).get(url).expect(200)).body).toEqual(put.body);
    expect(await modeOf(member, draft.id)).toBe('suggest');
    live.text.insert(live.text.length, ' Zwei.');
    expect(await refusalOf(live.flush())).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      reason: 'SUGGESTIONS_ONLY',
    });
    const rest = await as(app, member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Anders.', baseVersion: 2 })
      .expect(403);
    expect(rest.body).toMatchObject({ code: 'FORBIDDEN', reason: 'SUGGESTIONS_ONLY' });
    const tracked = await editor(member, draft.id);
    tracked.text.insert(tracked.text.length, ' Drei.', { insertion: mark('t1', member) });
    expect(await tracked.flush()).toBe(3);
    expect((await getDraft(app, member, draft.id)).content).toBe('Text. Eins.{++ Drei.++}');

    // Members may edit during the consultation when the owners say so; `read` closes the text for a role.
    await as(app, group.people.owner)
      .put(url)
      .send({ consultation: { member: 'edit', moderator: 'read' } })
      .expect(200);
    await status(draft.id, { status: 'consultation', deadline: future() });
    expect(await modeOf(member, draft.id)).toBe('edit');
    expect(await modeOf(moderator, draft.id)).toBe('read');
    expect(await modeOf(group.people.owner, draft.id)).toBe('suggest');
    const free = await editor(member, draft.id);
    free.text.insert(0, 'Vorab. ');
    expect(await free.flush()).toBe(4);
    await as(app, member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Vorab. Text. Eins.{++ Drei.++} Vier.', baseVersion: 4 })
      .expect(200);
    const closed = await editor(moderator, draft.id);
    closed.text.insert(0, 'x', { insertion: mark('c1', moderator) });
    expect(await refusalOf(closed.flush())).toEqual({ status: 409, code: 'DRAFT_LOCKED', reason: undefined });
    expect((await getDraft(app, member, draft.id)).content).toBe('Vorab. Text. Eins.{++ Drei.++} Vier.');

    const events = await eventsOf(app, `draft:${draft.id}`);
    expect(events.filter((e) => e.type === 'draft.edit_policy_changed').map((e) => e.data)).toEqual([
      { draftId: draft.id, policy: put.body },
      {
        draftId: draft.id,
        policy: expect.objectContaining({
          consultation: { owner: 'suggest', moderator: 'read', member: 'edit' },
        }),
      },
    ]);
  });

  it.each([
    ['an unknown status', { adopted: { member: 'edit' } }],
    ['an unknown role', { draft: { observer: 'edit' } }],
    ['an unknown mode', { draft: { member: 'write' } }],
    ['a mode that is not a string', { draft: { member: 1 } }],
    ['a status that is not an object', { draft: 'edit' }],
    ['a status that is a list', { draft: ['edit'] }],
  ])('an edit policy with %s is 400 VALIDATION_FAILED', async (_what, body) => {
    const { app, group, topicId } = ctx;
    const draft = await givenDraft(app, group.people.member, topicId);
    const res = await as(app, group.people.owner)
      .put(`/api/v1/drafts/${draft.id}/edit-policy`)
      .send(body)
      .expect(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
    });
    expect(
      (await as(app, group.people.owner).get(`/api/v1/drafts/${draft.id}/edit-policy`).expect(200)).body
        .draft,
    ).toEqual({ owner: 'edit', moderator: 'edit', member: 'edit' });
  });

  it('another group’s people do not see it (404); a malformed id is 400', async () => {
    const { app, group, topicId } = ctx;
    const draft = await givenDraft(app, group.people.member, topicId);
    const other = await givenGroup(app);
    await givenTopic(app, other);
    for (const res of [
      await as(app, other.owner).get(`/api/v1/drafts/${draft.id}/edit-policy`),
      await as(app, other.owner).put(`/api/v1/drafts/${draft.id}/edit-policy`).send({}),
    ])
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    await as(app, group.people.owner).get(`/api/v1/drafts/nope/edit-policy`).expect(400);
  });
});
