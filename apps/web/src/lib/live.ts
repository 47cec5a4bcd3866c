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

/**
 * Subscribes to a stream while the component is mounted. Handlers may change between renders (they are read
 * through a ref); the subscription changes only with `stream`. Calls `onReady` with the ack once subscribed.
 */
export function useStream(
  stream: string | null,
  handlers: StreamHandlers & { onReady?: (ok: boolean) => void },
  since?: number,
): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!stream || !session.signedIn) return;
    const rt = realtime();
    let active = true;
    void rt
      .subscribe(
        stream,
        {
          onEvent: (e) => active && ref.current.onEvent(e),
          onResync: (head) => active && ref.current.onResync?.(head),
          onPresence: (users) => active && ref.current.onPresence?.(users),
          onTyping: (userId) => active && ref.current.onTyping?.(userId),
          onRevoked: () => active && ref.current.onRevoked?.(),
          onError: (err) => active && ref.current.onError?.(err),
        },
        since,
      )
      .then((ack) => active && ref.current.onReady?.(ack.ok));
    return () => {
      active = false;
      rt.unsubscribe(stream);
    };
  }, [stream]); // handlers are read through the ref
}
