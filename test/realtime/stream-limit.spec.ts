import { givenThread, givenTopic } from '../support/discussion-factories';
import { givenGroup, TestGroup } from '../support/factories';
import { connectSocket, subscribe, TestSocket } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

describe('streams per socket (SOCKET_MAX_STREAMS)', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    app = await startTestApp({ env: { SOCKET_MAX_STREAMS: '3' } });
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app.close();
  });

  it('refuses a stream beyond the limit, lets a followed one catch up, and frees a place on unsubscribe', async () => {
    const member = group.people.member;
    const threads = [
      await givenThread(app, group.owner, topicId),
      await givenThread(app, group.owner, topicId),
    ];
    const socket = await connectSocket(app, member.accessToken);
    sockets.push(socket);
    for (const stream of [`user:${member.id}`, `group:${group.id}`, `topic:${topicId}`])
      expect(await subscribe(socket, stream)).toMatchObject({ ok: true });

    expect(await subscribe(socket, `thread:${threads[0].id}`)).toEqual({
      ok: false,
      error: {
        code: 'RATE_LIMITED',
        message: expect.stringContaining('At most 3 streams'),
        reason: 'STREAM_LIMIT',
      },
    });
    // A followed stream can always be subscribed again (that is how a client catches up).
    expect(await subscribe(socket, `topic:${topicId}`, 0)).toMatchObject({
      ok: true,
      head: expect.any(Number),
    });

    await socket.timeout(5000).emitWithAck('unsubscribe', { stream: `group:${group.id}` });
    expect(await subscribe(socket, `thread:${threads[0].id}`)).toMatchObject({ ok: true });
    expect(await subscribe(socket, `thread:${threads[1].id}`)).toMatchObject({
      ok: false,
      error: { reason: 'STREAM_LIMIT' },
    });

    // Another socket of the same person has its own places.
    const second = await connectSocket(app, member.accessToken);
    sockets.push(second);
    expect(await subscribe(second, `thread:${threads[1].id}`)).toMatchObject({ ok: true });
  });
});
