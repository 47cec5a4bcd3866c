import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@runde/platform';
import { JobHandler } from '../queues/job-handler.decorator';
import { JobName } from '../queues/queue-names';
import { EventRelay } from './event-relay';
import { rowToEnvelope } from './event-store';

/**
 * Publishes events that were committed but not published (the process died, or Redis was away, between commit
 * and publish). Runs as a repeating job, so several workers never sweep the same rows (SKIP LOCKED) and no
 * in-process timer is needed.
 */
@Injectable()
export class OutboxSweeper {
  private readonly logger = new Logger('OutboxSweeper');

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: EventRelay,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @JobHandler(JobName.OutboxSweep)
  async handle(): Promise<{ published: number }> {
    return { published: await this.sweep(2) };
  }

  /** Publishes unpublished events older than `graceSeconds` (younger ones are still being relayed normally). */
  async sweep(graceSeconds: number, batchSize = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.dataSource.transaction(async (manager) => {
        const rows = await manager.query(
          `SELECT d.id, d.stream, d.seq, d.type, d.occurred_at, d.actor_id, d.data
             FROM event_outbox o JOIN domain_events d ON d.id = o.event_id
            WHERE o.created_at < now() - make_interval(secs => $1)
            ORDER BY o.position LIMIT $2 FOR UPDATE OF o SKIP LOCKED`,
          [graceSeconds, batchSize],
        );
        if (rows.length === 0) return 0;
        const events = rows.map(rowToEnvelope);
        // These never went live either (the process that committed them died): deliver them now.
        await this.relay.runHooks(events);
        const ok = await this.relay.publish(events, manager);
        return ok ? rows.length : -1;
      });
      if (published <= 0) break;
      total += published;
      if (published < batchSize) break;
    }
    if (total > 0) this.logger.log({ published: total }, 'outbox sweep published events');
    return total;
  }

  get intervalMs(): number {
    return this.config.OUTBOX_SWEEP_SECONDS * 1000;
  }
}
