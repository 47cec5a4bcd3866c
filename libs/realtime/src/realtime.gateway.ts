import { Inject, Logger, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, RealtimeError, ServerToClientEvents } from '@runde/client';
import { canonicalStream, EventEnvelope, Metrics, PostCommitHooks, parseStream } from '@runde/events';
import { accessNarrowedBy } from '@runde/groups';
import { Authenticator, TokenService, UsersService } from '@runde/identity';
import { APP_CONFIG, AppConfig } from '@runde/platform';
import { DraftChannel } from './draft-channel';
import { RECHECK_EVENT, RecheckFilter, recheckFilterOf } from './recheck';
import { authSchema, subscribeSchema, typingSchema, unsubscribeSchema } from './payloads';
import { PresenceService } from './presence.service';
import { SocketSession } from './socket-session';
import { SubscriptionsService } from './subscriptions.service';
import { TokenBucket } from './token-bucket';

type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketSession>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketSession>;
type Ack<T> = (result: T) => void;

const PRESENCE_KINDS = new Set(['thread', 'draft']);
const PRESENCE_COALESCE_MS = 250;

/**
 * The realtime gateway of the contract: token in the handshake (same code as HTTP), `subscribe` checked by the
 * access policy with catch-up from the event log, `event` envelopes after commit, presence and typing.
 */
