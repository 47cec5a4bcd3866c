/**
 * The realtime protocol between the api and clients (socket.io 4, default namespace), typed once for both sides.
 * A changed payload gets a new event name.
 */

export interface RealtimeError {
  code: 'VALIDATION_FAILED' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'RATE_LIMITED' | 'INTERNAL_ERROR';
  message: string;
  /** Beyond the contract: the precise rule that refused (stable UPPER_SNAKE), as in REST error bodies */
  reason?: string;
}

export interface Envelope<T = unknown> {
  id: string;
  stream: string;
  seq: number;
  type: string;
  occurredAt: string;
  actorId: string | null;
  data: T;
}

export type SubscribeAck =
  { ok: true; head: number; missed: Envelope[]; resync?: boolean } | { ok: false; error: RealtimeError };

export type Ack = { ok: true } | { ok: false; error: RealtimeError };

export interface PresenceUser {
  id: string;
  displayName: string;
}

export interface ServerToClientEvents {
  event: (envelope: Envelope) => void;
  presence: (payload: { stream: string; users: PresenceUser[] }) => void;
  typing: (payload: { stream: string; userId: string }) => void;
  /** The server ended a subscription (access revoked, or the resource became invisible). */
  unsubscribed: (payload: { stream: string; reason: 'revoked' }) => void;
  /** The access token ran out; send `auth` with a fresh one or the connection closes. */
  token_expiring: (payload: { expiresAt: string }) => void;
  /** Binary Yjs traffic of a draft (sync step replies, remote updates, awareness). */
  'draft:update': (payload: { draftId: string; update: Uint8Array; version?: number }) => void;
  'draft:awareness': (payload: { draftId: string; update: Uint8Array }) => void;
}

export interface ClientToServerEvents {
  subscribe: (payload: { stream: string; since?: number }, ack: (result: SubscribeAck) => void) => void;
  unsubscribe: (payload: { stream: string }, ack?: (result: Ack) => void) => void;
  auth: (payload: { token: string }, ack: (result: Ack) => void) => void;
  typing: (payload: { stream: string }) => void;
  'draft:sync': (
    payload: { draftId: string; stateVector?: Uint8Array },
    ack: (
      result: { ok: true; update: Uint8Array; version: number } | { ok: false; error: RealtimeError },
    ) => void,
  ) => void;
  'draft:update': (
    payload: { draftId: string; update: Uint8Array },
    ack: (result: { ok: true; version: number } | { ok: false; error: RealtimeError }) => void,
  ) => void;
  'draft:awareness': (payload: { draftId: string; update: Uint8Array }) => void;
}
