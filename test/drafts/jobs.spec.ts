import { docText } from '../support/doc-text';
import * as Y from 'yjs';
import {
  COMPACT_EVERY,
  compactionMark,
  DraftDocStore,
  DraftTextSettler,
  DraftUpdateAnnouncer,
} from '@runde/drafts';
import { JobName, QueueService, UnitOfWork } from '@runde/events';
import { as, givenGroup, TestGroup } from '../support/factories';
import { eventsOf, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp } from '../support/test-app';
import { callerOf, getDraft, givenDraft, seeded, SimEditor, syncOf } from './draft-support';

describe('draft jobs in the worker: coalesced draft.updated, compaction', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  const snapshots = async (draftId: string): Promise<number[]> =>
    (
      await app.dataSource.query(`SELECT version FROM draft_snapshots WHERE draft_id = $1 ORDER BY version`, [
        draftId,
      ])
    ).map((r: { version: number }) => r.version);

  async function compact(draftId: string, tag: string): Promise<void> {
    const job = `compact-draft-${draftId}-${tag}`;
    await app.api.get(QueueService).add(JobName.CompactDraft, { draftId }, { jobId: job });
    await expectEventually(async () => {
      const state = await app.queues.find((q) => q.name === 'maintenance')!.getJobState(job);
      expect(state).toBe('completed');
    });
  }

  async function liveText(draftId: string): Promise<string> {
    const { update } = await syncOf(app).syncStep(callerOf(group.people.observer), draftId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    return docText(doc).toString();
  }

  it('announces draft.updated at most once per draft and second, with the version reached; seq stays gapless', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Los.');
    const editor = new SimEditor(syncOf(app), callerOf(group.people.member), draft.id);
    await editor.connect();
    await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/comments`)
      .send({ body: 'vorher' })
      .expect(201);
    const started = Date.now();
    for (let i = 0; i < 40; i++) {
      editor.text.insert(editor.text.length, ` ${i}`);
      await editor.flush();
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    const seconds = Math.ceil((Date.now() - started) / 1000) + 1;
    const final = (await getDraft(app, group.people.member, draft.id)).version;
    expect(final).toBe(41);
    const updated = await expectEventually(async () => {
      const events = (await eventsOf(app, `draft:${draft.id}`)).filter((e) => e.type === 'draft.updated');
      expect(events.at(-1)?.data).toEqual({ draftId: draft.id, version: final });
      return events;
    });
    expect(updated.length).toBeGreaterThanOrEqual(2);
    expect(updated.length).toBeLessThanOrEqual(seconds + 1);
    const versions = updated.map((e) => e.data.version as number);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    // A REST edit is announced too; and the whole stream is numbered 1, 2, 3, … with no gap.
    await as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Neu.', baseVersion: final })
      .expect(200);
    const all = await expectEventually(async () => {
      const events = await eventsOf(app, `draft:${draft.id}`);
      expect(events.at(-1)).toMatchObject({ type: 'draft.updated', data: { version: final + 1 } });
      return events;
    });
    expect(all[0].type).toBe('draft.comment_added');
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
  });

  it('rebuilds the text an api process left behind (it died before writing it) once nobody edits the draft', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Anfang.');
    const editor = new SimEditor(syncOf(app), callerOf(group.people.member), draft.id);
    await editor.connect();
    for (let i = 0; i < 5; i++) {
      editor.text.insert(editor.text.length, ` Satz ${i}.`);
      await editor.flush();
    }
    const textRow = async () =>
      (
        await app.dataSource.query(
          `SELECT version, content_version, content_text FROM drafts WHERE id = $1`,
          [draft.id],
        )
      )[0] as { version: number; content_version: number; content_text: string };
    // The api writes the text itself (at most once a second, and when typing stops)…
    await expectEventually(async () => expect((await textRow()).content_version).toBe(6));
    // …what a crash before that write leaves behind: the text of an older version.
    await app.dataSource.query(
      `UPDATE drafts SET content_text = 'Anfang.', content_version = 1 WHERE id = $1`,
      [draft.id],
    );
    const settler = app.worker!.get(DraftTextSettler);
    // Edited within the idle threshold (a minute here, so a slow machine cannot make it pass): its api process
    // may still be writing; nothing is done yet.
    expect(await settler.settle(draft.id, 60_000)).toEqual({ rebuilt: null });
    expect((await textRow()).content_version).toBe(1);
    // Nobody editing (no wait needed for the test: the idle threshold is a parameter): rebuilt from the log.
    expect(await settler.settle(draft.id, 0)).toEqual({ rebuilt: 6 });
    const row = await textRow();
    expect(row).toEqual({ version: 6, content_version: 6, content_text: await liveText(draft.id) });
    expect(row.content_text).toBe('Anfang. Satz 0. Satz 1. Satz 2. Satz 3. Satz 4.');
    expect(await settler.settle(draft.id, 0)).toEqual({ rebuilt: null });

    // The worker schedules that check itself with each announcement: a delayed job after the ten-second window.
    await expectEventually(async () => {
      const delayed = await app.queues.find((q) => q.name === 'maintenance')!.getDelayed();
      const mine = delayed.filter((j) => j.name === 'settle-draft-text' && j.data.draftId === draft.id);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine[0].id).toMatch(new RegExp(`^settle-draft-text-${draft.id}-\\d+$`));
    });
  });

  it('announcing never takes the draft row lock that live commits need', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Gesperrt.');
    const editor = new SimEditor(syncOf(app), callerOf(group.people.member), draft.id);
    await editor.connect();
    editor.text.insert(0, 'Neu: ');
    const version = await editor.flush();
    // Someone holds the draft's row (as a live commit does while it runs): the announcement does not wait for it.
    const holder = app.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    let blocked: NodeJS.Timeout | undefined;
    try {
      await holder.query(`SELECT id FROM drafts WHERE id = $1 FOR UPDATE`, [draft.id]);
      const announced = await Promise.race([
        app.worker!.get(DraftUpdateAnnouncer).announce(draft.id),
        new Promise<'blocked'>((resolve) => (blocked = setTimeout(() => resolve('blocked'), 3000))),
      ]);
      expect(announced).toEqual({ version });
    } finally {
      // The timer must not outlive the test: a jest worker with a pending timer is force-exited at the end of a run.
      clearTimeout(blocked);
      await holder.rollbackTransaction();
      await holder.release();
    }
    // Announced once: the same version again is no news.
    expect(await app.worker!.get(DraftUpdateAnnouncer).announce(draft.id)).toEqual({ version: null });
  });

  it('announcements that run at once are written together: each draft its version once, a repeat no news', async () => {
    const drafts = [
      await givenDraft(app, group.people.member, topicId, 'Eins.'),
      await givenDraft(app, group.people.member, topicId, 'Zwei.'),
      await givenDraft(app, group.people.member, topicId, 'Drei.'),
    ];
    // The windows' own announcement jobs wait meanwhile (they would announce first, whenever a window ends).
    const events = app.queues.find((q) => q.name === 'events')!;
    await events.pause();
    const versions: number[] = [];
    let results: Array<{ version: number | null }>;
    const announcer = app.worker!.get(DraftUpdateAnnouncer);
    const [a, b, c] = drafts.map((d) => d.id);
    try {
      for (const draft of drafts) {
        const editor = new SimEditor(syncOf(app), callerOf(group.people.member), draft.id);
        await editor.connect();
        editor.text.insert(0, 'Neu: ');
        const version = await editor.flush();
        expect(version).not.toBeNull();
        versions.push(version!);
      }
      const transactions = jest.spyOn(app.worker!.get(UnitOfWork), 'run');
      results = await Promise.all([
        announcer.announce(a),
        announcer.announce(b),
        announcer.announce(a.toUpperCase()),
        announcer.announce(c),
      ]);
      expect(transactions).toHaveBeenCalledTimes(1);
      transactions.mockRestore();
    } finally {
      await events.resume();
    }
    expect(results).toEqual([
      { version: versions[0] },
      { version: versions[1] },
      { version: null },
      { version: versions[2] },
    ]);
    for (const [i, draft] of drafts.entries()) {
      const updated = (await eventsOf(app, `draft:${draft.id}`)).filter((e) => e.type === 'draft.updated');
      expect(updated.map((e) => e.data)).toEqual([{ draftId: draft.id, version: versions[i] }]);
    }
  });

  it('the compaction job folds the log into a snapshot and keeps the text identical, also after a restart', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Basis.');
    const a = new SimEditor(syncOf(app), callerOf(group.people.member), draft.id);
    const rand = seeded(99);
    for (let i = 0; i < 120; i++) {
      const len = a.text.length;
      if (len > 10 && rand() < 0.3) a.text.delete(Math.floor(rand() * (len - 3)), 2);
      else a.text.insert(Math.floor(rand() * len), `w${i} `);
      if (i === 0) await a.connect();
      else await a.flush();
    }
    const before = await getDraft(app, group.people.member, draft.id);
    expect(a.toString()).toBe(before.content);
    await compact(draft.id, 'first');
    // Besides this one there may be the automatic one, taken at or after the draft's first compaction point (somewhere
    // in 1…500) when its job ran.
    const taken = await snapshots(draft.id);
    expect(taken.at(-1)).toBe(before.version);
    expect(taken.length).toBeLessThanOrEqual(2);
    if (taken.length === 2) expect(compactionMark(draft.id, taken[0])).toBeGreaterThan(0);
    // Loaded from the snapshot alone (as after a restart): the same text.
    app.api.get(DraftDocStore).evict(draft.id);
    expect(await liveText(draft.id)).toBe(before.content);
    // Editing goes on on top of the snapshot; a stale REST edit still merges (the updates are kept).
    a.text.insert(0, 'Titel: ');
    await a.flush();
    const stale = await as(app, group.people.owner)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: `${before.content} Ende.`, baseVersion: before.version })
      .expect(200);
    // Markdown has no spaces at the start or end of a paragraph's lines: the merged text reads without them.
    const trimmed = (text: string) => text.replace(/[ \t]+$/gm, '').replace(/^[ \t]+/gm, '');
    expect(stale.body.content).toBe(trimmed(`Titel: ${before.content} Ende.`));

    await app.close();
    app = await startTestApp({ worker: true });
    expect(await liveText(draft.id)).toBe(trimmed(`Titel: ${before.content} Ende.`));
  });

  it('prunes updates older than the retention that a snapshot and a revision cover; text stays identical', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Eins.');
    for (const content of ['Eins. Zwei.', 'Eins. Zwei. Drei.']) {
      const current = await getDraft(app, group.people.member, draft.id);
      await as(app, group.people.member)
        .put(`/api/v1/drafts/${draft.id}/content`)
        .send({ content, baseVersion: current.version })
        .expect(200);
    }
    await as(app, group.people.member)
      .post(`/api/v1/drafts/${draft.id}/revisions`)
      .send({ label: 'Stand' })
      .expect(201);
    await compact(draft.id, 'snapshot');
    await app.dataSource.query(
      `UPDATE draft_updates SET created_at = now() - interval '8 days' WHERE draft_id = $1`,
      [draft.id],
    );
    await compact(draft.id, 'prune');
    const left = await app.dataSource.query(`SELECT version FROM draft_updates WHERE draft_id = $1`, [
      draft.id,
    ]);
    expect(left).toEqual([]);
    expect(await snapshots(draft.id)).toEqual([3]);
    app.api.get(DraftDocStore).evict(draft.id);
    expect(await liveText(draft.id)).toBe('Eins. Zwei. Drei.');
    // A base older than what is kept cannot be merged precisely: 409 with the current draft.
    const old = await as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Eins!', baseVersion: 1 })
      .expect(409);
    expect(old.body).toMatchObject({
      code: 'CONFLICT',
      details: [{ content: 'Eins. Zwei. Drei.', version: 3 }],
    });
    await as(app, group.people.member)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Eins. Zwei. Drei. Vier.', baseVersion: 3 })
      .expect(200);
    expect(await liveText(draft.id)).toBe('Eins. Zwei. Drei. Vier.');
  });

  it('every 500 versions compaction is scheduled by itself (at a point shifted per draft)', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, '');
    const editor = new SimEditor(syncOf(app), callerOf(group.people.member), draft.id);
    await editor.connect();
    // The draft's first compaction point: somewhere in 1…500, the same in every process.
    let point = 1;
    while (compactionMark(draft.id, point) <= 0) point++;
    expect(point).toBeLessThanOrEqual(COMPACT_EVERY);
    for (let i = 0; i < point; i++) {
      editor.text.insert(editor.text.length, String(i % 10));
      await editor.flush();
    }
    await expectEventually(async () => expect(await snapshots(draft.id)).toEqual([point]));
    app.api.get(DraftDocStore).evict(draft.id);
    expect(await liveText(draft.id)).toBe(editor.toString());
  }, 60_000);
});
