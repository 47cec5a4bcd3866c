import { createServer, Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { Server, Socket } from 'socket.io';
import { io, Socket as ClientSocket } from 'socket.io-client';
import { coalesceFrames } from './frame-coalescing';

/** A real socket.io server and client over TCP; counts the server's TCP writes to the client's connection. */
describe('coalesceFrames', () => {
  let http: HttpServer;
  let server: Server;
  let client: ClientSocket;
  let peer: Socket;

  async function start(coalesce: boolean, transports: Array<'websocket' | 'polling'>): Promise<void> {
    http = createServer();
    server = new Server(http);
    if (coalesce) coalesceFrames(server);
    const connected = new Promise<Socket>((resolve) => server.once('connection', resolve));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    client = io(`http://127.0.0.1:${port}`, { transports, reconnection: false });
    peer = await connected;
    await new Promise<void>((resolve) =>
      client.connected ? resolve() : client.once('connect', () => resolve()),
    );
  }

  afterEach(async () => {
    client?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** Counts write system calls on the server's TCP socket of this client (writev or write). */
  function countWrites(): () => number {
    const raw = (peer.conn as unknown as { transport: { socket: { _socket: NetSocket } } }).transport.socket
      ._socket as NetSocket & {
      _writev?: (...args: unknown[]) => void;
      _write: (...args: unknown[]) => void;
    };
    let writes = 0;
    const writev = raw._writev?.bind(raw);
    const write = raw._write.bind(raw);
    if (writev)
      raw._writev = (...args: unknown[]) => {
        writes++;
        writev(...args);
      };
    raw._write = (...args: unknown[]) => {
      writes++;
      write(...args);
    };
    return () => writes;
  }

  function received(event: string, count: number): Promise<unknown[][]> {
    return new Promise((resolve) => {
      const all: unknown[][] = [];
      client.on(event, (...args: unknown[]) => {
        all.push(args);
        if (all.length === count) resolve(all);
      });
    });
  }

  it('sends a binary event (placeholder + attachment) in one write, unchanged', async () => {
    await start(true, ['websocket']);
    const writes = countWrites();
    const arrived = received('draft:update', 1);
    peer.emit('draft:update', { draftId: 'd1', update: Buffer.from([1, 2, 3, 250]), version: 7 });
    const [[payload]] = await arrived;
    expect(payload).toEqual({ draftId: 'd1', update: Buffer.from([1, 2, 3, 250]), version: 7 });
    expect(writes()).toBe(1);
  });

  it('without it the same event takes two writes (what this saves)', async () => {
    await start(false, ['websocket']);
    const writes = countWrites();
    const arrived = received('draft:update', 1);
    peer.emit('draft:update', { draftId: 'd1', update: Buffer.from([1, 2, 3]), version: 7 });
    await arrived;
    expect(writes()).toBe(2);
  });

  it('sends the events of one tick together, in order; later ticks are sent on their own', async () => {
    await start(true, ['websocket']);
    const writes = countWrites();
    const arrived = received('event', 6);
    for (let i = 1; i <= 5; i++) peer.emit('event', { seq: i, update: i % 2 ? Buffer.from([i]) : undefined });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const afterFirstTick = writes();
    peer.emit('event', { seq: 6 });
    const all = await arrived;
    expect(all.map(([e]) => (e as { seq: number }).seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((all[0][0] as { update: Buffer }).update).toEqual(Buffer.from([1]));
    expect(afterFirstTick).toBe(1);
    expect(writes()).toBe(2);
  });

  it('leaves long-polling connections working', async () => {
    await start(true, ['polling']);
    const arrived = received('draft:update', 2);
    peer.emit('draft:update', { n: 1, update: Buffer.from([9]) });
    peer.emit('draft:update', { n: 2 });
    const all = await arrived;
    expect(all.map(([e]) => e)).toEqual([{ n: 1, update: Buffer.from([9]) }, { n: 2 }]);
  });

  it('answers acks and lets the server disconnect after a last event', async () => {
    await start(true, ['websocket']);
    peer.on('ping:me', (n: number, ack: (r: number) => void) => ack(n + 1));
    await expect(client.timeout(2000).emitWithAck('ping:me', 41)).resolves.toBe(42);
    const last = received('bye', 1);
    const gone = new Promise<string>((resolve) => client.once('disconnect', resolve));
    peer.emit('bye', { update: Buffer.from([1]) });
    peer.disconnect(true);
    await last;
    await expect(gone).resolves.toBe('io server disconnect');
  });
});
