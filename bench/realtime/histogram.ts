/**
 * A mergeable latency histogram (milliseconds): 0.05 ms buckets below 100 ms, 1 ms buckets up to 120 s.
 * Cheap to record into (one array increment), and small to send between processes (sparse form).
 */
const FINE_LIMIT_MS = 100;
const FINE_STEP_MS = 0.05;
const FINE_BUCKETS = FINE_LIMIT_MS / FINE_STEP_MS;
const COARSE_LIMIT_MS = 120_000;
const BUCKETS = FINE_BUCKETS + (COARSE_LIMIT_MS - FINE_LIMIT_MS) + 1;

export interface HistogramData {
  n: number;
  sum: number;
  min: number;
  max: number;
  /** [bucket index, count] pairs */
  buckets: Array<[number, number]>;
}

export interface LatencySummary {
  n: number;
  mean: number;
  min: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

export class Histogram {
  private counts = new Uint32Array(BUCKETS);
  n = 0;
  sum = 0;
  min = Infinity;
  max = 0;

  record(ms: number): void {
    const v = ms < 0 ? 0 : ms;
    const index =
      v < FINE_LIMIT_MS
        ? Math.floor(v / FINE_STEP_MS)
        : Math.min(BUCKETS - 1, FINE_BUCKETS + Math.floor(v - FINE_LIMIT_MS));
    this.counts[index] += 1;
    this.n += 1;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  reset(): void {
    this.counts.fill(0);
    this.n = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = 0;
  }

  toData(): HistogramData {
    const buckets: Array<[number, number]> = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i]) buckets.push([i, this.counts[i]]);
    return { n: this.n, sum: this.sum, min: this.min, max: this.max, buckets };
  }

  static from(...parts: HistogramData[]): Histogram {
    const h = new Histogram();
    for (const p of parts) {
      for (const [i, c] of p.buckets) h.counts[i] += c;
      h.n += p.n;
      h.sum += p.sum;
      if (p.n && p.min < h.min) h.min = p.min;
      if (p.max > h.max) h.max = p.max;
    }
    return h;
  }

  /** Upper edge of the bucket holding the p-th percentile (0 < p <= 100), capped at the observed max. */
  percentile(p: number): number {
    if (this.n === 0) return NaN;
    const rank = Math.ceil((p / 100) * this.n);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) {
        const upper = i < FINE_BUCKETS ? (i + 1) * FINE_STEP_MS : FINE_LIMIT_MS + (i - FINE_BUCKETS) + 1;
        return Math.min(upper, this.max);
      }
    }
    return this.max;
  }

  summary(): LatencySummary {
    return {
      n: this.n,
      mean: this.n ? this.sum / this.n : NaN,
      min: this.n ? this.min : NaN,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p95: this.percentile(95),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
      max: this.n ? this.max : NaN,
    };
  }
}
