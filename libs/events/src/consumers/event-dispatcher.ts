import { isDependencyDown, prepared } from '@runde/platform';
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
 * consumer sees each event once in effect, however often the event is delivered. Idempotent consumers run
 * without the marker (no write per event): running them again changes nothing.
 */
@Injectable()
export class EventDispatcher implements OnModuleInit {
  private readonly logger = new Logger('EventDispatcher');
  private readonly consumers = new Map<
    string,
    Array<{ consumer: string; run: ConsumerFn; idempotent: boolean }>
  >();

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
        list.push({
          consumer: meta.consumer,
          run: (event, tx) => call(event, tx),
          idempotent: !!meta.idempotent,
        });
        this.consumers.set(type, list);
      }
    }
  }

  consumersOf(type: string): string[] {
    return (this.consumers.get(type) ?? []).map((c) => c.consumer);
  }

  @JobHandler(JobName.DispatchEvent)
  async handle(job: Job<EventEnvelope | { events: EventEnvelope[] }>): Promise<{ ran: number }> {
    const events = 'events' in job.data ? job.data.events : [job.data];
    return { ran: await this.dispatchAll(events) };
  }

  async dispatch(event: EventEnvelope): Promise<{ ran: string[] }> {
    const ran: string[] = [];
    for (const { consumer, run, idempotent } of this.consumers.get(event.type) ?? []) {
      if (await this.runOne(consumer, run, event, idempotent)) ran.push(consumer);
      else this.logger.debug({ eventId: event.id, consumer }, 'already processed, skipped');
    }
    return { ran };
  }

  /**
   * Runs a batch of events (in order): each consumer takes all its events of the batch in one transaction with
   * their `processed_events` markers. If that fails, the consumer's events are run one by one, so one bad event
   * holds back only itself; the first error is thrown at the end (the job is retried, processed events skip).
   */
  async dispatchAll(events: EventEnvelope[]): Promise<number> {
    if (events.length === 1) return (await this.dispatch(events[0])).ran.length;
    const byConsumer = new Map<string, { run: ConsumerFn; idempotent: boolean; events: EventEnvelope[] }>();
    for (const event of events) {
      for (const { consumer, run, idempotent } of this.consumers.get(event.type) ?? []) {
        const entry = byConsumer.get(consumer) ?? { run, idempotent, events: [] };
        entry.events.push(event);
        byConsumer.set(consumer, entry);
      }
    }
    let ran = 0;
    let firstError: unknown = null;
    for (const [consumer, { run, idempotent, events: mine }] of byConsumer) {
      try {
        ran += await this.unitOfWork.run(async (tx) => {
          const inserted = idempotent
            ? mine.map((e) => ({ event_id: e.id }))
            : await prepared<{ event_id: string }>(
                tx.manager,
                `INSERT INTO processed_events (consumer, event_id) SELECT $1, unnest($2::uuid[])
                 ON CONFLICT DO NOTHING RETURNING event_id`,
                [consumer, mine.map((e) => e.id)],
              );
          const fresh = new Set(inserted.map((r) => r.event_id));
          let count = 0;
          for (const event of mine) {
            if (!fresh.has(event.id)) continue;
            await run(event, tx);
            count += 1;
          }
          return count;
        });
      } catch (error) {
        if (isDependencyDown(error)) throw error; // the job is retried later; one by one would fail the same way
        this.logger.warn(
          { err: error, consumer, events: mine.length },
          'batch failed; running its events one by one',
        );
        for (const event of mine) {
          try {
            if (await this.runOne(consumer, run, event, idempotent)) ran += 1;
          } catch (single) {
            firstError ??= single;
          }
        }
      }
    }
    if (firstError) throw firstError;
    return ran;
  }

  /** One consumer, one event, one transaction with its marker; false when it was processed before. */
  private async runOne(
    consumer: string,
    run: ConsumerFn,
    event: EventEnvelope,
    idempotent: boolean,
  ): Promise<boolean> {
    return this.unitOfWork.run(async (tx) => {
      if (idempotent) {
        await run(event, tx);
        return true;
      }
      const inserted = await prepared(
        tx.manager,
        `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumer, event.id],
      );
      if (inserted.length === 0) return false;
      await run(event, tx);
      return true;
    });
  }
}
