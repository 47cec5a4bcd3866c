import { RealtimeClient } from '@runde/client';
import { expectEventually } from '../support/expect-eventually';
import { givenUser, TestUser } from '../support/factories';
import { connectError, connectSocket, newSocket, subscribe, TestSocket } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

describe('connections per account (SOCKET_MAX_PER_USER)', () => {
  let app: TestApp;
  const sockets: Array<{ close(): unknown }> = [];
  beforeAll(async () => {
    app = await startTestApp({ env: { SOCKET_MAX_PER_USER: '3', SOCKET_RETRY_AFTER_SECONDS: '1' } });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app.close();
  });

  const open = async (user: TestUser) => {
    const socket = await connectSocket(app, user.accessToken);
    sockets.push(socket);
    return socket;
  };

  /** Once its places are given back, the account holds three connections again, and not a fourth. */
  const expectThreePlacesFree = async (user: TestUser) => {
    await expectEventually(async () => expect((await open(user)).connected).toBe(true));
    await open(user);
    await open(user);
    expect((await connectError(app.url, { token: user.accessToken })).message).toBe('rate_limited');
  };

  it('refuses one connection too many with rate_limited and when to try again; others are not affected', async () => {
    const user = await givenUser(app);
    const held: TestSocket[] = [];
    for (let i = 0; i < 3; i++) held.push(await open(user));
    expect(await subscribe(held[2], `user:${user.id}`)).toMatchObject({ ok: true });

    const refused = (await connectError(app.url, { token: user.accessToken })) as Error & { data?: unknown };
    expect(refused.message).toBe('rate_limited');
    expect(refused.data).toEqual({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('At most 3 connections'),
      reason: 'CONNECTION_LIMIT',
      retryAfterSeconds: 1,
    });
    // The refusal touched none of the open ones.
    expect(held.every((s) => s.connected)).toBe(true);

    // The limit is per account.
    const other = await givenUser(app);
    expect((await open(other)).connected).toBe(true);

    // Closing one frees its place.
    held[0].close();
    await expectEventually(async () => {
      const again = await open(user);
      expect(again.connected).toBe(true);
    });
    // And it is taken again: one more is refused.
    expect((await connectError(app.url, { token: user.accessToken })).message).toBe('rate_limited');
  });

  it('keeps no more than the limit when many handshakes of one account arrive together', async () => {
    const user = await givenUser(app);
    const burst = Array.from({ length: 12 }, () => {
      const socket = newSocket(app.url, { token: user.accessToken });
      sockets.push(socket);
      return socket;
    });
    const outcomes = await Promise.all(
      burst.map(
        (socket) =>
          new Promise<string>((resolve) => {
            socket.once('connect', () => resolve('connected'));
            socket.once('connect_error', (err) => resolve(err.message));
          }),
      ),
    );
    expect(outcomes.filter((o) => o === 'connected')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'rate_limited')).toHaveLength(9);
    for (const socket of burst) socket.close();
    // Every place is given back.
    await expectThreePlacesFree(user);
  });

  it('gives back the place of a handshake whose client left before it was through', async () => {
    const user = await givenUser(app);
    // Each client goes as soon as its transport is open, while the server is still checking its token.
    for (let i = 0; i < 30; i++) {
      const socket = newSocket(app.url, { token: user.accessToken });
      // socket.io sends its CONNECT as the transport opens; closing then lets it go out first (a flush).
      await new Promise<void>((resolve) => {
        socket.io.engine.once('open', () => {
          socket.io.engine.close();
          resolve();
        });
        socket.once('connect_error', () => resolve());
      });
      socket.close();
    }
    await expectThreePlacesFree(user);
  });

  it('the client library waits as told and connects by itself once a place is free', async () => {
    const user = await givenUser(app);
    const held: TestSocket[] = [];
    for (let i = 0; i < 3; i++) held.push(await open(user));
    const client = new RealtimeClient({ url: app.url, token: () => user.accessToken });
    sockets.push(client);
    const states: string[] = [];
    client.onStateChange((state) => states.push(state));
    await expectEventually(() => expect(states).toContain('limited'));
    expect(client.socket.connected).toBe(false);
    // retryAfterSeconds is 1 here: the next try is due about a second from now (spread by up to a quarter).
    expect(client.limitedUntil).toBeGreaterThan(Date.now() - 1000);
    expect(client.limitedUntil).toBeLessThanOrEqual(Date.now() + 1250);
    held[1].close();
    await expectEventually(() => expect(client.connectionState).toBe('online'));
    expect(client.limitedUntil).toBeNull();
    expect(client.socket.connected).toBe(true);
    const ack = await client.subscribe(`user:${user.id}`, { onEvent: () => undefined });
    expect(ack).toMatchObject({ ok: true });
  });
});
