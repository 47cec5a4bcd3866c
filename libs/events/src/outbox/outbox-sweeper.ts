import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@runde/platform';
import { JobHandler } from '../queues/job-handler.decorator';
import { JobName } from '../queues/queue-names';
import { QueueService } from '../queues/queue.service';
import { EventRelay } from './event-relay';
import { rowToEnvelope } from './event-store';

/** A published event's job is looked at once it is this old (younger ones are normally still on their way). */
export const JOB_CHECK_AFTER_SECONDS = 10;

/** How long after a job failed for good its events are published again: 1, 2, 4 … minutes, at most an hour. */
export function redriveDelaySeconds(redrives: number): number {
  return Math.min(3600, 60 * 2 ** Math.min(redrives, 6));
}

/**
 * Makes sure every committed event reaches its consumers, whatever happened to its job. Runs as a repeating job, so
 * several workers never sweep the same rows (SKIP LOCKED) and no in-process timer is needed.
 * - Events committed but never published (the process died, or Redis was away, between commit and publish) are
 *   published, and delivered live as well.
 * - Events published whose job is gone (Redis restarted empty, or failed over to a replica that had not caught up)
 *   are published again at once; those whose job failed all its attempts, again after a growing delay (the cause,
 *   say a database outage, may have passed); those whose job completed but whose entries stayed (the worker died
 *   between the two) are only cleared. Consumers skip what they have processed, so a second job changes nothing
 *   twice.
 */
@Injectable()
export class OutboxSweeper {
  private readonly logger = new Logger('OutboxSweeper');

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: EventRelay,
    private readonly queues: QueueService,
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
            WHERE o.published_at IS NULL AND o.created_at < now() - make_interval(secs => $1)
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
    const redriven = await this.redrive(batchSize);
    return total + redriven;
  }

  /**
   * Events published at least JOB_CHECK_AFTER_SECONDS ago whose entries are still there: asks Redis what became of
   * each job, and publishes again (under a new job id) what was lost or, after its delay, what failed for good.
   * Returns how many events went out again.
   */
  async redrive(batchSize = 500): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ event_id: string; job_id: string | null; redrives: number; age: number }> =
        await manager.query(
          `SELECT o.event_id, o.job_id, o.redrives, extract(epoch FROM now() - o.published_at)::float8 AS age
             FROM event_outbox o
            WHERE o.published_at < now() - make_interval(secs => $1)
            ORDER BY o.position LIMIT $2 FOR UPDATE OF o SKIP LOCKED`,
          [JOB_CHECK_AFTER_SECONDS, batchSize],
        );
      if (rows.length === 0) return 0;
      const states = new Map<string, string>();
      for (const jobId of new Set(rows.map((r) => r.job_id ?? ''))) {
        states.set(jobId, jobId ? await this.queues.jobState(JobName.DispatchEvent, jobId) : 'unknown');
      }
      const done = rows.filter((r) => states.get(r.job_id ?? '') === 'completed').map((r) => r.event_id);
      if (done.length)
        await manager.query(`DELETE FROM event_outbox WHERE event_id = ANY($1::uuid[])`, [done]);
      const again = rows.filter((r) => {
        const state = states.get(r.job_id ?? '');
        return state === 'unknown' || (state === 'failed' && r.age >= redriveDelaySeconds(r.redrives));
      });
      if (again.length === 0) return 0;
      const events = (
        await manager.query(
          `SELECT id, stream, seq, type, occurred_at, actor_id, data FROM domain_events
            WHERE id = ANY($1::uuid[]) ORDER BY position`,
          [again.map((r) => r.event_id)],
        )
      ).map(rowToEnvelope);
      const redrives = Math.max(...again.map((r) => r.redrives)) + 1;
      if (!(await this.relay.publish(events, manager, redrives))) return 0;
      this.logger.warn(
        {
          events: events.length,
          redrives,
          lost: again.filter((r) => states.get(r.job_id ?? '') !== 'failed').length,
        },
        'published events again whose job was lost or failed for good',
      );
      return events.length;
    });
  }

  get intervalMs(): number {
    return this.config.OUTBOX_SWEEP_SECONDS * 1000;
  }
}
