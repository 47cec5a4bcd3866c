import { streamName, UnitOfWork } from '@runde/events';
import { as, givenGroup, givenUser, PASSWORD, TestGroup, TestUser } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe, TestSocket } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

/** Revocation must reach the socket wherever it is connected: within a second, on every api process. */
const WITHIN = { timeoutMs: 1000, intervalMs: 20 };

/**
 * Two api processes sharing Postgres and Redis (each with its own socket.io server, joined by the Redis adapter;
 * the first one also runs the worker). The change is made through `one`; the person's socket is on `two`.
 */
describe('revocation across api processes', () => {
  let one: TestApp;
  let two: TestApp;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    one = await startTestApp({ worker: true });
    two = await startTestApp();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await two.close();
    await one.close();
  });

  async function onTwo(user: TestUser, streams: string[]) {
    const socket = await connectSocket(two, user.accessToken);
    sockets.push(socket);
    for (const stream of streams) expect(await subscribe(socket, stream)).toMatchObject({ ok: true });
    const revoked: string[] = [];
    socket.on('unsubscribed', ({ stream }) => revoked.push(stream));
    return { socket, revoked };
  }

  async function groupWithThread(): Promise<{ g: TestGroup; threadId: string; topicId: string }> {
    const g = await givenGroup(one);
    const topicId = (await givenTopic(one, g)).id;
    return { g, topicId, threadId: (await givenThread(one, g.owner, topicId)).id };
  }

  it('a member removed through the other process stops receiving within a second', async () => {
    const { g, threadId } = await groupWithThread();
    const streams = [`thread:${threadId}`, `group:${g.id}`];
    const { socket, revoked } = await onTwo(g.people.member, streams);
    await as(one, g.owner).delete(`/api/v1/groups/${g.id}/members/${g.people.member.id}`).expect(204);
    await expectEventually(() => expect(revoked.sort()).toEqual([...streams].sort()), WITHIN);
    const before = socket.received.length;
    await givenPost(one, g.owner, threadId, 'nicht mehr für Sie');
    // A watcher on the same process that still may read: once it has the post, the removed member would have too.
    const watcher = await connectSocket(two, g.owner.accessToken);
    sockets.push(watcher);
    await subscribe(watcher, `thread:${threadId}`);
    await givenPost(one, g.owner, threadId, 'und noch einer');
    await expectEventually(() => expect(watcher.received.length).toBeGreaterThanOrEqual(1));
    expect(socket.received.slice(before)).toEqual([]);
  });

  it('a topic made group-only through the other process ends an outsider’s subscriptions within a second', async () => {
    const g = await givenGroup(one);
    const topic = await givenTopic(one, g, 'network');
    const thread = await givenThread(one, g.owner, topic.id);
    const outsider = await givenUser(one);
    const streams = [`topic:${topic.id}`, `thread:${thread.id}`];
    const { revoked } = await onTwo(outsider, streams);
    await as(one, g.owner).patch(`/api/v1/topics/${topic.id}`).send({ visibility: 'group' }).expect(200);
    await expectEventually(() => expect(revoked.sort()).toEqual([...streams].sort()), WITHIN);
  });

  it('an account erased through the other process loses its connections within a second', async () => {
    const g = await givenGroup(one);
    const topic = await givenTopic(one, g, 'network');
    const leaving = await givenUser(one);
    await as(one, g.owner)
      .post(`/api/v1/groups/${g.id}/members`)
      .send({ userId: leaving.id, role: 'member' });
    // A network topic stays readable for any account: only the end of the connection takes it away.
    const { socket } = await onTwo(leaving, [`topic:${topic.id}`, `group:${g.id}`]);
    await as(one, leaving).delete('/api/v1/me').send({ password: PASSWORD }).expect(204);
    await expectEventually(() => expect(socket.connected).toBe(false), WITHIN);
  });

  it('a renewed token re-checks every subscription (a change that reached no process by itself)', async () => {
    const { g, threadId } = await groupWithThread();
    const { socket, revoked } = await onTwo(g.people.member, [`thread:${threadId}`]);
    // The membership ends without an event (as if every notice of it had been lost).
    await one.dataSource.query(`DELETE FROM group_members WHERE group_id = $1 AND user_id = $2`, [
      g.id,
      g.people.member.id,
    ]);
    const renewed = await as(one)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: g.people.member.refreshToken })
      .expect(200);
    expect(await socket.timeout(5000).emitWithAck('auth', { token: renewed.body.accessToken })).toEqual({
      ok: true,
    });
    await expectEventually(() => expect(revoked).toEqual([`thread:${threadId}`]), WITHIN);
  });

  it('a device signed out through the other process loses its live connection within a second; others stay', async () => {
    const g = await givenGroup(one);
    const person = g.people.member;
    // A second sign-in of the same person: another device.
    const login = await as(one)
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: person.password })
      .expect(200);
    const other = { ...person, accessToken: login.body.accessToken as string };
    const first = await onTwo(person, [`group:${g.id}`]);
    const second = await onTwo(other, [`group:${g.id}`]);
    const sessions = await as(one, other).get('/api/v1/me/sessions').expect(200);
    const target = (sessions.body.items as Array<{ id: string; current: boolean }>).find((s) => !s.current)!;
    expect(target).toBeDefined();
    // Signed out from the second device: the first device's socket ends, the second's stays.
    await as(one, other).delete(`/api/v1/me/sessions/${target.id}`).expect(204);
    await expectEventually(() => expect(first.socket.connected).toBe(false), WITHIN);
    expect(second.socket.connected).toBe(true);
  });

  it('a removal delivered by the worker’s sweep (the committing api process died) revokes on every process', async () => {
    const { g, threadId } = await groupWithThread();
    const { revoked } = await onTwo(g.people.member, [`thread:${threadId}`, `group:${g.id}`]);
    // Committed without live delivery or publishing, as by an api process killed right after its commit.
    await one.api.get(UnitOfWork).runWithoutRelay(async (tx) => {
      await tx.manager.query(`DELETE FROM group_members WHERE group_id = $1 AND user_id = $2`, [
        g.id,
        g.people.member.id,
      ]);
      tx.append(
        streamName('group', g.id),
        'member.removed',
        { groupId: g.id, userId: g.people.member.id },
        g.owner.id,
      );
    });
    // The worker's sweep (every second in tests, after a 2 s grace) delivers it and asks for the re-check.
    await expectEventually(
      () => expect(revoked.sort()).toEqual([`group:${g.id}`, `thread:${threadId}`].sort()),
      { timeoutMs: 15_000 },
    );
  });
});
