import type { Logger } from '@nestjs/common';
import { isDependencyDown } from '../errors/to-error-body';

interface Waiting<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while a commit runs wait and are then written together by `write` (one
 * transaction or statement for the batch, one result per item, in order). At most `maxBatch` items go into one
 * write and at most `maxInFlight` writes run at once; each write's end starts the next.
 *
 * If a write fails as a whole, each of its items is written again on its own, so one bad item never fails the
 * others — unless the database (or Redis) is unreachable: then they all fail at once, with that error.
 *
 * Lookups on the hot paths (the caller, the access policy) use the same rules: the reads of one tick go out as
 * one statement.
 */
export class GroupCommit<I, R> {
  private readonly waiting: Array<Waiting<I, R>> = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly options: {
      write: (items: I[]) => Promise<R[]>;
      maxBatch: number;
      maxInFlight?: number;
      logger: Logger;
      /** What the items are, for the log line of a failed batch ("posts", "drafts"). */
      what: string;
    },
  ) {}

  submit(item: I): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.scheduled && this.inFlight < (this.options.maxInFlight ?? 1)) {
        this.scheduled = true;
        setImmediate(() => this.drain());
      }
    });
  }

  private drain(): void {
    this.scheduled = false;
    while (this.waiting.length > 0 && this.inFlight < (this.options.maxInFlight ?? 1)) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.writeOrSplit(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async writeOrSplit(batch: Array<Waiting<I, R>>): Promise<void> {
    let results: R[];
    try {
      results = await this.options.write(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length === 1 || isDependencyDown(error)) {
        for (const one of batch) one.reject(error);
        return;
      }
      this.options.logger.warn(
        { err: error, [this.options.what]: batch.length },
        `batch failed; running its ${this.options.what} one by one`,
      );
      for (const one of batch) await this.writeOrSplit([one]);
      return;
    }
    batch.forEach((one, i) => one.resolve(results[i]));
  }
}
