import { createHash } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { prepared } from '@runde/platform';
import type { EventEnvelope } from '../catalogue/event-envelope';
import { JobName } from '../queues/queue-names';
import { QueueService } from '../queues/queue.service';
import { Linger } from './linger';
import { PostCommitHooks } from './post-commit-hooks';

/** Events of this many commits at most go into one publish (one BullMQ job, one DELETE). */
const MAX_PUBLISH_BATCH = 500;
/**
 * How long committed events wait for others before they are published together. Live delivery does not wait for
 * this (it runs first); consumers (notifications, search) see events at most this much later, and every job, with
 * its Redis scripts and its consumer transaction, carries more events: at 1,000 posts/s one job per ~50 posts.
 * Measured against 10 ms: the worker's CPU per post fell from 0.18–0.19 to 0.11–0.13 ms at 1,000 posts/s
 * (docs/benchmarks.md, session 8); a notice reaching its reader 40 ms later goes unnoticed.
 */
export const PUBLISH_LINGER_MS = 50;

/**
 * Publishes committed events to BullMQ and marks their outbox entries with the job (the worker removes them once
 * the job has run every consumer). If Redis is away, the entries stay unmarked and the outbox sweep delivers them
 * later; if the job is lost or fails for good, the sweep publishes them again (OutboxSweeper).
 *
 * Events committed within PUBLISH_LINGER_MS of the first waiting one are published together: one `dispatch-event`
 * job carrying the batch (its id is a hash of the event ids, so publishing the same batch twice is a no-op, and
 * consumers skip events they have already processed) and one `UPDATE` of their outbox entries. Events committed
 * while a publish runs wait for the next window (`Linger`).
 */
@Injectable()
export class EventRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger('EventRelay');
  /** The events of each commit, until they are published. */
  private readonly waiting = new Linger<EventEnvelope[]>({
    wait: () => new Promise<void>((resolve) => setTimeout(resolve, PUBLISH_LINGER_MS)),
    flush: async (commits) => void (await this.publish(commits.flat())),
    maxChunk: MAX_PUBLISH_BATCH,
    onError: (error) => this.logger.warn({ err: error }, 'publish failed; the sweep will retry'),
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly hooks: PostCommitHooks,
  ) {}

  /**
   * Live delivery first (awaited), then the queue in the background: the change is committed and its outbox rows
   * guarantee the publish, so the caller's response need not wait for Redis.
   */
  async afterCommit(events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    await this.runHooks(events);
    this.waiting.add(events);
  }

  /** Resolves once everything committed so far has been published (or left to the sweep). */
  async idle(): Promise<void> {
    await this.waiting.idle();
  }

  /** On shutdown, publish what is waiting before the queue connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.idle();
  }

  /** Runs the in-process post-commit hooks (live delivery); their failures never reach the caller. */
  async runHooks(events: EventEnvelope[]): Promise<void> {
    for (const hook of this.hooks.list()) {
      try {
        await hook(events);
      } catch (error) {
        this.logger.warn({ err: error }, 'post-commit hook failed');
      }
    }
  }

  /**
   * Returns true when the events reached the queue (their outbox entries then name the job). `redrive` > 0: a
   * later publish of events whose job was lost or failed for good, under a job id of its own.
   */
  async publish(
    events: EventEnvelope[],
    manager: EntityManager = this.dataSource.manager,
    redrive = 0,
  ): Promise<boolean> {
    if (events.length === 0) return true;
    const jobId = dispatchJobId(events, redrive);
    try {
      await this.queues.addBulk<EventEnvelope | { events: EventEnvelope[] }>(JobName.DispatchEvent, [
        { data: events.length === 1 ? events[0] : { events }, jobId },
      ]);
    } catch (error) {
      this.logger.warn(
        { err: error, eventIds: events.map((e) => e.id) },
        'publish failed; the sweep will retry',
      );
      return false;
    }
    try {
      await prepared(
        manager,
        `UPDATE event_outbox SET published_at = now(), job_id = $2, redrives = $3
          WHERE event_id = ANY($1::uuid[])`,
        [events.map((e) => e.id), jobId, redrive],
      );
    } catch (error) {
      this.logger.warn(
        { err: error },
        'marking outbox entries failed; the sweep will publish them again (no-op)',
      );
    }
    return true;
  }
}

/**
 * One id per set of events (and redrive): the same batch published twice is one job. A single event's job is named
 * after it, as before.
 */
export function dispatchJobId(events: EventEnvelope[], redrive = 0): string {
  const suffix = redrive > 0 ? `-r${redrive}` : '';
  if (events.length === 1) return `${events[0].id}${suffix}`;
  const hash = createHash('sha256');
  for (const event of events) hash.update(event.id);
  return `batch-${hash.digest('base64url')}${suffix}`;
}
