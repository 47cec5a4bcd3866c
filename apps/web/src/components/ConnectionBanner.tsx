import { useEffect, useRef, useState } from 'preact/hooks';
import { formatClock, t, useLocale } from '../lib/i18n';
import { realtime, useConnectionState } from '../lib/live';

/**
 * "Reconnecting…" while the realtime connection is down; it clears itself when the connection is back (the client
 * library has by then re-subscribed and filled in what was missed) and says so briefly. Refused for holding too
 * many connections (`limited`), it says why and when the client tries again by itself.
 */
export function ConnectionBanner() {
  useLocale();
  const state = useConnectionState();
  const [back, setBack] = useState(false);
  const wasDown = useRef(false);
  useEffect(() => {
    if (state === 'reconnecting' || state === 'offline' || state === 'limited') {
      wasDown.current = true;
      setBack(false);
      return;
    }
    if (state === 'online' && wasDown.current) {
      wasDown.current = false;
      setBack(true);
      const timer = setTimeout(() => setBack(false), 3000);
      return () => clearTimeout(timer);
    }
  }, [state]);
  const down = state === 'reconnecting' || state === 'offline';
  const until = state === 'limited' ? realtime().limitedUntil : null;
  return (
    <div class="connection" role="status" aria-live="polite" data-state={state}>
      {down && (
        <p class="connection-down">
          <span class="spinner" aria-hidden="true" /> {t('reconnecting')}
        </p>
      )}
      {state === 'limited' && (
        <p class="connection-down connection-limited">
          {t('connectionLimited', { time: until ? formatClock(until) : '…' })}
        </p>
      )}
      {state === 'online' && back && <p class="connection-back">{t('reconnected')}</p>}
    </div>
  );
}
