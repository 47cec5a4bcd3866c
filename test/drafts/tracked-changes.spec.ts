import { as, givenGroup, TestUser } from '../support/factories';
import { eventsOf, givenTopic, useGroupWithTopic } from '../support/discussion-factories';
import { callerOf, getDraft, givenDraft, SimEditor, syncOf } from './draft-support';

const future = () => new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
const AT = '2026-03-01T10:00:00.000Z';
const mark = (id: string, author: TestUser) => ({ id, author: author.id, at: AT });

describe('tracked changes: listed, accepted and rejected', () => {
  const ctx = useGroupWithTopic();

  const TEXT = 'Das Land prüft Sprachkurse. Die Kommunen beraten.';
  const at = (needle: string, within = TEXT) => within.indexOf(needle);

  /**
   * The member suggests " schnell" (m1) and striking " Kommunen" (m2); the moderator " jährlich" after
   * "Sprachkurse" (o1) and striking " beraten" (o2). Made live, as the browser's editor makes them, while the draft is open.
   */
  async function givenSuggestions() {
    const { app, group, topicId } = ctx;
    const { member, moderator } = group.people;
    const draft = await givenDraft(app, group.people.owner, topicId, TEXT);
    const m = new SimEditor(syncOf(app), callerOf(member), draft.id);
    await m.connect();
    m.text.format(at(' Kommunen'), ' Kommunen'.length, { deletion: mark('m2', member) });
    m.text.insert(at(' Sprachkurse'), ' schnell', { insertion: mark('m1', member) });
    await m.flush();
    const o = new SimEditor(syncOf(app), callerOf(moderator), draft.id);
    await o.connect();
    const now = o.toString();
    o.text.format(at(' beraten', now), ' beraten'.length, { deletion: mark('o2', moderator) });
    o.text.insert(at('.', now), ' jährlich', { insertion: mark('o1', moderator) });
    await o.flush();
    return { draft: await getDraft(app, member, draft.id), member, moderator };
  }

  const decide = (user: TestUser, draftId: string, body: object) =>
    as(ctx.app, user).post(`/api/v1/drafts/${draftId}/changes/decisions`).send(body);

  it('lists the changes, decides one, another, then all of one person; records and announces each', async () => {
    const { app, group } = ctx;
    const { owner, observer } = group.people;
    const { draft, member, moderator } = await givenSuggestions();
    expect(draft.content).toBe(
      'Das Land prüft{++ schnell++} Sprachkurse{++ jährlich++}. Die{-- Kommunen--}{-- beraten--}.',
    );

    const listed = await as(app, observer).get(`/api/v1/drafts/${draft.id}/changes`).expect(200);
    const person = (u: TestUser) => expect.objectContaining({ id: u.id, displayName: u.displayName });
    expect(listed.body.items).toEqual([
      {
        key: `m1~${member.id}`,
        authorId: member.id,
        author: person(member),
        at: AT,
        inserted: ' schnell',
        deleted: '',
        formatted: false,
        rn: expect.anything(),
      },
      {
        key: `o1~${moderator.id}`,
        authorId: moderator.id,
        author: person(moderator),
        at: AT,
        inserted: ' jährlich',
        deleted: '',
        formatted: false,
        rn: expect.anything(),
      },
      {
        key: `m2~${member.id}`,
        authorId: member.id,
        author: person(member),
        at: AT,
        inserted: '',
        deleted: ' Kommunen',
        formatted: false,
        rn: expect.anything(),
      },
      {
        key: `o2~${moderator.id}`,
        authorId: moderator.id,
        author: person(moderator),
        at: AT,
        inserted: '',
        deleted: ' beraten',
        formatted: false,
        rn: expect.anything(),
      },
    ]);

    // Observers read, but do not decide.
    const refused = await decide(observer, draft.id, {
      decision: 'accept',
      keys: [`m1~${member.id}`],
    }).expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', reason: 'DECISION_NOT_ALLOWED' });

    const first = await decide(owner, draft.id, { decision: 'accept', keys: [`o1~${moderator.id}`] }).expect(
      200,
    );
    expect(first.body).toMatchObject({
      decision: 'accept',
      version: draft.version + 1,
      revisionId: expect.any(String),
      items: [
        {
          changeKey: `o1~${moderator.id}`,
          changeAuthorId: moderator.id,
          decision: 'accept',
          inserted: ' jährlich',
          deleted: '',
          decidedBy: owner.id,
          version: draft.version + 1,
        },
      ],
      draft: {
        content: 'Das Land prüft{++ schnell++} Sprachkurse jährlich. Die{-- Kommunen--}{-- beraten--}.',
        editMode: 'edit',
      },
    });
    const second = await decide(owner, draft.id, { decision: 'reject', keys: [`o2~${moderator.id}`] }).expect(
      200,
    );
    expect(second.body.draft.content).toBe(
      'Das Land prüft{++ schnell++} Sprachkurse jährlich. Die{-- Kommunen--} beraten.',
    );
    const third = await decide(moderator, draft.id, { decision: 'accept', authorId: member.id }).expect(200);
    expect(third.body.items.map((i: { changeKey: string }) => i.changeKey)).toEqual([
      `m1~${member.id}`,
      `m2~${member.id}`,
    ]);
    expect(third.body.draft).toMatchObject({
      content: 'Das Land prüft schnell Sprachkurse jährlich. Die beraten.',
      version: draft.version + 3,
    });
    expect(await getDraft(app, observer, draft.id)).toMatchObject({
      content: 'Das Land prüft schnell Sprachkurse jährlich. Die beraten.',
    });
    expect(
      (await as(app, observer).get(`/api/v1/drafts/${draft.id}/changes`).expect(200)).body.items,
    ).toEqual([]);

    // The same change again, or one that never was: nothing partial, a named conflict.
    const again = await decide(owner, draft.id, { decision: 'accept', keys: [`m1~${member.id}`] }).expect(
      409,
    );
    expect(again.body).toMatchObject({
      code: 'CONFLICT',
      reason: 'CHANGES_NOT_FOUND',
      details: [{ keys: [`m1~${member.id}`] }],
    });
    await decide(owner, draft.id, { decision: 'reject', authorId: member.id }).expect(409);

    const decisions = await as(app, observer).get(`/api/v1/drafts/${draft.id}/changes/decisions`).expect(200);
    expect(decisions.body.items).toHaveLength(4);
    expect(
      decisions.body.items.map((d: Record<string, unknown>) => [
        d.changeKey,
        d.decision,
        d.decidedBy,
        d.version,
      ]),
    ).toEqual([
      [`o1~${moderator.id}`, 'accept', owner.id, draft.version + 1],
      [`o2~${moderator.id}`, 'reject', owner.id, draft.version + 2],
      [`m1~${member.id}`, 'accept', moderator.id, draft.version + 3],
      [`m2~${member.id}`, 'accept', moderator.id, draft.version + 3],
    ]);
    expect(decisions.body.items[3]).toMatchObject({
      deleted: ' Kommunen',
      changeAuthor: person(member),
      decider: person(moderator),
      revisionId: third.body.revisionId,
    });

    const events = (await eventsOf(app, `draft:${draft.id}`)).filter(
      (e) => e.type === 'draft.changes_decided',
    );
    expect(
      events.map((e) => [e.data.decision, (e.data.decisions as unknown[]).length, e.data.version]),
    ).toEqual([
      ['accept', 1, draft.version + 1],
      ['reject', 1, draft.version + 2],
      ['accept', 2, draft.version + 3],
    ]);
    const revision = await as(app, observer)
      .get(`/api/v1/drafts/${draft.id}/revisions/${third.body.revisionId}`)
      .expect(200);
    expect(revision.body).toMatchObject({
      kind: 'suggestion',
      version: draft.version + 3,
      label: '2 Änderungen angenommen: „schnell“, „Kommunen“ gestrichen',
      content: 'Das Land prüft schnell Sprachkurse jährlich. Die beraten.',
    });
  });

  it('in consultation: members withdraw their own changes but do not decide others’; moderators decide', async () => {
    const { app, group } = ctx;
    const { draft, member, moderator } = await givenSuggestions();
    await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/status`)
      .send({ status: 'consultation', deadline: future() })
      .expect(200);
    // A suggestion made in consultation, by the suggest-only member.
    const m = new SimEditor(syncOf(app), callerOf(member), draft.id);
    await m.connect();
    m.text.insert(0, 'Neu: ', { insertion: mark('m3', member) });
    await m.flush();
    await decide(member, draft.id, { decision: 'accept', keys: [`m3~${member.id}`] }).expect(403);
    await decide(member, draft.id, { decision: 'reject', keys: [`o1~${moderator.id}`] }).expect(403);
    await decide(member, draft.id, {
      decision: 'reject',
      keys: [`m3~${member.id}`, `o1~${moderator.id}`],
    }).expect(403);
    const withdrawn = await decide(member, draft.id, {
      decision: 'reject',
      keys: [`m3~${member.id}`],
    }).expect(200);
    expect(withdrawn.body.draft).toMatchObject({
      editMode: 'suggest',
      content: 'Das Land prüft{++ schnell++} Sprachkurse{++ jährlich++}. Die{-- Kommunen--}{-- beraten--}.',
    });
    await decide(moderator, draft.id, { decision: 'reject', authorId: member.id }).expect(200);
    expect((await getDraft(app, member, draft.id)).content).toBe(
      'Das Land prüft Sprachkurse{++ jährlich++}. Die Kommunen{-- beraten--}.',
    );
    // Adopted drafts are frozen.
    await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/status`)
      .send({ status: 'revision' })
      .expect(200);
    await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/status`)
      .send({ status: 'adopted' })
      .expect(200);
    const frozen = await decide(group.people.owner, draft.id, {
      decision: 'accept',
      authorId: moderator.id,
    }).expect(409);
    expect(frozen.body.code).toBe('DRAFT_LOCKED');
  });

  it('another group’s people get 404; bad bodies are 400 with the contract’s body and change nothing', async () => {
    const { app, group } = ctx;
    const { draft, member } = await givenSuggestions();
    const other = await givenGroup(app);
    await givenTopic(app, other);
    for (const res of [
      await as(app, other.owner).get(`/api/v1/drafts/${draft.id}/changes`),
      await as(app, other.owner).get(`/api/v1/drafts/${draft.id}/changes/decisions`),
      await decide(other.owner, draft.id, { decision: 'reject', authorId: member.id }),
    ])
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });

    const key = `m1~${member.id}`;
    const bad: object[] = [
      {},
      { decision: 'accept' },
      { decision: 'maybe', keys: [key] },
      { decision: 'accept', keys: [key], authorId: member.id },
      { decision: 'accept', keys: key },
      { decision: 'accept', keys: [] },
      { decision: 'accept', keys: [1] },
      { decision: 'accept', keys: [''] },
      { decision: 'accept', keys: Array.from({ length: 501 }, (_, i) => `k${i}~x`) },
      { decision: 'accept', authorId: 'someone' },
      { decision: 'accept', keys: [key], extra: true },
    ];
    for (const body of bad) {
      const res = await decide(group.people.owner, draft.id, body);
      expect([body, res.status, res.body.code]).toEqual([body, 400, 'VALIDATION_FAILED']);
      expect(res.body).toMatchObject({ statusCode: 400, message: expect.any(String) });
    }
    const malformed = await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/changes/decisions`)
      .set('Content-Type', 'application/json')
      .send('{"decision": "accept", "keys": [');
    expect(malformed.status).toBe(400);
    await as(app, group.people.owner).get('/api/v1/drafts/nope/changes').expect(400);
    // 500 keys are fine (unknown ones are a conflict, nothing decided).
    const many = await decide(group.people.owner, draft.id, {
      decision: 'accept',
      keys: [key, ...Array.from({ length: 499 }, (_, i) => `k${i}~x`)],
    }).expect(409);
    expect(many.body.details[0].keys).toHaveLength(499);
    expect(await getDraft(app, member, draft.id)).toMatchObject({
      content: draft.content,
      version: draft.version,
    });
    const decisions = await as(app, member).get(`/api/v1/drafts/${draft.id}/changes/decisions`).expect(200);
    expect(decisions.body.items).toEqual([]);
  });
});
