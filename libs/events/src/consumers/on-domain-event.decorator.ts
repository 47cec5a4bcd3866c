import { SetMetadata } from '@nestjs/common';
import type { EventType } from '../catalogue/domain-events';

export const DOMAIN_EVENT_CONSUMER = Symbol('runde:domain-event-consumer');

export interface ConsumerMeta {
  /** Stable name: the key under which handled events are remembered. Never rename a consumer in production. */
  consumer: string;
  types: EventType[];
  /**
   * The consumer's effect is the same however often it runs (it schedules a job with a fixed id, say): it runs
   * without a `processed_events` marker, so it costs no write per event. Its transaction is then read-only.
   */
  idempotent?: boolean;
  /** The method takes all its fresh events of a job at once, in order (`OnDomainEvents`). */
  batch?: boolean;
}

/**
 * Marks a provider method `(event: EventEnvelope, tx: Transaction) => Promise<void>` as a consumer of domain events.
 * It runs in the worker, inside a transaction, at most once per event id (retried until it succeeds) — or, with
 * `idempotent`, at least once and without the marker.
 */
export const OnDomainEvent = (
  consumer: string,
  types: EventType[],
  options: { idempotent?: boolean } = {},
): MethodDecorator =>
  SetMetadata(DOMAIN_EVENT_CONSUMER, {
    consumer,
    types,
    ...(options.idempotent ? { idempotent: true } : {}),
  } satisfies ConsumerMeta);

/**
 * Like `OnDomainEvent`, for a method `(events: EventEnvelope[], tx: Transaction) => Promise<void>` that takes all
 * its events of a job at once (in commit order, those not processed before), so that it can read what they need
 * in one statement instead of one per event. The same guarantees: once per event id, inside one transaction.
 */
export const OnDomainEvents = (consumer: string, types: EventType[]): MethodDecorator =>
  SetMetadata(DOMAIN_EVENT_CONSUMER, { consumer, types, batch: true } satisfies ConsumerMeta);
