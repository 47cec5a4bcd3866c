import { docText } from '../support/doc-text';
import * as Y from 'yjs';
import { as, givenGroup, TestGroup } from '../support/factories';
import { eventsOf, givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { callerOf, failureOf, getDraft, givenDraft, syncOf } from './draft-support';

const future = () => new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();

describe('workflow, revisions, export', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  const status = (draftId: string, body: object, who = group.people.owner) =>
    as(app, who).post(`/api/v1/drafts/${draftId}/status`).send(body);

  /** A live update that appends text, made on the client's copy of the document. */
  async function liveAppend(draftId: string, text: string): Promise<Uint8Array> {
    const { update } = await syncOf(app).syncStep(callerOf(group.people.member), draftId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const before = Y.encodeStateVector(doc);
    docText(doc).insert(docText(doc).length, text);
    return Y.encodeStateAsUpdate(doc, before);
  }

  it('draft → consultation → revision → adopted → archived; editing locked where the status says', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Erster Stand.');
    await status(draft.id, { status: 'consultation', deadline: future() }, group.people.member).expect(403);
    const missing = await status(draft.id, { status: 'consultation' }).expect(400);
    expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'DEADLINE_REQUIRED' });
    const past = await status(draft.id, { status: 'consultation', deadline: '2001-01-01T00:00:00Z' }).expect(
      400,
    );
    // The rule is named, so that clients can say "the deadline must be in the future" in their own language.
    expect(past.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      reason: 'DEADLINE_NOT_FUTURE',
      details: [{ field: 'deadline' }],
    });
    await status(draft.id, { status: 'revision' }).expect(409);
    await status(draft.id, { status: 'nonsense' }).expect(400);
    const deadline = future();
    const consultation = await status(draft.id, { status: 'consultation', deadline }).expect(200);
    expect(consultation.body).toMatchObject({
      status: 'consultation',
      consultationDeadline: new Date(deadline).toISOString(),
      content: 'Erster Stand.',
    });

    // Text closed (REST, live, restore); comments and suggestions open.
    const locked = await as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Geändert.', baseVersion: 1 })
      .expect(409);
    expect(locked.body).toMatchObject({
      statusCode: 409,
      code: 'DRAFT_LOCKED',
      message: expect.stringMatching(/consultation/),
    });
    const update = await liveAppend(draft.id, ' Live.');
    expect(await failureOf(syncOf(app).applyUpdate(callerOf(group.people.member), draft.id, update))).toEqual(
      {
        status: 409,
        code: 'DRAFT_LOCKED',
      },
    );
    await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/comments`)
      .send({ body: 'Stellungnahme', anchor: { start: 0, end: 6 } })
      .expect(201);
    const suggestion = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/suggestions`)
      .send({ anchor: { start: 0, end: 6 }, replacement: 'Zweiter', rationale: 'aktueller' })
      .expect(201);
    const acceptLocked = await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/suggestions/${suggestion.body.id}/accept`)
      .expect(409);
    expect(acceptLocked.body.code).toBe('DRAFT_LOCKED');
    await status(draft.id, { status: 'adopted' }).expect(409);

    // Revision phase: the text opens again; the live update from before now goes through.
    await status(draft.id, { status: 'revision' }, group.people.moderator).expect(200);
    expect(await syncOf(app).applyUpdate(callerOf(group.people.member), draft.id, update)).toEqual({
      version: 2,
    });
    await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/suggestions/${suggestion.body.id}/accept`)
      .expect(200);
    expect((await getDraft(app, group.people.member, draft.id)).content).toBe('Zweiter Stand. Live.');

    await status(draft.id, { status: 'adopted' }).expect(200);
    const frozen = [
      as(app, group.people.member)
        .put(`/api/v1/drafts/${draft.id}/content`)
        .send({ content: 'x', baseVersion: 3 }),
      as(app, group.people.member).post(`/api/v1/drafts/${draft.id}/comments`).send({ body: 'zu spät' }),
      as(app, group.people.member)
        .post(`/api/v1/drafts/${draft.id}/suggestions`)
        .send({ anchor: { start: 0, end: 3 }, replacement: 'y', rationale: 'z' }),
      as(app, group.people.member)
        .post(`/api/v1/drafts/${draft.id}/revisions`)
        .send({ label: 'nach Beschluss' }),
    ];
    for (const res of await Promise.all(frozen))
      expect(res.body).toMatchObject({ statusCode: 409, code: 'DRAFT_LOCKED' });
    await status(draft.id, { status: 'archived' }).expect(200);
    await status(draft.id, { status: 'draft' }).expect(409);
    await as(app, group.people.observer).get(`/api/v1/drafts/${draft.id}`).expect(200);

    // Each transition is an event with an automatic revision, in one gapless sequence.
    const events = await eventsOf(app, `draft:${draft.id}`);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const changes = events.filter((e) => e.type === 'draft.status_changed');
    expect(changes.map((e) => [e.data.previousStatus, (e.data.draft as { status: string }).status])).toEqual([
      ['draft', 'consultation'],
      ['consultation', 'revision'],
      ['revision', 'adopted'],
      ['adopted', 'archived'],
    ]);
    const revisions = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${draft.id}/revisions`)
      .expect(200);
    expect(revisions.body.items.map((r: { kind: string; status: string }) => [r.kind, r.status])).toEqual([
      ['status', 'archived'],
      ['status', 'adopted'],
      ['suggestion', 'revision'],
      ['status', 'revision'],
      ['status', 'consultation'],
    ]);
    expect(changes.map((e) => e.data.revisionId)).toEqual(
      [...revisions.body.items]
        .reverse()
        .filter((r: { kind: string }) => r.kind === 'status')
        .map((r: { id: string }) => r.id),
    );
  });

  it('comments and suggestions close when the consultation deadline has passed', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Text.');
    await status(draft.id, { status: 'consultation', deadline: future() }).expect(200);
    await app.dataSource.query(
      `UPDATE drafts SET consultation_deadline = now() - interval '1 minute' WHERE id = $1`,
      [draft.id],
    );
    const res = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/comments`)
      .send({ body: 'spät' })
      .expect(409);
    expect(res.body).toMatchObject({
      code: 'DRAFT_LOCKED',
      message: expect.stringMatching(/consultation has ended/),
    });
  });

  it('named revisions list their authors; diffs by paragraph; restore is a new change', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Absatz eins.\n\nAbsatz zwei.');
    const first = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/revisions`)
      .send({ label: 'Entwurf A' })
      .expect(201);
    expect(first.body).toMatchObject({
      number: 1,
      label: 'Entwurf A',
      kind: 'manual',
      version: 1,
      content: 'Absatz eins.\n\nAbsatz zwei.',
      creator: expect.objectContaining({ id: group.people.member.id }),
      authors: [expect.objectContaining({ id: group.people.member.id })],
    });
    await as(app, group.people.moderator)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Absatz eins.\n\nAbsatz zwei, neu.\n\nAbsatz drei.', baseVersion: 1 })
      .expect(200);
    const second = await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/revisions`)
      .send({ label: 'Entwurf B' })
      .expect(201);
    expect(second.body.authors).toEqual([expect.objectContaining({ id: group.people.moderator.id })]);

    const diff = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${draft.id}/diff?from=${first.body.id}&to=${second.body.id}`)
      .expect(200);
    expect(diff.body.ops).toEqual([
      { op: 'equal', fromIndex: 0, toIndex: 0, text: 'Absatz eins.' },
      { op: 'delete', fromIndex: 1, toIndex: null, text: 'Absatz zwei.' },
      { op: 'insert', fromIndex: null, toIndex: 1, text: 'Absatz zwei, neu.' },
      { op: 'insert', fromIndex: null, toIndex: 2, text: 'Absatz drei.' },
    ]);
    expect(diff.body.unified).toBe(
      [
        '--- Revision 1 (Entwurf A)',
        '+++ Revision 2 (Entwurf B)',
        '@@ -1,2 +1,3 @@',
        ' Absatz eins.',
        '-Absatz zwei.',
        '+Absatz zwei, neu.',
        '+Absatz drei.',
        '',
      ].join('\n'),
    );
    expect(diff.body).toMatchObject({
      from: { id: first.body.id },
      to: { id: second.body.id },
      toVersion: 2,
    });

    const restored = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/revisions/${first.body.id}/restore`)
      .expect(200);
    expect(restored.body).toMatchObject({ content: 'Absatz eins.\n\nAbsatz zwei.', version: 3 });
    const list = await as(app, group.people.observer).get(`/api/v1/drafts/${draft.id}/revisions`).expect(200);
    expect(
      list.body.items.map((r: { number: number; kind: string; version: number }) => [
        r.number,
        r.kind,
        r.version,
      ]),
    ).toEqual([
      [3, 'restore', 3],
      [2, 'manual', 2],
      [1, 'manual', 1],
    ]);
    const toCurrent = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${draft.id}/diff?from=${second.body.id}`)
      .expect(200);
    expect(toCurrent.body).toMatchObject({
      to: null,
      toVersion: 3,
      stats: { equal: 1, deleted: 2, inserted: 1 },
    });
  });

  it('exports Markdown and HTML of any revision with an appendix, escaping HTML', async () => {
    const draft = await givenDraft(
      app,
      group.people.member,
      topicId,
      '# Ziele <script>alert(1)</script>\n\nText & mehr.',
    );
    const suggestion = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/suggestions`)
      .send({ anchor: { start: 26, end: 30 }, replacement: 'Inhalt', rationale: 'Besser <b>so</b>' })
      .expect(201);
    await as(app, group.people.owner)
      .post(`/api/v1/drafts/${draft.id}/suggestions/${suggestion.body.id}/reject`)
      .send({ reason: 'Nein "danke" <img src=x onerror=alert(1)>' })
      .expect(200);
    const comment = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/comments`)
      .send({ body: 'Erledigt <i>?</i>', anchor: { start: 0, end: 7 } })
      .expect(201);
    await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/comments/${comment.body.id}/resolve`)
      .expect(200);
    const revision = await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/revisions`)
      .send({ label: 'Export' })
      .expect(201);
    await as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Später geändert.', baseVersion: 1 })
      .expect(200);

    const md = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${draft.id}/export?format=markdown&revision=${revision.body.id}`)
      .expect(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.text).toContain('# Ziele <script>alert(1)</script>\n\nText & mehr.');
    // German by default: the export's own words and dates as the network reads them.
    expect(md.text).toMatch(/Fassung 1: Export \(\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}\)/);
    expect(md.text).toMatch(/## Anhang[\s\S]*### Entscheidungen[\s\S]*\*\*Abgelehnt\*\*/);
    expect(md.text).toMatch(/\*\*Abgelehnt\*\*[\s\S]*Grund der Ablehnung: Nein "danke"/);
    expect(md.text).toMatch(/### Erledigte Kommentare[\s\S]*Erledigt <i>\?<\/i>/);
    expect(md.text).not.toContain('Später geändert.');

    const html = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${draft.id}/export?format=html&revision=${revision.body.id}`)
      .expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain('<h1>Ziele &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html.text).toContain('<p>Text &amp; mehr.</p>');
    expect(html.text).toContain('<html lang="de">');
    expect(html.text).toContain(
      'Grund der Ablehnung: Nein &quot;danke&quot; &lt;img src=x onerror=alert(1)&gt;',
    );
    expect(html.text).toContain('Begründung: Besser &lt;b&gt;so&lt;/b&gt;');
    expect(html.text).toContain('Erledigt &lt;i&gt;?&lt;/i&gt;');
    expect(html.text).not.toMatch(/<script|<img|<b>so|<i>\?/);

    // In English on request; any other language is a 400.
    const en = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${draft.id}/export?format=html&revision=${revision.body.id}&lang=en`)
      .expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Reason: Nein &quot;danke&quot;');
    expect(en.text).toMatch(/<h2>Appendix<\/h2><h3>Decisions<\/h3>[\s\S]*<h3>Resolved comments<\/h3>/);
    await as(app, group.people.observer).get(`/api/v1/drafts/${draft.id}/export?lang=fr`).expect(400);

    const current = await as(app, group.people.observer).get(`/api/v1/drafts/${draft.id}/export`).expect(200);
    expect(current.text).toContain('Später geändert.');
  });
});
