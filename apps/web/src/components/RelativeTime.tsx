import { useEffect, useState } from 'preact/hooks';
import { formatTime, locale, t, useLocale } from '../lib/i18n';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "vor 5 Minuten" / "5 minutes ago", "gestern", … ("gerade eben" under a minute). */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 60) return t('justNow');
  const format = new Intl.RelativeTimeFormat(locale() === 'de' ? 'de-DE' : 'en-GB', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return t('justNow');
}

/** Re-renders its users every 30 s, so that "vor 1 Minute" moves on. */
const tickers = new Set<() => void>();
let interval: ReturnType<typeof setInterval> | null = null;

function useTick(): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const tick = () => setTick((n) => n + 1);
    tickers.add(tick);
    interval ??= setInterval(() => tickers.forEach((fn) => fn()), 30_000);
    return () => {
      tickers.delete(tick);
      if (!tickers.size && interval) {
        clearInterval(interval);
        interval = null;
      }
    };
  }, []);
}

/** A time shown relative to now, with the exact date and time as its title (and in `datetime`). */
export function RelativeTime({ iso, class: cls }: { iso: string; class?: string }) {
  useLocale();
  useTick();
  return (
    <time class={cls} dateTime={iso} title={formatTime(iso)}>
      {relativeTime(iso)}
    </time>
  );
}
