import { RealtimeClient, Envelope } from '@runde/client';
import { streamName, UnitOfWork } from '@runde/events';
import { givenGroup, TestGroup } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

describe('delivery guarantees', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(() => app.close());

  it('an event whose api process died before delivering it still reaches subscribers (outbox sweep + emitter)', async () => {
    const thread = await givenThread(app, group.owner, topicId);
    const socket = await connectSocket(app, group.people.member.accessToken);
    try {
      await subscribe(socket, `thread:${thread.id}`);
      // Committed, but neither relayed nor emitted: what a crash right after COMMIT leaves behind.
      const { events } = await app.api.get(UnitOfWork).runWithoutRelay(async (tx) => {
        tx.append(streamName('thread', thread.id), 'system.probe', { note: 'after a crash' }, null);
      });
      await expectEventually(() => expect(socket.received.map((e) => e.id)).toContain(events[0].id), {
        timeoutMs: 15_000,
      });
      expect(socket.received.find((e) => e.id === events[0].id)).toMatchObject({
        seq: 2,
        stream: `thread:${thread.id}`,
      });
    } finally {
      socket.close();
    }
  });

  it('the client library: a dropped connection reconnects and fills what it missed, once and in order', async () => {
    const thread = await givenThread(app, group.owner, topicId);
    const seen: Envelope[] = [];
    const client = new RealtimeClient({ url: app.url, token: () => group.people.member.accessToken });
    try {
      const ack = await client.subscribe(`thread:${thread.id}`, { onEvent: (e) => seen.push(e) }, 1);
      expect(ack).toMatchObject({ ok: true, head: 1 });
      await givenPost(app, group.owner, thread.id, 'vorher');
      await expectEventually(() => expect(seen.map((e) => e.seq)).toEqual([2]));

      // Cut the transport (as a network drop would); socket.io reconnects by itself.
      client.socket.io.engine.close();
      for (let i = 0; i < 5; i++) await givenPost(app, group.owner, thread.id, `während ${i}`);
      await expectEventually(() => expect(seen.map((e) => e.seq)).toEqual([2, 3, 4, 5, 6, 7]), {
        timeoutMs: 15_000,
      });
      await givenPost(app, group.owner, thread.id, 'danach');
      await expectEventually(() => expect(seen.map((e) => e.seq)).toEqual([2, 3, 4, 5, 6, 7, 8]));
      expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    } finally {
      client.close();
    }
  });

  it('the client library fills a gap it notices (an event lost in between)', async () => {
    const thread = await givenThread(app, group.owner, topicId);
    const seen: number[] = [];
    const client = new RealtimeClient({
      url: app.url,
      token: () => group.people.member.accessToken,
      gapTimeoutMs: 50,
    });
    try {
      await client.subscribe(`thread:${thread.id}`, { onEvent: (e) => seen.push(e.seq) }, 1);
      // An event that never reaches this client live: committed without relay; the next one is delivered live.
      await app.api.get(UnitOfWork).runWithoutRelay(async (tx) => {
        tx.append(streamName('thread', thread.id), 'system.probe', { note: 'lost' }, null);
      });
      await givenPost(app, group.owner, thread.id, 'sichtbar');
      await expectEventually(() => expect(seen).toEqual([2, 3]));
    } finally {
      client.close();
    }
  });
});
