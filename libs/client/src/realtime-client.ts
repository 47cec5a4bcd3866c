import { io, Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  Envelope,
  PresenceUser,
  ServerToClientEvents,
  SubscribeAck,
} from './protocol';
import { canonicalStream } from './stream-name';
import { StreamTracker } from './stream-tracker';

export interface StreamHandlers {
  onEvent: (event: Envelope) => void;
  /** The history was too old to replay: reload the view over REST, then events continue from `head`. */
  onResync?: (head: number) => void;
  onPresence?: (users: PresenceUser[]) => void;
  onTyping?: (userId: string) => void;
  /** The server ended the subscription (access revoked). */
  onRevoked?: () => void;
  onError?: (error: { code: string; message: string }) => void;
}

export interface RealtimeClientOptions {
  url: string;
  token: () => string | Promise<string>;
  /** How long an out-of-order event may wait for the one before it before the client asks for the gap. */
  gapTimeoutMs?: number;
  /** Extra socket.io-client options (transports, path, …). */
  socketOptions?: Record<string, unknown>;
}

/**
 * `limited`: the server refused the connection because the account holds too many at once (`rate_limited`, e.g.
 * dozens of open tabs); the client connects again by itself after the wait the server named (`retryAt`).
 */
type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'limited' | 'offline';

interface Subscription {
  handlers: StreamHandlers;
  tracker: StreamTracker;
  gapTimer?: ReturnType<typeof setTimeout>;
  active: boolean;
}

/**
 * The realtime client used by the browser and the tests: tracks `seq` per stream, detects gaps and fills them
 * with `subscribe {since}`, and re-subscribes with `since` after every reconnect — so each consumer sees every
 * event once, in order. Streams are named with their id in either case and kept under the server's spelling
 * (`canonicalStream`), the one the envelopes carry.
 */
