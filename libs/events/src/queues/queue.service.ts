import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig, createRedis, failFastRedisOptions, waitUntilReady } from '@runde/platform';
import { JobName, QUEUE_OF_JOB, QueueName } from './queue-names';

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 200_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/** Producer side of every queue. Adding fails fast while Redis is down (the outbox keeps the event). */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = createRedis(config.REDIS_URL, failFastRedisOptions());
    this.connection.on('error', () => undefined);
  }

  /** Waits (bounded) until the producer connection is up: adding fails fast while it is not. */
  ready(timeoutMs = 10_000): Promise<boolean> {
    return waitUntilReady(this.connection, timeoutMs);
  }

  get prefix(): string {
    return `${this.config.REDIS_PREFIX}:bull`;
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
        skipWaitingForReady: true,
      });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  allQueues(): Queue[] {
    return Object.values(QueueName).map((name) => this.queue(name));
  }

  async add<T>(job: JobName, data: T, options: JobsOptions = {}): Promise<void> {
    await this.queue(QUEUE_OF_JOB[job]).add(job, data, options);
  }

  async addBulk<T>(job: JobName, items: Array<{ data: T; jobId: string }>): Promise<void> {
    if (items.length === 0) return;
    await this.queue(QUEUE_OF_JOB[job]).addBulk(
      items.map((item) => ({
        name: job,
        data: item.data,
        opts: { ...DEFAULT_JOB_OPTIONS, jobId: item.jobId },
      })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
