import { docText } from '../support/doc-text';
import * as Y from 'yjs';
import { as, givenGroup, TestGroup, TestUser } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe, TestSocket } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';
import { givenDraft, getDraft, seeded } from '../drafts/draft-support';

/** A browser-like editor over a real socket: a Y.Doc kept in step through draft:sync / draft:update. */
class SocketEditor {
  readonly doc = new Y.Doc();
  readonly text = docText(this.doc);
  private pending: Uint8Array[] = [];
  private sending: Promise<unknown> = Promise.resolve();

  constructor(
    public socket: TestSocket,
    readonly draftId: string,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') this.pending.push(update);
    });
    this.listen();
  }

  listen(): void {
    this.socket.on('draft:update', ({ draftId, update }) => {
      if (draftId === this.draftId) Y.applyUpdate(this.doc, new Uint8Array(update), 'remote');
    });
  }

  /** Subscribe, fetch what is missing, then send everything the server may lack (offline edits). */
  async connect(socket?: TestSocket): Promise<void> {
    if (socket) {
      this.socket = socket;
      this.listen();
    }
    expect(await subscribe(this.socket, `draft:${this.draftId}`)).toMatchObject({ ok: true });
    const ack = await this.socket
      .timeout(10_000)
      .emitWithAck('draft:sync', { draftId: this.draftId, stateVector: Y.encodeStateVector(this.doc) });
    if (!ack.ok) throw new Error(ack.error.message);
    Y.applyUpdate(this.doc, new Uint8Array(ack.update), 'remote');
    this.pending = [Y.encodeStateAsUpdate(this.doc)];
    await this.flush();
  }

  /** Sends queued local updates (merged), one request at a time, like the browser binding. */
  flush(): Promise<unknown> {
    this.sending = this.sending.then(async () => {
      if (!this.pending.length) return;
      const update = Y.mergeUpdates(this.pending);
      this.pending = [];
      const ack = await this.socket
        .timeout(10_000)
        .emitWithAck('draft:update', { draftId: this.draftId, update });
      if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
    });
    return this.sending;
  }

  toString(): string {
    return this.text.toString();
  }
}

