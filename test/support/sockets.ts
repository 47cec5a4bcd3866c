import { io, Socket } from 'socket.io-client';
import type { ClientToServerEvents, Envelope, ServerToClientEvents, SubscribeAck } from '@runde/client';
import type { TestApp } from './test-app';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents> & { received: Envelope[] };

/** A real socket.io client over a real WebSocket; collects every `event` it receives. */
export async function connectSocket(app: TestApp | string, token?: string): Promise<TestSocket> {
  const url = typeof app === 'string' ? app : app.url;
  const socket = io(url, {
    transports: ['websocket'],
    auth: token ? { token } : {},
    reconnection: false,
    forceNew: true,
  }) as TestSocket;
  socket.received = [];
  socket.on('event', (e) => socket.received.push(e));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

export function subscribe(socket: TestSocket, stream: string, since?: number): Promise<SubscribeAck> {
  return socket.timeout(5000).emitWithAck('subscribe', since === undefined ? { stream } : { stream, since });
}

/** A socket.io client of its own (no shared manager), connecting at once and never by itself again. */
export function newSocket(url: string, auth: Record<string, unknown>): Socket {
  return io(url, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
}

export function connectError(url: string, auth: Record<string, unknown>): Promise<Error> {
  return new Promise((resolve, reject) => {
    const socket = newSocket(url, auth);
    socket.once('connect', () => {
      socket.close();
      reject(new Error('connected unexpectedly'));
    });
    socket.once('connect_error', (err) => {
      socket.close();
      resolve(err);
    });
  });
}
