import { Global, Module } from '@nestjs/common';
import { BeforeCommitHooks } from './outbox/before-commit-hooks';
import { EventRelay } from './outbox/event-relay';
import { EventStore } from './outbox/event-store';
import { PostCommitHooks } from './outbox/post-commit-hooks';
import { UnitOfWork } from './outbox/unit-of-work';
import { QueueService } from './queues/queue.service';
import { StreamReaders } from './catalogue/stream-readers';
import { Metrics } from './metrics/metrics';

/** What any process that changes data needs: the unit of work with its outbox, the relay and the event log. */
@Global()
@Module({
  providers: [
    QueueService,
    BeforeCommitHooks,
    PostCommitHooks,
    EventRelay,
    UnitOfWork,
    EventStore,
    StreamReaders,
    Metrics,
  ],
  exports: [
    QueueService,
    BeforeCommitHooks,
    PostCommitHooks,
    EventRelay,
    UnitOfWork,
    EventStore,
    StreamReaders,
    Metrics,
  ],
})
export class EventsModule {}