export class RealtimeClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly subs = new Map<string, Subscription>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private state: ConnectionState = 'connecting';
  private readonly gapTimeoutMs: number;
  private closed = false;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private retryAt = 0;

  constructor(private readonly options: RealtimeClientOptions) {
    this.gapTimeoutMs = options.gapTimeoutMs ?? 300;
    this.socket = io(options.url, {
      transports: ['websocket'],
      auth: (cb: (data: { token: string }) => void) => {
        void Promise.resolve(options.token()).then((token) => cb({ token }));
      },
      reconnectionDelay: 250,
      reconnectionDelayMax: 5000,
      ...(options.socketOptions ?? {}),
    }) as Socket<ServerToClientEvents, ClientToServerEvents>;

    this.socket.on('connect', () => {
      this.setState('online');
      for (const stream of this.subs.keys()) void this.resubscribe(stream);
    });
    this.socket.on('disconnect', () => this.setState(this.socket.active ? 'reconnecting' : 'offline'));
    this.socket.on('connect_error', (error: Error & { data?: { retryAfterSeconds?: unknown } }) => {
      // Refused for holding too many connections at once: socket.io does not retry a refusal by itself, so try
      // again when the server says (spread a little, so that many tabs do not come back in the same instant).
      if (error.message === 'rate_limited' && !this.socket.active) {
        const seconds = Number(error.data?.retryAfterSeconds);
        const waitMs =
          (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000 * (1 + Math.random() / 4);
        clearTimeout(this.retryTimer);
        this.retryAt = Date.now() + waitMs;
        this.retryTimer = setTimeout(() => {
          if (!this.closed && !this.socket.connected) this.socket.connect();
        }, waitMs);
        return this.setState('limited');
      }
      this.setState(this.socket.active ? 'reconnecting' : 'offline');
    });
    this.socket.on('event', (event) => this.onEvent(event));
    this.socket.on('presence', ({ stream, users }) => this.subs.get(stream)?.handlers.onPresence?.(users));
    this.socket.on('typing', ({ stream, userId }) => this.subs.get(stream)?.handlers.onTyping?.(userId));
    this.socket.on('unsubscribed', ({ stream }) => {
      const sub = this.subs.get(stream);
      if (!sub) return;
      this.forget(stream);
      sub.handlers.onRevoked?.();
    });
    this.socket.on('token_expiring', () => void this.refreshAuth());
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** While `limited`: when (ms since the epoch) the client connects again. */
  get limitedUntil(): number | null {
    return this.state === 'limited' ? this.retryAt : null;
  }

  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  lastSeq(stream: string): number | undefined {
    return this.subs.get(canonicalStream(stream))?.tracker.lastSeq;
  }

  /** Subscribes; `since` = the seq the caller's view already reflects (e.g. from a REST load). */
  async subscribe(name: string, handlers: StreamHandlers, since?: number): Promise<SubscribeAck> {
    const stream = canonicalStream(name);
    const sub: Subscription = {
      handlers,
      tracker: new StreamTracker((e) => handlers.onEvent(e), since ?? 0),
      active: true,
    };
    this.subs.set(stream, sub);
    const ack = await this.request(stream, since);
    if (!ack.ok) this.forget(stream);
    return ack;
  }

  unsubscribe(name: string): void {
    const stream = canonicalStream(name);
    if (!this.subs.has(stream)) return;
    this.forget(stream);
    this.socket.emit('unsubscribe', { stream });
  }

  typing(stream: string): void {
    this.socket.emit('typing', { stream: canonicalStream(stream) });
  }

  /** Sends a fresh token for the running connection (before the old one expires). */
  async refreshAuth(): Promise<Ack> {
    const token = await this.options.token();
    return this.socket
      .timeout(10_000)
      .emitWithAck('auth', { token })
      .catch(() => ({
        ok: false as const,
        error: { code: 'INTERNAL_ERROR' as const, message: 'no answer' },
      }));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    for (const stream of [...this.subs.keys()]) this.forget(stream);
    this.socket.close();
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private forget(stream: string): void {
    const sub = this.subs.get(stream);
    if (sub?.gapTimer) clearTimeout(sub.gapTimer);
    if (sub) sub.active = false;
    this.subs.delete(stream);
  }

  private async request(stream: string, since?: number): Promise<SubscribeAck> {
    let ack: SubscribeAck;
    try {
      ack = await this.socket
        .timeout(10_000)
        .emitWithAck('subscribe', since === undefined ? { stream } : { stream, since });
    } catch {
      return { ok: false, error: { code: 'INTERNAL_ERROR', message: 'subscribe timed out' } };
    }
    const sub = this.subs.get(stream);
    if (!sub || !sub.active) return ack;
    if (!ack.ok) {
      sub.handlers.onError?.(ack.error);
      return ack;
    }
    if (ack.resync) {
      sub.tracker.reset(ack.head);
      sub.handlers.onResync?.(ack.head);
    } else {
      sub.tracker.pushAll(ack.missed);
      if (since === undefined && sub.tracker.lastSeq === 0) sub.tracker.reset(ack.head);
    }
    this.checkGap(stream);
    return ack;
  }

  private async resubscribe(stream: string): Promise<void> {
    const sub = this.subs.get(stream);
    if (!sub) return;
    await this.request(stream, sub.tracker.lastSeq);
  }

  private onEvent(event: Envelope): void {
    const sub = this.subs.get(event.stream);
    if (!sub) return;
    sub.tracker.push(event);
    this.checkGap(event.stream);
  }

  /** An event is waiting for an earlier one: if the gap is still open after a moment, ask for it. */
  private checkGap(stream: string): void {
    const sub = this.subs.get(stream);
    if (!sub) return;
    if (!sub.tracker.hasGap) {
      if (sub.gapTimer) clearTimeout(sub.gapTimer);
      sub.gapTimer = undefined;
      return;
    }
    if (sub.gapTimer) return;
    sub.gapTimer = setTimeout(() => {
      sub.gapTimer = undefined;
      if (sub.active && sub.tracker.hasGap && this.socket.connected)
        void this.request(stream, sub.tracker.lastSeq);
    }, this.gapTimeoutMs);
  }
}
