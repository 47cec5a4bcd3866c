import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@runde/platform';
import { JobHandler } from '../queues/job-handler.decorator';
import { JobName } from '../queues/queue-names';

/**
 * The event log keeps EVENT_RETENTION_DAYS (default 90): older events are deleted by a repeating job, in batches,
 * except those still on their way to consumers (an outbox entry). Stream heads stay, so sequences go on; a client
 * catching up from before the oldest kept event is told to `resync` (load the state over REST). The markers of
 * which consumer processed which event (`processed_events`) go after the same time: an event that old is never
 * delivered again.
 */
@Injectable()
export class EventLogPruner {
  private readonly logger = new Logger('EventLogPruner');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @JobHandler(JobName.PruneEventLog)
  async handle(): Promise<{ events: number; markers: number }> {
    return this.prune(this.config.EVENT_RETENTION_DAYS);
  }

  async prune(retentionDays: number, batchSize = 5000): Promise<{ events: number; markers: number }> {
    const events = await this.inBatches(
      `DELETE FROM domain_events WHERE id IN (
         SELECT d.id FROM domain_events d
          WHERE d.occurred_at < now() - make_interval(days => $1)
            -- Released needs reports are the log the radar's roll-up is rebuilt from: kept for good.
            AND d.type <> 'needs_report.released'
            AND NOT EXISTS (SELECT 1 FROM event_outbox o WHERE o.event_id = d.id)
          LIMIT $2)`,
      retentionDays,
      batchSize,
    );
    const markers = await this.inBatches(
      `DELETE FROM processed_events WHERE ctid IN (
         SELECT ctid FROM processed_events WHERE processed_at < now() - make_interval(days => $1) LIMIT $2)`,
      retentionDays,
      batchSize,
    );
    if (events || markers) this.logger.log({ events, markers, retentionDays }, 'pruned the event log');
    return { events, markers };
  }

  /** Runs a bounded DELETE until it deletes fewer rows than a batch: short transactions, no long locks. */
  private async inBatches(sql: string, retentionDays: number, batchSize: number): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = (await this.dataSource.query(sql, [retentionDays, batchSize])) as [unknown, number];
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }
}
