import { isDependencyDown, prepared } from '@runde/platform';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '../catalogue/event-envelope';
import { UnitOfWork } from '../outbox/unit-of-work';
import type { Transaction } from '../outbox/transaction';
import { discoverMethods } from '../queues/discover-methods';
import { JobHandler } from '../queues/job-handler.decorator';
import { JobName } from '../queues/queue-names';
import { ConsumerMeta, DOMAIN_EVENT_CONSUMER } from './on-domain-event.decorator';
import { Metrics } from '../metrics/metrics';

interface Consumer {
  consumer: string;
  /** Runs the consumer for events, in order, inside tx. */
  run: (events: EventEnvelope[], tx: Transaction) => Promise<unknown>;
  idempotent: boolean;
}

/**
 * Handles `dispatch-event` jobs: runs every consumer of the event's type, each in its own transaction
 * together with a `processed_events` marker. A retried job skips consumers that already succeeded, so each
 * consumer sees each event once in effect, however often the event is delivered. Idempotent consumers run
 * without the marker (no write per event): running them again changes nothing.
 */
@Injectable()
export class EventDispatcher implements OnModuleInit {
  private readonly logger = new Logger('EventDispatcher');
  private readonly consumers = new Map<string, Consumer[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
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
          run: meta.batch
            ? (events, tx) => call(events, tx)
            : async (events, tx) => {
                for (const event of events) await call(event, tx);
              },
          idempotent: !!meta.idempotent,
        });
        this.consumers.set(type, list);
      }
    }
  }

  consumersOf(type: string): string[] {
    return (this.consumers.get(type) ?? []).map((c) => c.consumer);
  }

  /**
   * Runs the job's events through their consumers; when all of them ran, the events' outbox entries go (until then
   * the sweep can publish them again). A job failing its last attempt leaves its error on the entries, for the
   * sweep's redrive and for people to see.
   */
  @JobHandler(JobName.DispatchEvent)
  async handle(job: Job<EventEnvelope | { events: EventEnvelope[] }>): Promise<{ ran: number }> {
    const events = 'events' in job.data ? job.data.events : [job.data];
    const ids = events.map((e) => e.id);
    let ran: number;
    try {
      ran = await this.dispatchAll(events);
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.recordFailure(ids, error);
      throw error;
    }
    await prepared(this.dataSource.manager, `DELETE FROM event_outbox WHERE event_id = ANY($1::uuid[])`, [
      ids,
    ]);
    const now = Date.now();
    for (const event of events) {
      const committed = Date.parse(event.occurredAt);
      if (Number.isFinite(committed))
        this.metrics.eventLag.observe({ type: event.type }, Math.max(0, now - committed) / 1000);
    }
    return { ran };
  }

  private async recordFailure(ids: string[], error: unknown): Promise<void> {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await prepared(
      this.dataSource.manager,
      `UPDATE event_outbox SET last_error = $2 WHERE event_id = ANY($1::uuid[])`,
      [ids, message.slice(0, 2000)],
    ).catch(() => undefined); // the entries stay either way; the error is only shown
  }

  async dispatch(event: EventEnvelope): Promise<{ ran: string[] }> {
    const ran: string[] = [];
    for (const consumer of this.consumers.get(event.type) ?? []) {
      if (await this.runAll(consumer, [event])) ran.push(consumer.consumer);
      else
        this.logger.debug({ eventId: event.id, consumer: consumer.consumer }, 'already processed, skipped');
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
    const byConsumer = new Map<Consumer, EventEnvelope[]>();
    for (const event of events) {
      for (const consumer of this.consumers.get(event.type) ?? []) {
        byConsumer.set(consumer, [...(byConsumer.get(consumer) ?? []), event]);
      }
    }
    let ran = 0;
    let firstError: unknown = null;
    for (const [consumer, mine] of byConsumer) {
      try {
        ran += await this.runAll(consumer, mine);
      } catch (error) {
        if (isDependencyDown(error)) throw error; // the job is retried later; one by one would fail the same way
        this.logger.warn(
          { err: error, consumer: consumer.consumer, events: mine.length },
          'batch failed; running its events one by one',
        );
        for (const event of mine) {
          try {
            ran += await this.runAll(consumer, [event]);
          } catch (single) {
            firstError ??= single;
          }
        }
      }
    }
    if (firstError) throw firstError;
    return ran;
  }

  /**
   * One consumer, its events, one transaction with their markers (none for an idempotent consumer); returns how
   * many it ran, skipping those it processed before.
   */
  private async runAll(consumer: Consumer, events: EventEnvelope[]): Promise<number> {
    return this.unitOfWork.run(async (tx) => {
      const fresh = consumer.idempotent
        ? new Set(events.map((e) => e.id))
        : new Set(
            (
              await prepared<{ event_id: string }>(
                tx.manager,
                `INSERT INTO processed_events (consumer, event_id) SELECT $1, unnest($2::uuid[])
                 ON CONFLICT DO NOTHING RETURNING event_id`,
                [consumer.consumer, events.map((e) => e.id)],
              )
            ).map((r) => r.event_id),
          );
      const mine = events.filter((e) => fresh.has(e.id));
      if (mine.length) await consumer.run(mine, tx);
      return mine.length;
    });
  }
}
