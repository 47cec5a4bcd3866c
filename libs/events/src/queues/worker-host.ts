import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig, blockingRedisOptions, createRedis } from '@runde/platform';
import { JobRegistry } from './job-registry';
import { JobName, QueueName } from './queue-names';
import { QueueService } from './queue.service';
import { Metrics } from '../metrics/metrics';

const CONCURRENCY: Record<QueueName, number> = {
  [QueueName.Events]: 16,
  [QueueName.Maintenance]: 2,
};

/**
 * A job's lock lasts this long and is renewed every half of it while the job runs; a worker that died (SIGKILL,
 * OOM) leaves its jobs to another worker once the lock has lapsed and the next stall check (every
 * STALLED_CHECK_MS) finds them: within ~15 s instead of BullMQ's default ~60 s. Jobs take milliseconds.
 */
const LOCK_MS = 10_000;
const STALLED_CHECK_MS = 5_000;

/** Runs one BullMQ worker per queue and routes each job to its registered handler. */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerHost');
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly queues: QueueService,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const name of Object.values(QueueName)) {
      const connection = createRedis(this.config.REDIS_URL, blockingRedisOptions());
      connection.on('error', () => undefined);
      this.connections.push(connection);
      const worker = new Worker(name, (job: Job) => this.process(job), {
        connection,
        prefix: this.queues.prefix,
        concurrency: CONCURRENCY[name],
        lockDuration: LOCK_MS,
        stalledInterval: STALLED_CHECK_MS,
      });
      worker.on('error', (err) => this.logger.warn({ err, queue: name }, 'worker error'));
      worker.on('failed', (job, err) => {
        this.metrics.failedJobs.inc({ queue: name, job: job?.name ?? 'unknown' });
        this.logger.warn({ err, queue: name, jobId: job?.id, attemptsMade: job?.attemptsMade }, 'job failed');
      });
      this.workers.push(worker);
    }
    // The producer connection may still be connecting at boot (it fails fast rather than queueing commands).
    if (!(await this.queues.ready())) throw new Error('Redis is not reachable: the worker cannot start');
    this.metrics.startPublishing();
    await this.upsertSchedulers();
    // A Redis that comes back without its data (restarted without persistence, a failover) has lost the
    // schedulers too: put them back on every reconnect (upserting is idempotent).
    this.queues.onReady(() => {
      this.upsertSchedulers().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'could not put the job schedulers back; next reconnect tries again'),
      );
    });
    this.logger.log({ queues: Object.values(QueueName) }, 'worker started');
  }

  /** The repeating jobs: outbox sweep (delivery), the rounds' clocks, mail digests, event log pruning (retention). */
  async upsertSchedulers(): Promise<void> {
    const maintenance = this.queues.queue(QueueName.Maintenance);
    const opts = { removeOnComplete: 100, removeOnFail: 1000 };
    await maintenance.upsertJobScheduler(
      JobName.OutboxSweep,
      { every: this.config.OUTBOX_SWEEP_SECONDS * 1000 },
      { name: JobName.OutboxSweep, opts },
    );
    await maintenance.upsertJobScheduler(
      JobName.ConsultationSweep,
      { every: 60 * 1000 },
      { name: JobName.ConsultationSweep, opts },
    );
    await maintenance.upsertJobScheduler(
      JobName.NeedsTick,
      { every: 60 * 1000 },
      { name: JobName.NeedsTick, opts },
    );
    await maintenance.upsertJobScheduler(
      JobName.MailDigests,
      { every: 5 * 60 * 1000 },
      { name: JobName.MailDigests, opts },
    );
    await maintenance.upsertJobScheduler(
      JobName.PruneEventLog,
      { every: 6 * 3600 * 1000 },
      { name: JobName.PruneEventLog, opts },
    );
  }

  private async process(job: Job): Promise<unknown> {
    const handler = this.registry.handlerFor(job.name);
    if (!handler) throw new Error(`No handler for job "${job.name}"`);
    return handler(job);
  }

  /** First step of shutdown: stop taking jobs and let running ones finish, while connections are still open. */
  async beforeApplicationShutdown(): Promise<void> {
    // close() lets running jobs finish, then stops taking new ones.
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
    // BullMQ leaves connections it was given open: they are ours to close.
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
