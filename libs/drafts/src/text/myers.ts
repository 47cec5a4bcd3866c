/** One run of a diff between sequences a and b: `a[aStart, aEnd)` kept, deleted, or `b[bStart, bEnd)` inserted. */
export interface DiffRun {
  kind: 'equal' | 'delete' | 'insert';
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/**
 * Myers' O((N+M)·D) shortest edit script between two sequences of lengths n and m, compared through `equals`.
 * Returns null when more than `maxD` edits would be needed (the caller then diffs more coarsely), so time and
 * memory stay bounded (about maxD² integers).
 */
export function myersDiff(
  n: number,
  m: number,
  equals: (i: number, j: number) => boolean,
  maxD = n + m,
): DiffRun[] | null {
  const limit = Math.min(n + m, maxD);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    // What step d reads: v[k-1] and v[k+1] for k in [-d, d].
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
          ? v[offset + k + 1]
          : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && equals(x, y)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): DiffRun[] {
  const steps: Array<{ kind: DiffRun['kind']; x: number; y: number }> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const row = trace[d];
    const at = (k: number) => row[k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      steps.push({ kind: 'equal', x, y });
    }
    if (d > 0) {
      if (x === prevX) steps.push({ kind: 'insert', x: prevX, y: prevY });
      else steps.push({ kind: 'delete', x: prevX, y: prevY });
    }
    x = prevX;
    y = prevY;
  }
  steps.reverse();
  const runs: DiffRun[] = [];
  for (const step of steps) {
    const last = runs[runs.length - 1];
    const aLen = step.kind === 'insert' ? 0 : 1;
    const bLen = step.kind === 'delete' ? 0 : 1;
    if (last && last.kind === step.kind && last.aEnd === step.x && last.bEnd === step.y) {
      last.aEnd += aLen;
      last.bEnd += bLen;
    } else {
      runs.push({
        kind: step.kind,
        aStart: step.x,
        aEnd: step.x + aLen,
        bStart: step.y,
        bEnd: step.y + bLen,
      });
    }
  }
  return runs;
}
