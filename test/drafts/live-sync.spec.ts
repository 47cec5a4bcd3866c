import { givenGroup, TestGroup } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';
import { callerOf, getDraft, givenDraft, seeded, SimEditor, syncOf } from './draft-support';
import { as } from '../support/factories';

/** One random edit inside the (single) paragraph: insert a word or delete a few characters. */
function randomEdit(editor: SimEditor, rand: () => number, tag: string): void {
  const length = editor.text.length;
  if (length > 20 && rand() < 0.4) {
    const at = Math.floor(rand() * (length - 5));
    editor.text.delete(at, 1 + Math.floor(rand() * 4));
  } else {
    editor.text.insert(Math.floor(rand() * (length + 1)), `${tag}${Math.floor(rand() * 100)} `);
  }
}

describe('live co-editing through DraftSyncService', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app?.close());

  it('two editors make 1,000 random concurrent edits each to one paragraph: identical text everywhere', async () => {
    const draft = await givenDraft(
      app,
      group.people.member,
      topicId,
      'Gemeinsamer Absatz über Integration vor Ort.',
    );
    const sync = syncOf(app);
    const a = new SimEditor(sync, callerOf(group.people.member), draft.id);
    const b = new SimEditor(sync, callerOf(group.people.moderator), draft.id);
    await a.connect();
    await b.connect();
    const inbox = new Map<SimEditor, Uint8Array[]>([
      [a, []],
      [b, []],
    ]);
    const off = sync.onUpdate((draftId, update, origin) => {
      if (draftId !== draft.id) return;
      for (const editor of [a, b]) if (editor.caller.id !== origin) inbox.get(editor)!.push(update);
    });
    const rand = seeded(20261124);
    const edits = new Map([
      [a, 0],
      [b, 0],
    ]);
    const inFlight: Array<Promise<unknown>> = [];
    try {
      while (edits.get(a)! < 1000 || edits.get(b)! < 1000) {
        const editor = rand() < 0.5 ? a : b;
        const roll = rand();
        if (roll < 0.6 && edits.get(editor)! < 1000) {
          randomEdit(editor, rand, editor === a ? 'a' : 'b');
          edits.set(editor, edits.get(editor)! + 1);
        } else if (roll < 0.85) {
          inFlight.push(editor.flush()); // not awaited: updates of both editors race to the server
        } else {
          const received = inbox.get(editor)!.splice(0);
          for (const update of received) editor.receive(update);
        }
        if (inFlight.length >= 16) await Promise.all(inFlight.splice(0));
      }
      inFlight.push(a.flush(), b.flush());
      await Promise.all(inFlight);
      for (const editor of [a, b]) for (const update of inbox.get(editor)!.splice(0)) editor.receive(update);
    } finally {
      off();
    }
    const server = await getDraft(app, group.people.observer, draft.id);
    expect(a.toString()).toBe(b.toString());
    expect(server.content).toBe(a.toString());
    expect(server.version).toBeGreaterThan(100);
    expect(server.content).toMatch(/a\d+ .*b\d+ |b\d+ .*a\d+ /);
    expect(server.content).not.toContain('\n');
  }, 120_000);

  it('a client offline for a while with local edits reconnects and its edits merge', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Erstens. Zweitens. Drittens.');
    const sync = syncOf(app);
    const online = new SimEditor(sync, callerOf(group.people.member), draft.id);
    const offline = new SimEditor(sync, callerOf(group.people.moderator), draft.id);
    await online.connect();
    await offline.connect();
    // Offline: edits pile up locally, nothing is sent or received.
    offline.text.insert(0, 'Vorweg: ');
    offline.text.insert(offline.text.length, ' Offline ergänzt.');
    // Meanwhile the others go on, live and over REST.
    online.text.insert(online.toString().indexOf('Zweitens'), 'Online. ');
    await online.flush();
    const current = await getDraft(app, group.people.owner, draft.id);
    await as(app, group.people.owner)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: current.content.replace('Drittens', 'Drittens (REST)'), baseVersion: current.version })
      .expect(200);
    // Back online: sync step 1 both ways.
    await offline.connect();
    await online.connect();
    const expected = 'Vorweg: Erstens. Online. Zweitens. Drittens (REST). Offline ergänzt.';
    expect(offline.toString()).toBe(expected);
    expect(online.toString()).toBe(expected);
    expect((await getDraft(app, group.people.observer, draft.id)).content).toBe(expected);
  });

  it('the api restarted mid-session loses nothing; both editors resume', async () => {
    const draft = await givenDraft(app, group.people.member, topicId, 'Vor dem Neustart.');
    const a = new SimEditor(syncOf(app), callerOf(group.people.member), draft.id);
    const b = new SimEditor(syncOf(app), callerOf(group.people.moderator), draft.id);
    await a.connect();
    await b.connect();
    const rand = seeded(42);
    for (let i = 0; i < 50; i++) {
      randomEdit(a, rand, 'a');
      randomEdit(b, rand, 'b');
      await Promise.all([a.flush(), b.flush()]);
    }
    const acknowledged = (await getDraft(app, group.people.member, draft.id)).version;
    await app.close();
    // While the api is down both keep typing.
    for (let i = 0; i < 10; i++) {
      randomEdit(a, rand, 'A');
      randomEdit(b, rand, 'B');
    }
    app = await startTestApp();
    a.sync = syncOf(app);
    b.sync = syncOf(app);
    await a.connect();
    await b.connect();
    await a.connect();
    expect(a.toString()).toBe(b.toString());
    const after = await getDraft(app, group.people.member, draft.id);
    expect(after.content).toBe(a.toString());
    expect(after.version).toBeGreaterThan(acknowledged);
    for (const marker of ['A', 'B']) expect(after.content).toMatch(new RegExp(`${marker}\\d+ `));
  }, 60_000);
});
