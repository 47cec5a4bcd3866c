/** Exact latency percentiles: every sample is kept (a run has at most a few hundred thousand). */

export interface Summary {
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

/** A growable list of samples (milliseconds). */
export class Samples {
  private data = new Float64Array(1024);
  n = 0;

  push(v: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = v;
  }

  reset(): void {
    this.n = 0;
  }

  /** Rounded to 10 µs, for sending over IPC. */
  toArray(): number[] {
    return Array.from(this.data.subarray(0, this.n), (v) => Math.round(v * 100) / 100);
  }
}

/** Nearest-rank percentiles. */
export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const at = (p: number) => (n ? sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] : NaN);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const r = (v: number) => Math.round(v * 100) / 100;
  return {
    n,
    mean: r(n ? sum / n : NaN),
    min: r(n ? sorted[0] : NaN),
    p50: r(at(50)),
    p90: r(at(90)),
    p95: r(at(95)),
    p99: r(at(99)),
    p999: r(at(99.9)),
    max: r(n ? sorted[n - 1] : NaN),
  };
}

export function concat(parts: number[][]): number[] {
  const out: number[] = [];
  for (const p of parts) for (const v of p) out.push(v);
  return out;
}
