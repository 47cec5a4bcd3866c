import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '../catalogue/event-envelope';
import { JobName } from '../queues/queue-names';
import { QueueService } from '../queues/queue.service';
import { PostCommitHooks } from './post-commit-hooks';

/**
 * Publishes committed events to BullMQ (job id = event id, so publishing twice is a no-op) and marks them
 * published. If Redis is away, the events stay unpublished and the outbox sweep delivers them later.
 */
@Injectable()
export class EventRelay {
  private readonly logger = new Logger('EventRelay');

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly hooks: PostCommitHooks,
  ) {}

  async afterCommit(events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    await this.runHooks(events);
    await this.publish(events);
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

  /** Returns true when the events reached the queue and were marked published. */
  async publish(events: EventEnvelope[], manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    if (events.length === 0) return true;
    try {
      await this.queues.addBulk(
        JobName.DispatchEvent,
        events.map((event) => ({ data: event, jobId: event.id })),
      );
    } catch (error) {
      this.logger.warn(
        { err: error, eventIds: events.map((e) => e.id) },
        'publish failed; the sweep will retry',
      );
      return false;
    }
    try {
      await manager.query(`UPDATE domain_events SET published_at = now() WHERE id = ANY($1::uuid[])`, [
        events.map((e) => e.id),
      ]);
    } catch (error) {
      this.logger.warn(
        { err: error },
        'marking events published failed; the sweep will publish them again (no-op)',
      );
    }
    return true;
  }
}
