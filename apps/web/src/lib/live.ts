/**
 * The one realtime connection of the page (libs/client's RealtimeClient: per-stream seq tracking, gap filling,
 * re-subscribe with `since` after a reconnect). Created on sign-in, closed on sign-out; a refreshed access token is
 * handed to the running connection with `auth`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { RealtimeClient, type StreamHandlers } from '@runde/client';
import { session } from './session';

export type ConnectionState = RealtimeClient['connectionState'];

let client: RealtimeClient | null = null;
const stateListeners = new Set<(s: ConnectionState) => void>();

export function realtime(): RealtimeClient {
  if (!client) {
    const created = new RealtimeClient({
      url: window.location.origin,
      // A session that cannot be renewed connects without a token: the server refuses, the app shows sign-in.
      token: () => session.token().catch(() => ''),
    });
    created.onStateChange((s) => {
      for (const l of stateListeners) l(s);
    });
    client = created;
  }
  return client;
}

export function closeRealtime(): void {
  shared.clear();
  client?.close();
  client = null;
  for (const l of stateListeners) l('offline');
}

session.onToken(() => {
  if (client?.socket.connected) void client.refreshAuth();
});

// The browser knows first when the network is gone: show it at once and drop the dead transport (the client
// library reconnects and catches up by itself); when the network is back, reconnect without waiting for backoff.
window.addEventListener('offline', () => {
  if (!client) return;
  for (const l of stateListeners) l('reconnecting');
  client.socket.io.engine?.close();
});
window.addEventListener('online', () => {
  if (client && !client.socket.connected) client.socket.connect();
});

export function useConnectionState(): ConnectionState {
  const [state, setState] = useState<ConnectionState>(client?.connectionState ?? 'connecting');
  useEffect(() => {
    stateListeners.add(setState);
    if (client) setState(client.connectionState);
    return () => void stateListeners.delete(setState);
  }, []);
  return state;
}

type Handlers = StreamHandlers & { onReady?: (ok: boolean) => void };

/**
 * One subscription per stream for the whole page, shared by every mounted component that follows it (the bell and
 * the notifications page both follow `user:<id>`): events go to all of them; the stream is left when the last one
 * unmounts. `since` counts for the component that subscribes first.
 */
const shared = new Map<string, { listeners: Set<{ current: Handlers }>; ready: Promise<boolean> }>();

function join(stream: string, listener: { current: Handlers }, since?: number): () => void {
  const rt = realtime();
  let entry = shared.get(stream);
  if (!entry) {
    const listeners = new Set<{ current: Handlers }>();
    const each = (fn: (h: Handlers) => void) => {
      for (const l of [...listeners]) fn(l.current);
    };
    const ready = rt
      .subscribe(
        stream,
        {
          onEvent: (e) => each((h) => h.onEvent(e)),
          onResync: (head) => each((h) => h.onResync?.(head)),
          onPresence: (users) => each((h) => h.onPresence?.(users)),
          onTyping: (userId) => each((h) => h.onTyping?.(userId)),
          onRevoked: () => each((h) => h.onRevoked?.()),
          onError: (err) => each((h) => h.onError?.(err)),
        },
        since,
      )
      .then((ack) => ack.ok);
    entry = { listeners, ready };
    shared.set(stream, entry);
  }
  const mine = entry;
  mine.listeners.add(listener);
  void mine.ready.then((ok) => mine.listeners.has(listener) && listener.current.onReady?.(ok));
  return () => {
    mine.listeners.delete(listener);
    if (mine.listeners.size === 0 && shared.get(stream) === mine) {
      shared.delete(stream);
      rt.unsubscribe(stream);
    }
  };
}

/**
 * Subscribes to a stream while the component is mounted. Handlers may change between renders (they are read
 * through a ref); the subscription changes only with `stream`. Calls `onReady` with the ack once subscribed.
 */
export function useStream(stream: string | null, handlers: Handlers, since?: number): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!stream || !session.signedIn) return;
    return join(stream, ref, since);
  }, [stream]); // handlers are read through the ref
}

/**
 * Follows a changing set of streams with the same handlers (the start page follows the person's groups and
 * topics). When the set changes, new streams are joined before the ones no longer wanted are left, so a
 * stream in both sets stays subscribed.
 */
export function useStreams(streams: string[], handlers: Handlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  const joined = useRef(new Map<string, () => void>());
  const key = streams.join(' ');
  useEffect(() => {
    if (!session.signedIn) return;
    const wanted = new Set(streams);
    for (const stream of wanted) {
      if (joined.current.has(stream)) continue;
      // A listener of its own per stream (the shared entry counts listeners), reading the current handlers.
      const listener = {
        get current() {
          return ref.current;
        },
      };
      joined.current.set(stream, join(stream, listener));
    }
    for (const [stream, leave] of joined.current) {
      if (!wanted.has(stream)) {
        leave();
        joined.current.delete(stream);
      }
    }
  }, [key]);
  useEffect(
    () => () => {
      for (const leave of joined.current.values()) leave();
      joined.current.clear();
    },
    [],
  );
}

/**
 * Reads a screen's state again (useAsync's `reload`) unless it failed to load — that page waits for "Erneut
 * versuchen". Screens that read over REST while they subscribe call it once subscribed and for an event that comes
 * before the first read is drawn: a change between the read and the subscription is not lost.
 */
export function readAgain(view: { error?: unknown; reload: () => void }): void {
  if (view.error === undefined) view.reload();
}