describe('live co-editing over socket.io', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  const sockets: TestSocket[] = [];
  const open = async (user: TestUser, target = app) => {
    const s = await connectSocket(target, user.accessToken);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app.close();
  });

  it('two editors make 1,000 random concurrent edits each to one paragraph: identical text everywhere', async () => {
    const draft = await givenDraft(app, group.owner, topicId, 'Integration gelingt vor Ort.');
    const a = new SocketEditor(await open(group.people.member), draft.id);
    const b = new SocketEditor(await open(group.people.moderator), draft.id);
    await a.connect();
    await b.connect();
    const random = seeded(42);
    const edit = (e: SocketEditor) => {
      const len = e.text.length;
      if (len > 5 && random() < 0.35)
        e.text.delete(Math.floor(random() * (len - 1)), 1 + Math.floor(random() * 2));
      else
        e.text.insert(
          Math.floor(random() * (len + 1)),
          'abcdefghijklmnopqrstuvwxyzäöü '[Math.floor(random() * 30)],
        );
    };
    for (let i = 0; i < 1000; i++) {
      edit(a);
      edit(b);
      if (i % 10 === 9) {
        void a.flush();
        void b.flush();
      }
    }
    await Promise.all([a.flush(), b.flush()]);
    await expectEventually(() => expect(a.toString()).toBe(b.toString()), { timeoutMs: 20_000 });
    await expectEventually(async () =>
      expect((await getDraft(app, group.owner, draft.id)).content).toBe(a.toString()),
    );
    expect(a.toString().length).toBeGreaterThan(0);
  });

  it('refuses edits while the draft is in consultation (DRAFT_LOCKED), malformed updates, and unsubscribed sockets', async () => {
    const draft = await givenDraft(app, group.owner, topicId, 'Entwurf zur Konsultation.');
    const s = await open(group.people.member);
    const notYet = await s
      .timeout(5000)
      .emitWithAck('draft:update', { draftId: draft.id, update: new Uint8Array([0, 0]) });
    expect(notYet).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const editor = new SocketEditor(s, draft.id);
    await editor.connect();
    for (const bad of [new Uint8Array([1, 2, 3, 250, 251]), 'text', null]) {
      const ack = await s
        .timeout(5000)
        .emitWithAck('draft:update', { draftId: draft.id, update: bad as never });
      expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    const deadline = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    await as(app, group.owner)
      .post(`/api/v1/drafts/${draft.id}/status`)
      .send({ status: 'consultation', deadline })
      .expect(200);
    editor.text.insert(0, 'Zu spät: ');
    await expect(editor.flush()).rejects.toThrow(/DRAFT_LOCKED/);
    expect((await getDraft(app, group.owner, draft.id)).content).toBe('Entwurf zur Konsultation.');
  });

  it('observers read along but may not write', async () => {
    const draft = await givenDraft(app, group.owner, topicId, 'Nur lesen.');
    const editor = new SocketEditor(await open(group.people.observer), draft.id);
    await subscribe(editor.socket, `draft:${draft.id}`);
    const ack = await editor.socket.timeout(5000).emitWithAck('draft:sync', { draftId: draft.id });
    expect(ack).toMatchObject({ ok: true, version: expect.any(Number) });
    editor.text.insert(0, 'x');
    await expect(editor.flush()).rejects.toThrow(/FORBIDDEN/);
  });

  it('an update is broadcast to the other editors of the draft, not echoed to its sender', async () => {
    const draft = await givenDraft(app, group.owner, topicId, 'Echo?');
    const a = new SocketEditor(await open(group.people.member), draft.id);
    const b = new SocketEditor(await open(group.people.moderator), draft.id);
    await a.connect();
    await b.connect();
    const heardBy = { a: [] as Array<number | undefined>, b: [] as Array<number | undefined> };
    a.socket.on('draft:update', ({ version }) => heardBy.a.push(version));
    b.socket.on('draft:update', ({ version }) => heardBy.b.push(version));
    a.text.insert(a.text.length, ' Von A.');
    await a.flush();
    await expectEventually(() => expect(b.toString()).toBe('Echo? Von A.'));
    b.text.insert(b.text.length, ' Von B.');
    await b.flush();
    // A's own update would have come before B's (one socket, in order): A hears only B's.
    await expectEventually(() => expect(a.toString()).toBe('Echo? Von A. Von B.'));
    expect(heardBy.a).toHaveLength(1);
    expect(heardBy.b).toHaveLength(1);
    expect(heardBy.b[0]).toEqual(expect.any(Number));
    expect(heardBy.b[0]! + 1).toBe(heardBy.a[0]);
  });

  it('write access kept on the socket ends with a role change to observer and with removal', async () => {
    const g = await givenGroup(app);
    const draft = await givenDraft(app, g.owner, (await givenTopic(app, g)).id, 'Rechte.');
    const member = new SocketEditor(await open(g.people.member), draft.id);
    const moderator = new SocketEditor(await open(g.people.moderator), draft.id);
    await member.connect();
    await moderator.connect();
    member.text.insert(member.text.length, ' M.');
    await member.flush();
    moderator.text.insert(moderator.text.length, ' Mod.');
    await moderator.flush();
    await as(app, g.owner)
      .patch(`/api/v1/groups/${g.id}/members/${g.people.member.id}`)
      .send({ role: 'observer' })
      .expect(200);
    member.text.insert(0, 'Als Beobachter: ');
    await expect(member.flush()).rejects.toThrow(/FORBIDDEN/);
    await as(app, g.owner).delete(`/api/v1/groups/${g.id}/members/${g.people.moderator.id}`).expect(204);
    moderator.text.insert(0, 'Entfernt: ');
    await expect(moderator.flush()).rejects.toThrow(/FORBIDDEN|NOT_FOUND/);
    expect((await getDraft(app, g.owner, draft.id)).content).toBe('Rechte. M. Mod.');
  });

  it('REST edits reach live editors; awareness is relayed to the others', async () => {
    const draft = await givenDraft(app, group.owner, topicId, 'Absatz eins.');
    const live = new SocketEditor(await open(group.people.member), draft.id);
    await live.connect();
    const other = await open(group.people.moderator);
    await subscribe(other, `draft:${draft.id}`);
    const seen: Uint8Array[] = [];
    other.on('draft:awareness', ({ update }) => seen.push(update));
    live.socket.emit('draft:awareness', { draftId: draft.id, update: new Uint8Array([1, 2, 3]) });
    await expectEventually(() => expect(seen).toHaveLength(1));
    const current = await getDraft(app, group.owner, draft.id);
    await as(app, group.owner)
      .put(`/api/v1/drafts/${draft.id}/content`)
      .send({ content: 'Absatz eins, ergänzt.', baseVersion: current.version })
      .expect(200);
    await expectEventually(() => expect(live.toString()).toBe('Absatz eins, ergänzt.'));
  });

  it('an api restart mid-session loses nothing; an editor that was offline merges its edits on reconnect', async () => {
    const draft = await givenDraft(app, group.owner, topicId, 'Grundtext.');
    const a = new SocketEditor(await open(group.people.member), draft.id);
    const b = new SocketEditor(await open(group.people.moderator), draft.id);
    await a.connect();
    await b.connect();
    a.text.insert(a.text.length, ' Von A.');
    await a.flush();
    await expectEventually(() => expect(b.toString()).toBe('Grundtext. Von A.'));

    await app.close(); // the api goes away; b keeps typing offline
    b.text.insert(0, 'B offline: ');
    app = await startTestApp();
    await a.connect(await open(group.people.member));
    await b.connect(await open(group.people.moderator));
    await expectEventually(() => {
      expect(a.toString()).toBe('B offline: Grundtext. Von A.');
      expect(b.toString()).toBe(a.toString());
    });
    expect((await getDraft(app, group.owner, draft.id)).content).toBe('B offline: Grundtext. Von A.');
  });
});
