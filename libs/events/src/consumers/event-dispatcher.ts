import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import type { EventEnvelope } from '../catalogue/event-envelope';
import { UnitOfWork } from '../outbox/unit-of-work';
import type { Transaction } from '../outbox/transaction';
import { discoverMethods } from '../queues/discover-methods';
import { JobHandler } from '../queues/job-handler.decorator';
import { JobName } from '../queues/queue-names';
import { ConsumerMeta, DOMAIN_EVENT_CONSUMER } from './on-domain-event.decorator';

type ConsumerFn = (event: EventEnvelope, tx: Transaction) => Promise<unknown>;

/**
 * Handles `dispatch-event` jobs: runs every consumer of the event's type, each in its own transaction
 * together with a `processed_events` marker. A retried job skips consumers that already succeeded, so each
 * consumer sees each event once in effect, however often the event is delivered.
 */
@Injectable()
export class EventDispatcher implements OnModuleInit {
  private readonly logger = new Logger('EventDispatcher');
  private readonly consumers = new Map<string, Array<{ consumer: string; run: ConsumerFn }>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  onModuleInit(): void {
    const names = new Set<string>();
    for (const { meta, call, owner } of discoverMethods<ConsumerMeta>(
      this.discovery,
      this.scanner,
      this.reflector,
      DOMAIN_EVENT_CONSUMER,
    )) {
      if (names.has(meta.consumer))
        throw new Error(`Consumer name "${meta.consumer}" is used twice (${owner})`);
      names.add(meta.consumer);
      for (const type of meta.types) {
        const list = this.consumers.get(type) ?? [];
        list.push({ consumer: meta.consumer, run: (event, tx) => call(event, tx) });
        this.consumers.set(type, list);
      }
    }
  }

  consumersOf(type: string): string[] {
    return (this.consumers.get(type) ?? []).map((c) => c.consumer);
  }

  @JobHandler(JobName.DispatchEvent)
  async handle(job: Job<EventEnvelope>): Promise<{ ran: string[] }> {
    return this.dispatch(job.data);
  }

  async dispatch(event: EventEnvelope): Promise<{ ran: string[] }> {
    const ran: string[] = [];
    for (const { consumer, run } of this.consumers.get(event.type) ?? []) {
      const didRun = await this.unitOfWork.run(async (tx) => {
        const inserted: unknown[] = await tx.manager.query(
          `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
          [consumer, event.id],
        );
        if (inserted.length === 0) return false;
        await run(event, tx);
        return true;
      });
      if (didRun) ran.push(consumer);
      else this.logger.debug({ eventId: event.id, consumer }, 'already processed, skipped');
    }
    return { ran };
  }
}
