import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventDispatcher } from './consumers/event-dispatcher';
import { EventsModule } from './events.module';
import { EventLogPruner } from './outbox/event-log-pruner';
import { OutboxSweeper } from './outbox/outbox-sweeper';
import { JobRegistry } from './queues/job-registry';
import { WorkerHost } from './queues/worker-host';

/** The consuming side, for the worker process: job registry, BullMQ workers, event dispatch and the sweep. */
@Module({
  imports: [DiscoveryModule, EventsModule],
  providers: [JobRegistry, EventDispatcher, OutboxSweeper, EventLogPruner, WorkerHost],
  exports: [EventDispatcher, OutboxSweeper, EventLogPruner, JobRegistry],
})
export class EventsWorkerModule {}
