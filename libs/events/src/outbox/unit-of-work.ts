import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '../catalogue/event-envelope';
import { BeforeCommitHooks } from './before-commit-hooks';
import { EventRelay } from './event-relay';
import { writeEvents } from './event-writer';
import { Transaction } from './transaction';

/**
 * Runs a change and its domain events in one database transaction (with the before-commit hooks, which see the
 * pending events), then relays the committed events.
 * If the work throws, nothing is written: no change, no event.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: EventRelay,
    private readonly beforeCommit: BeforeCommitHooks,
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const { result, events } = await this.runWithoutRelay(work);
    await this.relay.afterCommit(events);
    return result;
  }

  /** Commits without relaying; the caller (or the sweep) publishes. Exposed for tests of crash recovery. */
  async runWithoutRelay<T>(
    work: (tx: Transaction) => Promise<T>,
  ): Promise<{ result: T; events: EventEnvelope[] }> {
    return this.dataSource.transaction(async (manager) => {
      const tx = new Transaction(manager);
      const result = await work(tx);
      for (const hook of this.beforeCommit.list()) await hook(tx);
      const events = await writeEvents(manager, tx.pending);
      return { result, events };
    });
  }
}
