import type { DomainEvents, EventType } from './domain-events';

/** What the event log stores and what subscribers receive, exactly as in the contract. */
export interface EventEnvelope<K extends EventType = EventType> {
  id: string;
  stream: string;
  seq: number;
  type: K;
  occurredAt: string;
  actorId: string | null;
  data: DomainEvents[K];
}

/** Any envelope, discriminated by `type`, so `switch (e.type)` narrows `e.data`. */
export type AnyEventEnvelope = { [K in EventType]: EventEnvelope<K> }[EventType];
