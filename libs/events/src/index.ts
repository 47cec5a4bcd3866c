export * from './catalogue/domain-events';
export * from './catalogue/consultation-payloads';
export type { ConsultationEvents } from './catalogue/consultation-events';
export * from './catalogue/needs-payloads';
export type { NeedsEvents } from './catalogue/needs-events';
export * from './catalogue/event-envelope';
export * from './catalogue/stream-readers';
export * from './outbox/domain-event.entity';
export * from './outbox/event-stream.entity';
export * from './consumers/processed-event.entity';
export * from './outbox/transaction';
export * from './outbox/unit-of-work';
export * from './outbox/event-relay';
export * from './outbox/event-store';
export * from './outbox/post-commit-hooks';
export * from './outbox/before-commit-hooks';
export * from './outbox/outbox-sweeper';
export * from './outbox/event-log-pruner';
export * from './queues/queue-names';
export * from './queues/queue.service';
export * from './queues/key-phase';
export * from './queues/job-handler.decorator';
export * from './queues/job-registry';
export * from './consumers/on-domain-event.decorator';
export * from './consumers/event-dispatcher';
export * from './events.module';
export * from './events-worker.module';

import { DomainEventEntity } from './outbox/domain-event.entity';
import { OutboxEntryEntity } from './outbox/outbox-entry.entity';
import { EventStreamEntity } from './outbox/event-stream.entity';
import { ProcessedEventEntity } from './consumers/processed-event.entity';
export const EVENTS_ENTITIES = [
  DomainEventEntity,
  EventStreamEntity,
  OutboxEntryEntity,
  ProcessedEventEntity,
];
export * from './catalogue/payloads';
export * from './metrics/metrics';
