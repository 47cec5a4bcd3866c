/**
 * Gathers items for a while and hands them on together. The first item opens a window of `wait()`; at its end
 * everything gathered is flushed, in chunks of at most `maxChunk`. Items added while a flush runs wait for the next
 * window, which opens when that flush ends: they are not flushed at once in a small batch of their own. (Flushing
 * them at once made a chain of small batches whenever items came faster than a flush took: at 150 commits/s, twice
 * as many relay jobs, most of one or two commits.)
 */
export class Linger<T> {
  private items: T[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly options: {
      wait: () => Promise<void>;
      flush: (items: T[]) => Promise<void>;
      maxChunk: number;
      /** A failed flush: its items are not retried here (the caller keeps what it needs, e.g. the outbox). */
      onError: (error: unknown) => void;
    },
  ) {}

  add(item: T): void {
    this.items.push(item);
    this.open();
  }

  /** Resolves once everything added so far has been flushed. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private open(): void {
    this.running ??= this.options
      .wait()
      .then(() => this.flushAll())
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => {
        this.running = null;
        if (this.items.length > 0) this.open();
      });
  }

  private async flushAll(): Promise<void> {
    const due = this.items;
    this.items = [];
    for (let i = 0; i < due.length; i += this.options.maxChunk) {
      await this.options.flush(due.slice(i, i + this.options.maxChunk));
    }
  }
}
