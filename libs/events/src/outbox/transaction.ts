import type { EntityManager } from 'typeorm';
import type { DomainEvents, EventType, StreamName } from '../catalogue/domain-events';

export interface PendingEvent {
  stream: StreamName;
  type: EventType;
  data: unknown;
  actorId: string | null;
}

/** A database transaction that can also record domain events; they are written when the work commits. */
export class Transaction {
  readonly pending: PendingEvent[] = [];

  constructor(readonly manager: EntityManager) {}

  append<K extends EventType>(
    stream: StreamName,
    type: K,
    data: DomainEvents[K],
    actorId: string | null,
  ): void {
    this.pending.push({ stream, type, data, actorId });
  }
}
