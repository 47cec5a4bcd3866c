import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api';
import { useStream } from './live';

/** What changes a group's open flags: a new one, a resolution (closing every flag on its post), a moved thread. */
const FLAG_EVENTS = new Set(['flag.created', 'flag.resolved', 'flag.moved']);

/**
 * How many flags of a group are open, for its moderators: the server's count, fetched again whenever the group's
 * stream says flags changed (created, resolved, or moved in or out with their thread), once the stream is
 * subscribed (so nothing falls between the first load and the live events) and after a resync. Counting events on
 * the client instead drifts: a resolution closes several flags at once, and a reload started from zero. Only the
 * latest answer counts. Null until known, or when `enabled` is false (not a moderator).
 */
export function useOpenFlagCount(groupId: string, enabled: boolean): number | null {
  const [count, setCount] = useState<number | null>(null);
  const latest = useRef(0);
  const load = () => {
    if (!enabled) return;
    const request = ++latest.current;
    api<{ open: number }>('GET', `/groups/${groupId}/flags/count`).then(
      (r) => request === latest.current && setCount(r.open),
      () => undefined, // the count is a hint beside the link; the queue itself shows errors
    );
  };
  useEffect(() => {
    latest.current++;
    setCount(null);
    load();
  }, [groupId, enabled]);
  useStream(enabled ? `group:${groupId}` : null, {
    onReady: () => load(),
    onEvent: (event) => {
      if (FLAG_EVENTS.has(event.type)) load();
    },
    onResync: () => load(),
  });
  return enabled ? count : null;
}
