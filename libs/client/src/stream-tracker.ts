import type { Envelope } from './protocol';

/**
 * Per-stream ordering: delivers each event once, in `seq` order. Events that arrive early wait in a buffer until
 * the gap before them is filled; repeats are dropped. Pure logic, no I/O.
 */
export class StreamTracker {
  private last: number;
  private readonly pending = new Map<number, Envelope>();

  constructor(
    private readonly deliver: (event: Envelope) => void,
    startAfter = 0,
  ) {
    this.last = startAfter;
  }

  get lastSeq(): number {
    return this.last;
  }

  /** True while an event is waiting for an earlier one. */
  get hasGap(): boolean {
    return this.pending.size > 0;
  }

  /** Lowest seq that is missing, or null. */
  get missingFrom(): number | null {
    return this.pending.size ? this.last + 1 : null;
  }

  push(event: Envelope): void {
    if (event.seq <= this.last || this.pending.has(event.seq)) return;
    this.pending.set(event.seq, event);
    this.drain();
  }

  pushAll(events: Envelope[]): void {
    for (const e of events) this.push(e);
  }

  /** After a resync (history too old): start counting again from `head`, dropping what is buffered below it. */
  reset(head: number): void {
    this.last = head;
    for (const seq of [...this.pending.keys()]) if (seq <= head) this.pending.delete(seq);
    this.drain();
  }

  private drain(): void {
    for (;;) {
      const next = this.pending.get(this.last + 1);
      if (!next) return;
      this.pending.delete(next.seq);
      this.last = next.seq;
      this.deliver(next);
    }
  }
}
