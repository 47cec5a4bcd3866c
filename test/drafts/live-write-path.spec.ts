import { docText } from '../support/doc-text';
import * as Y from 'yjs';
import { DraftDocStore } from '@runde/drafts';
import { as, givenGroup, TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp } from '../support/test-app';
import { callerOf, failureOf, getDraft, givenDraft, seeded, SimEditor, syncOf } from './draft-support';

/** The live write path: group commit, optimistic versions across processes, coalesced content_text. */
describe('live updates: group commit, two api processes, content_text', () => {
  let app: TestApp;
  let other: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp();
    other = await startTestApp(); // a second api process: same database, same Redis prefix
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(async () => {
    await other?.close();
    await app?.close();
  });

  const row = async (draftId: string) =>
    (
      await app.dataSource.query(`SELECT version, content_text, content_version FROM drafts WHERE id = $1`, [
        draftId,
      ])
    )[0] as { version: number; content_text: string; content_version: number };

  it('updates queued together are committed in one statement, broadcast and acknowledged in version order', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Start.');
    const sync = syncOf(app);
    const people = [group.people.member, group.people.moderator, group.owner];
    const editors = Array.from(
      { length: 20 },
      (_, i) => new SimEditor(sync, callerOf(people[i % people.length]), draft.id),
    );
    for (const e of editors) await e.connect();
    const base = (await row(draft.id)).version;
    const emitted: Array<{ version: number; update: Uint8Array; origin: string | null }> = [];
    const off = sync.onUpdate((draftId, update, origin, version) => {
      if (draftId === draft.id) emitted.push({ version, update, origin });
    });
    const acked: Array<{ editor: number; version: number }> = [];
    try {
      const sent = editors.map((e, i) => {
        const before = Y.encodeStateVector(e.doc);
        e.text.insert(e.text.length, ` E${i}`);
        return { update: Y.encodeStateAsUpdate(e.doc, before), caller: e.caller };
      });
      // Sent in one go (as from 20 sockets whose access was checked at their first update).
      await Promise.all(
        sent.map(({ update, caller }, i) =>
          sync
            .applyUpdate(caller, draft.id, update, { writeAccessChecked: true })
            .then(({ version }) => acked.push({ editor: i, version })),
        ),
      );
    } finally {
      off();
    }
    // Every update got its own version, consecutive, broadcast in order, and acknowledged in that same order.
    expect(emitted.map((e) => e.version)).toEqual(Array.from({ length: 20 }, (_, i) => base + 1 + i));
    expect(acked.map((a) => a.version)).toEqual(emitted.map((e) => e.version));
    // The log holds exactly what was broadcast, with the authors, committed in fewer transactions than updates.
    const logged: Array<{ version: number; update: Buffer; author_id: string; tx: string }> =
      await app.dataSource.query(
        `SELECT version, update, author_id, xmin::text AS tx FROM draft_updates
          WHERE draft_id = $1 AND version > $2 ORDER BY version`,
        [draft.id, base],
      );
    expect(logged.map((r) => r.version)).toEqual(emitted.map((e) => e.version));
    logged.forEach((r, i) => {
      expect(new Uint8Array(r.update)).toEqual(new Uint8Array(emitted[i].update));
      expect(r.author_id).toBe(emitted[i].origin);
    });
    expect(new Set(logged.map((r) => r.tx)).size).toBeLessThan(20);
    // Everything is in the text, once.
    const server = await getDraft(app, group.people.observer, draft.id);
    expect(server.version).toBe(base + 20);
    for (let i = 0; i < 20; i++)
      expect(server.content.match(new RegExp(` E${i}(?!\\d)`, 'g'))).toHaveLength(1);
  });

  it('the batches of several drafts commit in one statement; a draft that moved elsewhere or closed is handled alone', async () => {
    const sync = syncOf(app);
    const drafts = [];
    for (let i = 0; i < 5; i++)
      drafts.push(await givenDraft(app, group.people.member, topicId, `Entwurf ${i}.`));
    const editors = drafts.map((d) => new SimEditor(sync, callerOf(group.people.member), d.id));
    for (const e of editors) await e.connect();
    const bases = await Promise.all(drafts.map(async (d) => (await row(d.id)).version));
    // Draft 3 moves on in the other api process (this one's document is now behind); draft 4 is adopted.
    const elsewhere = new SimEditor(syncOf(other), callerOf(group.people.moderator), drafts[3].id);
    await elsewhere.connect();
    elsewhere.text.insert(0, 'Anderswo. ');
    await elsewhere.flush();
    await app.dataSource.query(`UPDATE drafts SET status = 'adopted' WHERE id = $1`, [drafts[4].id]);

    // The group commit is a named prepared statement: it goes to the pg pool as { name, text, values }.
    const pool = (app.dataSource.driver as unknown as { master: { query: (...args: unknown[]) => unknown } })
      .master;
    const statements = jest.spyOn(pool, 'query');
    let outcomes: Array<PromiseSettledResult<number>>;
    let calls: Array<[string, unknown[]]>;
    try {
      // Sent in one go, as from sockets whose write access was checked at their first update.
      outcomes = await Promise.allSettled(
        editors.map((e, i) => {
          const before = Y.encodeStateVector(e.doc);
          e.text.insert(e.text.length, ` Zusatz ${i}`);
          const update = Y.encodeStateAsUpdate(e.doc, before);
          return sync
            .applyUpdate(e.caller, e.draftId, update, { writeAccessChecked: true })
            .then((r) => r.version);
        }),
      );
    } finally {
      calls = statements.mock.calls.map(([config]) => {
        const c = config as { text: string; values: unknown[] };
        return [c.text, c.values];
      });
      statements.mockRestore();
    }
    const combined = calls.filter(([sql]) => sql?.includes('WITH v AS MATERIALIZED'));
    expect(combined.length).toBeGreaterThanOrEqual(1);
    expect(
      Math.max(...combined.map(([, params]) => (params as unknown[][])[0].length)),
    ).toBeGreaterThanOrEqual(3);

    expect(outcomes.slice(0, 3)).toEqual(
      bases.slice(0, 3).map((base) => ({ status: 'fulfilled', value: base + 1 })),
    );
    // Behind: caught up under the row lock, then written on top of the other process's version.
    expect(outcomes[3]).toEqual({ status: 'fulfilled', value: bases[3] + 2 });
    expect(outcomes[4].status).toBe('rejected');
    expect((outcomes[4] as PromiseRejectedResult).reason).toMatchObject({ code: 'DRAFT_LOCKED' });
    for (let i = 0; i < 4; i++) {
      const server = await getDraft(app, group.people.observer, drafts[i].id);
      expect(server.content).toContain(`Zusatz ${i}`);
      expect(server.version).toBe(
        outcomes[i].status === 'fulfilled' ? (outcomes[i] as { value: number }).value : -1,
      );
    }
    expect((await getDraft(app, group.people.observer, drafts[3].id)).content).toContain('Anderswo.');
    const adopted = await getDraft(app, group.people.observer, drafts[4].id);
    expect(adopted).toMatchObject({ version: bases[4], content: 'Entwurf 4.' });
  });

  it('GET is exact at once; content_text catches up within about a second (content_version)', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Text.');
    const sync = syncOf(app);
    const a = new SimEditor(sync, callerOf(group.people.member), draft.id);
    await a.connect();
    const rand = seeded(7);
    for (let i = 0; i < 30; i++) {
      a.text.insert(Math.floor(rand() * (a.text.length + 1)), `w${i} `);
      await a.flush();
    }
    // The REST view reads the document when content_text lags (live edits write it at most once a second).
    const now = await getDraft(app, group.people.observer, draft.id);
    expect(now.content).toBe(a.toString());
    expect(now.version).toBe((await row(draft.id)).version);
    const sections = await as(app, group.people.observer)
      .get(`/api/v1/drafts/${draft.id}/sections`)
      .expect(200);
    expect(sections.body.version).toBe(now.version);
    await expectEventually(async () =>
      expect(await row(draft.id)).toEqual({
        version: now.version,
        content_text: a.toString(),
        content_version: now.version,
      }),
    );
  });

  it('two api processes write one draft: no version twice, none lost, the same text everywhere', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Zwei Prozesse.');
    const a = new SimEditor(syncOf(app), callerOf(group.people.member), draft.id);
    const b = new SimEditor(syncOf(other), callerOf(group.people.moderator), draft.id);
    await a.connect();
    await b.connect();
    const versions: number[] = [];
    const offs = [app, other].map((target) =>
      syncOf(target).onUpdate((draftId, update, _origin, version) => {
        if (draftId !== draft.id) return;
        versions.push(version);
        // Each process broadcasts what it committed; the editors get everything from both (the Redis adapter's job).
        for (const e of [a, b]) e.receive(update);
      }),
    );
    const rand = seeded(99);
    try {
      for (let round = 0; round < 60; round++) {
        for (const [e, tag] of [
          [a, 'a'],
          [b, 'b'],
        ] as const) {
          const len = e.text.length;
          if (len > 30 && rand() < 0.3) e.text.delete(Math.floor(rand() * (len - 3)), 2);
          else e.text.insert(Math.floor(rand() * (len + 1)), `${tag}${round} `);
        }
        // Both at once, through different processes: one of them finds the version moved on.
        await Promise.all([a.flush(), b.flush()]);
      }
    } finally {
      for (const off of offs) off();
    }
    const final = (await row(draft.id)).version;
    expect([...versions].sort((x, y) => x - y)).toEqual(
      Array.from({ length: final - 1 }, (_, i) => i + 2), // version 1 is the initial text
    );
    const [{ count }] = await app.dataSource.query(
      `SELECT count(*)::int AS count FROM draft_updates WHERE draft_id = $1`,
      [draft.id],
    );
    expect(count).toBe(final);
    expect(a.toString()).toBe(b.toString());
    for (const target of [app, other]) {
      expect((await getDraft(target, group.people.observer, draft.id)).content).toBe(a.toString());
      const { update } = await syncOf(target).syncStep(callerOf(group.people.observer), draft.id);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, update);
      expect(docText(doc).toString()).toBe(a.toString());
    }
  }, 60_000);

  it('a status change in another process: the next live update is DRAFT_LOCKED and nothing of it stays', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Bald gesperrt.');
    const live = new SimEditor(syncOf(other), callerOf(group.people.member), draft.id);
    await live.connect(); // `other` holds the document now
    live.text.insert(live.text.length, ' Noch');
    await live.flush();
    live.text.insert(live.text.length, ' offen.');
    await live.flush(); // within a second of the first: content_text may still show the one before
    const deadline = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    await as(app, group.owner)
      .post(`/api/v1/drafts/${draft.id}/status`)
      .send({ status: 'consultation', deadline })
      .expect(200);
    live.text.insert(0, 'Zu spät: ');
    expect(await failureOf(live.flush())).toEqual({ status: 409, code: 'DRAFT_LOCKED' });
    const expected = 'Bald gesperrt. Noch offen.';
    expect((await getDraft(app, group.owner, draft.id)).content).toBe(expected);
    // The process that refused it does not keep the refused edit in its document either.
    const { update } = await syncOf(other).syncStep(callerOf(group.owner), draft.id);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    expect(docText(doc).toString()).toBe(expected);
    // The status change's revision has the text of that moment although live edits had left content_text behind.
    const revisions = await as(app, group.owner).get(`/api/v1/drafts/${draft.id}/revisions`).expect(200);
    const latest = await as(app, group.owner)
      .get(`/api/v1/drafts/${draft.id}/revisions/${revisions.body.items[0].id}`)
      .expect(200);
    expect(latest.body.content).toBe(expected);
  });

  it('a live-edited draft whose log fails to load is an error for GET and sync, never an empty text', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Bleibt.');
    const a = new SimEditor(syncOf(app), callerOf(group.people.member), draft.id);
    await a.connect();
    a.text.insert(a.text.length, ' Live.');
    await a.flush();
    await app.dataSource.query(`UPDATE draft_updates SET update = $2 WHERE draft_id = $1 AND version = 1`, [
      draft.id,
      Buffer.from([0x01, 0x05, 0xff]),
    ]);
    // As if the process stopped before writing the text: content_text shows an older version.
    await app.dataSource.query(
      `UPDATE drafts SET content_text = 'Bleibt.', content_version = 1 WHERE id = $1`,
      [draft.id],
    );
    app.api.get(DraftDocStore).evict(draft.id);
    await as(app, group.people.member).get(`/api/v1/drafts/${draft.id}`).expect(500);
    expect(await failureOf(syncOf(app).syncStep(callerOf(group.people.member), draft.id))).toEqual({
      status: 500,
      code: 'INTERNAL_ERROR',
    });
    expect(await row(draft.id)).toMatchObject({ content_text: 'Bleibt.', content_version: 1 });
  });
});
