/**
 * Event-loop responsiveness of a server, measured from outside: every 100 ms a dedicated socket sends a malformed
 * `unsubscribe`, which the server answers at once with a VALIDATION_FAILED ack (no database, no Redis). The round
 * trip is the time the message waited for the server's event loop, plus ~0.2 ms of socket work on both ends.
 */
import { io, Socket } from 'socket.io-client';
import { Histogram } from './histogram';
import { now } from './rpc';

export class LoopProbe {
  private socket?: Socket;
  private timer?: ReturnType<typeof setInterval>;
  private outstanding = 0;
  readonly samples: Array<[number, number]> = [];
  timeouts = 0;

  constructor(
    private readonly url: string,
    private readonly token?: string,
  ) {}

  async start(intervalMs = 100): Promise<void> {
    const socket = io(this.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      auth: this.token ? { token: this.token } : {},
    });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (e) => reject(e));
    });
    this.timer = setInterval(() => {
      if (!socket.connected || this.outstanding > 50) return;
      const sentAt = now();
      this.outstanding += 1;
      socket
        .timeout(10_000)
        .emitWithAck('unsubscribe', {})
        .then(
          () => this.samples.push([sentAt, now() - sentAt]),
          () => (this.timeouts += 1),
        )
        .finally(() => (this.outstanding -= 1));
    }, intervalMs);
  }

  between(start: number, end: number): Histogram {
    const h = new Histogram();
    for (const [at, rtt] of this.samples) if (at >= start && at < end) h.record(rtt);
    return h;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.socket?.close();
  }
}
