import { SetMetadata } from '@nestjs/common';
import type { EventType } from '../catalogue/domain-events';

export const DOMAIN_EVENT_CONSUMER = Symbol('runde:domain-event-consumer');

export interface ConsumerMeta {
  /** Stable name: the key under which handled events are remembered. Never rename a consumer in production. */
  consumer: string;
  types: EventType[];
}

/**
 * Marks a provider method `(event: EventEnvelope, tx: Transaction) => Promise<void>` as a consumer of domain events.
 * It runs in the worker, inside a transaction, at most once per event id (retried until it succeeds).
 */
export const OnDomainEvent = (consumer: string, types: EventType[]): MethodDecorator =>
  SetMetadata(DOMAIN_EVENT_CONSUMER, { consumer, types } satisfies ConsumerMeta);
