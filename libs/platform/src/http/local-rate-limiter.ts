/** Windows one process keeps at most; beyond that (after dropping ended windows) new subjects are not counted. */
export const MAX_LOCAL_WINDOWS = 20_000;

export interface LocalHit {
  count: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in this process's memory: what the rate limits fall back to while Redis is down, for the
 * rules that allow it (reads). They count per process, so behind N api processes a caller may get up to N times
 * the limit; for the minutes of an outage that is the price of keeping reads up. Bounded: at most
 * MAX_LOCAL_WINDOWS windows, and a hit that would need one more answers `null` (the caller refuses it).
 */
export class LocalRateLimiter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  /** When the full map was last searched for ended windows (at most once a second: it is a walk over all). */
  private sweptAt = -Infinity;

  get size(): number {
    return this.windows.size;
  }

  /** Counts one hit in the window of `key` (started by its first hit, as in Redis); null when full. */
  hit(key: string, windowSeconds: number, now = Date.now()): LocalHit | null {
    let window = this.windows.get(key);
    if (window && window.endsAt <= now) {
      this.windows.delete(key);
      window = undefined;
    }
    if (!window) {
      if (this.windows.size >= MAX_LOCAL_WINDOWS && this.dropEnded(now) === 0) return null;
      window = { count: 0, endsAt: now + windowSeconds * 1000 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)) };
  }

  /** Forgets every window (Redis counts again). */
  clear(): void {
    this.windows.clear();
  }

  private dropEnded(now: number): number {
    if (now - this.sweptAt < 1000) return 0;
    this.sweptAt = now;
    let dropped = 0;
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now) {
        this.windows.delete(key);
        dropped++;
      }
    }
    return dropped;
  }
}
