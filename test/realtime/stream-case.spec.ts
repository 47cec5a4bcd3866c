import { RealtimeClient, type Envelope } from '@runde/client';
import { givenPost, givenThread, useGroupWithTopic } from '../support/discussion-factories';
import { givenDraft } from '../drafts/draft-support';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe, TestSocket } from '../support/sockets';

/**
 * A stream named with its id in upper case is the same stream: the gateway works with `<kind>:<id in lower case>`
 * (the name in the envelopes) once it has checked the name.
 */
describe('stream names in upper case', () => {
  const ctx = useGroupWithTopic();
  const sockets: TestSocket[] = [];
  const clients: RealtimeClient[] = [];
  const open = async (token: string) => {
    const s = await connectSocket(ctx.app, token);
    sockets.push(s);
    return s;
  };
  afterAll(() => {
    for (const s of sockets) s.close();
    for (const c of clients) c.close();
  });
  const upper = (id: string) => id.toUpperCase();

  it('subscribe to thread:<UPPER> acks the thread’s head and delivers its posts; unsubscribe in upper case stops them', async () => {
    const { app, group, topicId } = ctx;
    const thread = await givenThread(app, group.owner, topicId);
    await givenPost(app, group.owner, thread.id, 'zweiter');
    const s = await open(group.people.member.accessToken);
    expect(await subscribe(s, `thread:${upper(thread.id)}`)).toEqual({ ok: true, head: 2, missed: [] });
    await givenPost(app, group.owner, thread.id, 'dritter');
    await expectEventually(() =>
      expect(s.received.map((e) => [e.stream, e.seq, e.type])).toEqual([
        [`thread:${thread.id}`, 3, 'post.created'],
      ]),
    );
    // Catch-up reads the thread's own log, and the lower-case spelling is the same subscription, not a second.
    const again = await subscribe(s, `thread:${thread.id}`, 1);
    expect(again).toMatchObject({ ok: true, head: 3, missed: [{ seq: 2 }, { seq: 3 }] });
    expect(await subscribe(s, `thread:${upper(thread.id)}`, 2)).toMatchObject({
      ok: true,
      head: 3,
      missed: [{ seq: 3, stream: `thread:${thread.id}` }],
    });
    await givenPost(app, group.owner, thread.id, 'vierter');
    await expectEventually(() => expect(s.received.map((e) => e.seq)).toEqual([3, 4]));

    expect(
      await s.timeout(5000).emitWithAck('unsubscribe', { stream: `thread:${upper(thread.id)}` }),
    ).toEqual({
      ok: true,
    });
    const watcher = await open(group.owner.accessToken);
    await subscribe(watcher, `thread:${thread.id}`);
    await givenPost(app, group.owner, thread.id, 'fünfter');
    await expectEventually(() => expect(watcher.received.map((e) => e.seq)).toEqual([5]));
    expect(s.received.map((e) => e.seq)).toEqual([3, 4]);
  });

  it('access and validation are checked as before, in either spelling', async () => {
    const { group } = ctx;
    const s = await open(group.people.member.accessToken);
    expect(await subscribe(s, `user:${upper(group.people.member.id)}`)).toMatchObject({ ok: true });
    expect(await subscribe(s, `user:${upper(group.owner.id)}`)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await subscribe(s, `THREAD:${group.id}`)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await subscribe(s, `thread:${upper(group.id)}`)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('presence and typing on thread:<UPPER> name the lower-case stream and reach those subscribed in lower case', async () => {
    const { app, group, topicId } = ctx;
    const thread = await givenThread(app, group.owner, topicId);
    const stream = `thread:${thread.id}`;
    const a = await open(group.people.member.accessToken);
    const b = await open(group.people.moderator.accessToken);
    const presence: Array<{ stream: string; users: string[] }> = [];
    a.on('presence', (p) => presence.push({ stream: p.stream, users: p.users.map((u) => u.id).sort() }));
    const typing: Array<{ stream: string; userId: string }> = [];
    a.on('typing', (t) => typing.push(t));
    await subscribe(a, stream);
    await subscribe(b, `thread:${upper(thread.id)}`);
    await expectEventually(() =>
      expect(presence.at(-1)).toEqual({
        stream,
        users: [group.people.member.id, group.people.moderator.id].sort(),
      }),
    );
    b.emit('typing', { stream: `thread:${upper(thread.id)}` });
    await expectEventually(() => expect(typing).toEqual([{ stream, userId: group.people.moderator.id }]));
    await b.timeout(5000).emitWithAck('unsubscribe', { stream: `thread:${upper(thread.id)}` });
    await expectEventually(() =>
      expect(presence.at(-1)).toEqual({ stream, users: [group.people.member.id] }),
    );
  });

  it('draft:sync after subscribing to draft:<UPPER> names the draft in either case', async () => {
    const { app, group, topicId } = ctx;
    const draft = await givenDraft(app, group.owner, topicId, 'Großer Entwurf.');
    const s = await open(group.people.member.accessToken);
    expect(await subscribe(s, `draft:${upper(draft.id)}`)).toMatchObject({ ok: true });
    for (const draftId of [draft.id, upper(draft.id)]) {
      expect(await s.timeout(5000).emitWithAck('draft:sync', { draftId })).toMatchObject({ ok: true });
    }
  });

  it('the client library follows a stream asked for in upper case: seq tracking and presence', async () => {
    const { app, group, topicId } = ctx;
    const thread = await givenThread(app, group.owner, topicId);
    const client = new RealtimeClient({ url: app.url, token: () => group.people.member.accessToken });
    clients.push(client);
    const got: Envelope[] = [];
    const present: string[][] = [];
    const ack = await client.subscribe(
      `thread:${upper(thread.id)}`,
      { onEvent: (e) => got.push(e), onPresence: (users) => present.push(users.map((u) => u.id)) },
      1,
    );
    expect(ack).toMatchObject({ ok: true, head: 1 });
    await givenPost(app, group.owner, thread.id, 'für die Bibliothek');
    await expectEventually(() => expect(got.map((e) => e.seq)).toEqual([2]));
    expect(client.lastSeq(`thread:${upper(thread.id)}`)).toBe(2);
    expect(client.lastSeq(`thread:${thread.id}`)).toBe(2);
    await expectEventually(() => expect(present.at(-1)).toEqual([group.people.member.id]));
    client.unsubscribe(`thread:${upper(thread.id)}`);
    expect(client.lastSeq(`thread:${thread.id}`)).toBeUndefined();
  });
});