@WebSocketGateway({ path: '/socket.io' })
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy, OnApplicationShutdown
{
  @WebSocketServer() server: IoServer;
  private readonly logger = new Logger('Realtime');
  private timers: Array<ReturnType<typeof setInterval>> = [];
  private closing = false;
  private readonly presenceBroadcasts = new Map<string, Promise<void>>();
  /** Open connections per account in this process (SOCKET_MAX_PER_USER). */
  private readonly connectionsPerUser = new Map<string, number>();

  constructor(
    private readonly authenticator: Authenticator,
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly subscriptions: SubscriptionsService,
    private readonly presence: PresenceService,
    private readonly hooks: PostCommitHooks,
    private readonly drafts: DraftChannel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  afterInit(server: IoServer): void {
    this.metrics.countSocketsWith(() => server.engine?.clientsCount ?? 0);
    server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      this.authenticator.authenticate(token).then(
        (caller) => {
          // A place is taken here, synchronously, so that handshakes of one account arriving together cannot
          // all pass; it is given back on `disconnect`, or right away if the connection did not come about.
          const held = this.connectionsPerUser.get(caller.id) ?? 0;
          if (held >= this.config.SOCKET_MAX_PER_USER) return next(this.connectionLimitError());
          this.connectionsPerUser.set(caller.id, held + 1);
          socket.data = { caller, tokenExpiresAt: this.expiryOf(token as string), warned: false };
          next();
          // socket.io connects the socket in the tick that next() queued, before this one (unless the client
          // left meanwhile).
          process.nextTick(() => {
            if (!socket.connected) this.releaseConnection(caller.id);
          });
        },
        () => next(new Error('unauthorized')),
      );
    });
    server.on(RECHECK_EVENT as never, (filter: RecheckFilter) => void this.recheckLocalSafely(filter));
    this.hooks.register((events) => this.deliver(events));
    this.drafts.attach(server as unknown as Server);
    void this.presence.heartbeat().catch(() => undefined);
    this.timers.push(
      setInterval(() => void this.presence.heartbeat().catch(() => undefined), 10_000).unref(),
      setInterval(() => void this.sweepPresence(), 15_000).unref(),
      setInterval(() => this.expiryTick(), 1_000).unref(),
    );
  }

  handleConnection(socket: IoSocket): void {
    for (const [event, handler] of this.socketHandlers) socket.on(event as never, handler as never);
  }

  /** A connection of this account in this process ended (its `disconnect`) or never came about. */
  private releaseConnection(userId: string): void {
    const left = (this.connectionsPerUser.get(userId) ?? 1) - 1;
    if (left > 0) this.connectionsPerUser.set(userId, left);
    else this.connectionsPerUser.delete(userId);
  }

  /**
   * The `connect_error` for one connection too many: message `rate_limited` (beside the contract's
   * `unauthorized`), and in `data` the contract's error body with when to try again. The client library waits
   * that long and connects again.
   */
  private connectionLimitError(): Error & { data: RealtimeError & { retryAfterSeconds: number } } {
    return Object.assign(new Error('rate_limited'), {
      data: {
        code: 'RATE_LIMITED' as const,
        message: `At most ${this.config.SOCKET_MAX_PER_USER} connections per account at once; close one first`,
        reason: 'CONNECTION_LIMIT',
        retryAfterSeconds: this.config.SOCKET_RETRY_AFTER_SECONDS,
      },
    });
  }

  /**
   * The per-socket listeners, made once for all sockets (socket.io calls them with `this` = the socket): an
   * idle connection then costs its listener slots, not a closure of its own per event.
   */
  private readonly socketHandlers = ((gateway: RealtimeGateway) => {
    // Clients may send anything (or no callback at all): payloads are validated, acks checked before use.
    const acked = (ack: unknown): Ack<unknown> =>
      typeof ack === 'function' ? (ack as Ack<unknown>) : () => undefined;
    type Handler = (this: IoSocket, payload: unknown, ack?: unknown) => void;
    const handlers: Array<[string, Handler]> = [
      [
        'subscribe',
        function (payload, ack) {
          gateway.guard(this, acked(ack), () => gateway.subscribe(this, payload, acked(ack)));
        },
      ],
      [
        'unsubscribe',
        function (payload, ack) {
          gateway.guard(this, acked(ack), () => gateway.unsubscribe(this, payload, acked(ack)));
        },
      ],
      [
        'auth',
        function (payload, ack) {
          gateway.guard(this, acked(ack), () => gateway.reauth(this, payload, acked(ack)));
        },
      ],
      [
        'typing',
        function (payload) {
          gateway.guard(this, undefined, () => gateway.typing(this, payload));
        },
      ],
      [
        'draft:sync',
        function (payload, ack) {
          gateway.guard(this, acked(ack), () =>
            gateway.drafts.handleSync(this as never, this.data.caller, payload, acked(ack)),
          );
        },
      ],
      [
        'draft:update',
        function (payload, ack) {
          gateway.guard(this, acked(ack), () =>
            gateway.drafts.handleUpdate(this as never, this.data.caller, payload, acked(ack)),
          );
        },
      ],
      [
        'draft:awareness',
        function (payload) {
          gateway.guard(this, undefined, () => gateway.drafts.handleAwareness(this as never, payload));
        },
      ],
      [
        'disconnect',
        function () {
          gateway.releaseConnection(this.data.caller.id);
        },
      ],
      // Rooms are still known while disconnecting (not after): leave presence here.
      [
        'disconnecting',
        function () {
          const streams = [...this.rooms].filter((r) => PRESENCE_KINDS.has(r.split(':')[0]));
          void Promise.all(streams.map((stream) => gateway.leavePresence(this, stream)));
        },
      ],
    ];
    return handlers;
  })(this);

  /** Shutdown, first step: stop presence traffic; this process's presence entries go in one sweep. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearInterval(t);
    const streams = await this.presence.removeOwn().catch(() => [] as string[]);
    for (const stream of streams) await this.broadcastPresence(stream).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      this.server?.local.disconnectSockets(true);
    } catch {
      // already closed
    }
  }

  /** Publishes committed events to their stream's room (every api process via the Redis adapter). */
  private deliver(events: EventEnvelope[]): void {
    if (this.closing) return;
    for (const event of events) this.server.to(event.stream).emit('event', event);
    const filters = new Map<string, RecheckFilter>();
    for (const event of events) {
      const narrowed = accessNarrowedBy(event);
      if (narrowed) filters.set(JSON.stringify(narrowed), recheckFilterOf(narrowed));
    }
    for (const filter of filters.values()) void this.recheck(filter);
  }

  /** Access may have shrunk: every process re-checks the affected sockets and ends what is no longer allowed. */
  async recheck(filter: RecheckFilter): Promise<void> {
    this.server.serverSideEmit(RECHECK_EVENT as never, filter as never);
    await this.recheckLocalSafely(filter);
  }

  private async recheckLocalSafely(filter: RecheckFilter): Promise<void> {
    try {
      await this.recheckLocal(filter);
    } catch (err) {
      // The next re-check, a reconnect or the token's expiry checks again; access is decided at each subscribe.
      this.logger.warn({ err, filter }, 're-checking subscriptions failed');
    }
  }

  private async recheckLocal(filter: RecheckFilter): Promise<void> {
    const local = this.server.of('/');
    let sockets: IoSocket[];
    let only: Set<string> | null = null;
    if ('userId' in filter) {
      // Few events need this (a member removed); scanning this process's sockets keeps idle ones room-free.
      sockets = [...(local.sockets.values() as IterableIterator<IoSocket>)].filter(
        (socket) => socket.data?.caller?.id === filter.userId,
      );
      if (sockets.length === 0) return;
      // The account itself may be gone (erased), or the socket's sign-in ended (signed out on another device):
      // then that connection ends.
      const live: IoSocket[] = [];
      for (const socket of sockets) {
        const caller = await this.users
          .caller(filter.userId, socket.data.caller.sessionId ?? null)
          .catch(() => null);
        if (!caller) socket.disconnect(true);
        else {
          socket.data.caller = caller;
          live.push(socket);
        }
      }
      sockets = live;
    } else {
      const streams =
        'streams' in filter ? filter.streams : await this.subscriptions.streamsInTopic(filter.topicId);
      const ids = new Set(streams.flatMap((stream) => [...(local.adapter.rooms.get(stream) ?? [])]));
      sockets = [...ids].flatMap((id) => (local.sockets.get(id) as IoSocket | undefined) ?? []);
      only = new Set(streams);
    }
    for (const socket of sockets) await this.recheckSocket(socket, only);
  }

  /** Ends the socket's subscriptions (of `only`, or all) that its caller may no longer read. */
  private async recheckSocket(socket: IoSocket, only: Set<string> | null): Promise<void> {
    const streams = [...socket.rooms].filter((r) => parseStream(r) && (!only || only.has(r)));
    for (const stream of streams) {
      const decision = await this.subscriptions.mayRead(socket.data.caller, stream);
      if (decision.ok) continue;
      await socket.leave(stream);
      await this.leavePresence(socket, stream);
      socket.emit('unsubscribed', { stream, reason: 'revoked' });
    }
  }

  private async subscribe(socket: IoSocket, payload: unknown, ack: Ack<unknown>): Promise<void> {
    const parsed = subscribeSchema.safeParse(payload);
    if (!parsed.success) return ack(fail('VALIDATION_FAILED', 'subscribe needs {stream, since?}'));
    const { since } = parsed.data;
    // Ids are accepted in either case: rooms, the log and presence know a stream by its one spelling (a name that
    // is not a stream's stays as sent, for `mayRead` to refuse).
    const stream = canonicalStream(parsed.data.stream) ?? parsed.data.stream;
    // A socket is in its own room besides its streams; subscribing again to a stream it follows is a catch-up.
    if (!socket.rooms.has(stream) && socket.rooms.size - 1 >= this.config.SOCKET_MAX_STREAMS) {
      return ack({
        ok: false,
        error: {
          code: 'RATE_LIMITED',
          message: `At most ${this.config.SOCKET_MAX_STREAMS} streams per connection; unsubscribe from one first`,
          reason: 'STREAM_LIMIT',
        },
      });
    }
    const decision = await this.subscriptions.mayRead(socket.data.caller, stream);
    if (!decision.ok) return ack({ ok: false, error: decision.error });
    // The socket may have gone while we checked: never join a room for a closed connection.
    if (!socket.connected) return;
    await socket.join(stream);
    const catchUp = await this.subscriptions.catchUp(socket.data.caller, stream, since);
    if (PRESENCE_KINDS.has(stream.split(':')[0])) {
      // Presence lives in Redis; while Redis is away the subscription still works (the events come from Postgres
      // and, once Redis is back, live), only who else is here is not shown.
      try {
        await this.presence.join(stream, socket.id, {
          userId: socket.data.caller.id,
          displayName: socket.data.caller.displayName,
        });
        void this.broadcastPresence(stream).catch(() => undefined);
      } catch (err) {
        this.logger.warn({ err, stream }, 'presence unavailable; subscribed without it');
      }
    }
    ack({ ok: true, ...catchUp });
  }

  private async unsubscribe(socket: IoSocket, payload: unknown, ack?: Ack<unknown>): Promise<void> {
    const parsed = unsubscribeSchema.safeParse(payload);
    if (!parsed.success) return ack?.(fail('VALIDATION_FAILED', 'unsubscribe needs {stream}'));
    const stream = canonicalStream(parsed.data.stream);
    if (stream && socket.rooms.has(stream)) {
      await socket.leave(stream);
      await this.leavePresence(socket, stream);
    }
    ack?.({ ok: true });
  }

  private async reauth(socket: IoSocket, payload: unknown, ack: Ack<unknown>): Promise<void> {
    const parsed = authSchema.safeParse(payload);
    if (!parsed.success) return ack(fail('VALIDATION_FAILED', 'auth needs {token}'));
    let caller;
    try {
      caller = await this.authenticator.authenticate(parsed.data.token);
    } catch {
      return ack(fail('UNAUTHORIZED', 'Invalid or expired token'));
    }
    if (caller.id !== socket.data.caller.id)
      return ack(fail('FORBIDDEN', 'The token belongs to someone else'));
    socket.data.caller = caller;
    socket.data.tokenExpiresAt = this.expiryOf(parsed.data.token);
    socket.data.warned = false;
    ack({ ok: true });
    // A renewed token carries what the account may do now: every subscription is checked again with it.
    await this.recheckSocket(socket, null).catch((err: unknown) =>
      this.logger.warn({ err }, 're-checking subscriptions after a token renewal failed'),
    );
  }

  private typing(socket: IoSocket, payload: unknown): void {
    const parsed = typingSchema.safeParse(payload);
    if (!parsed.success) return;
    const stream = canonicalStream(parsed.data.stream);
    if (!stream || !socket.rooms.has(stream) || !PRESENCE_KINDS.has(stream.split(':')[0])) return;
    socket.data.typingBucket ??= new TokenBucket(3, 1);
    if (!socket.data.typingBucket.take()) return;
    socket.to(stream).emit('typing', { stream, userId: socket.data.caller.id });
  }

  private async leavePresence(socket: IoSocket, stream: string): Promise<void> {
    if (this.closing || !PRESENCE_KINDS.has(stream.split(':')[0])) return;
    await this.presence.leave(stream, socket.id).catch(() => undefined);
    await this.broadcastPresence(stream).catch(() => undefined);
  }

  /**
   * Sends a stream's presence list to its room. Joins and leaves within PRESENCE_COALESCE_MS make one message:
   * after a reconnect storm a room hears its final list once, not once per returning member.
   */
  private broadcastPresence(stream: string): Promise<void> {
    let pending = this.presenceBroadcasts.get(stream);
    if (!pending) {
      pending = new Promise<void>((resolve) =>
        setTimeout(() => {
          this.presenceBroadcasts.delete(stream);
          this.presence
            .users(stream)
            .then((users) => this.server.to(stream).emit('presence', { stream, users }))
            .catch((error: unknown) => this.logger.warn({ err: error, stream }, 'presence broadcast failed'))
            .finally(resolve);
        }, PRESENCE_COALESCE_MS),
      );
      this.presenceBroadcasts.set(stream, pending);
    }
    return pending;
  }

  private async sweepPresence(): Promise<void> {
    try {
      for (const stream of await this.presence.sweepDeadServers()) await this.broadcastPresence(stream);
    } catch (error) {
      this.logger.warn({ err: error }, 'presence sweep failed');
    }
  }

  /**
   * Once a second for all of this process's sockets (one timer, not two per connection): warns a minute before
   * a token runs out and closes the connection when it has, unless `auth` renewed it.
   */
  private expiryTick(): void {
    const now = Date.now();
    for (const socket of this.server.of('/').sockets.values() as IterableIterator<IoSocket>) {
      const session = socket.data;
      if (!session?.caller) continue;
      if (now >= session.tokenExpiresAt) {
        socket.disconnect(true);
      } else if (!session.warned && now >= session.tokenExpiresAt - 60_000) {
        session.warned = true;
        socket.emit('token_expiring', { expiresAt: new Date(session.tokenExpiresAt).toISOString() });
      }
    }
  }

  private expiryOf(token: string): number {
    return this.tokens.expiryOf(token) ?? Date.now() + this.config.ACCESS_TOKEN_TTL_SECONDS * 1000;
  }

  /** Rate limit and error containment: a bad message gets an error ack, never a crashed handler. */
  private guard(socket: IoSocket, ack: Ack<unknown> | undefined, run: () => unknown): void {
    const reply = typeof ack === 'function' ? ack : undefined;
    socket.data.bucket ??= new TokenBucket(60, 30);
    if (!socket.data.bucket.take()) {
      reply?.(fail('RATE_LIMITED', 'Too many messages'));
      return;
    }
    Promise.resolve()
      .then(run)
      .catch((error: unknown) => {
        this.logger.warn({ err: error, socketId: socket.id }, 'socket handler failed');
        reply?.(fail('INTERNAL_ERROR', 'Something went wrong'));
      });
  }
}

function fail(code: RealtimeError['code'], message: string) {
  return { ok: false as const, error: { code, message } };
}
