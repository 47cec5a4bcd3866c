/**
 * Posts due after `elapsed` ms at `rate`/s: with a ramp, the rate climbs linearly from 0 over `rampMs`
 * (the integral of that line), then stays at `rate`.
 */
export function duePosts(elapsed: number, rate: number, rampMs: number): number {
  if (elapsed <= 0) return 0;
  if (rampMs <= 0) return (elapsed * rate) / 1000;
  if (elapsed < rampMs) return (rate * elapsed * elapsed) / (2 * rampMs * 1000);
  return (rate * rampMs) / 2000 + ((elapsed - rampMs) * rate) / 1000;
}
