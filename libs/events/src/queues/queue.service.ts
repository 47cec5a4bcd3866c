import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig, createRedis, failFastRedisOptions, waitUntilReady } from '@runde/platform';
import { keyPhase } from './key-phase';
import { JobName, QUEUE_OF_JOB, QueueName } from './queue-names';

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 200_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/** Coalescing windows start at one of this many phases per window length (see windowOf). */
const WINDOW_SLOTS = 4;

/** Producer side of every queue. Adding fails fast while Redis is down (the outbox keeps the event). */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();
  /** `job:key` → the window this process scheduled already (addOncePerWindow). */
  private readonly windows = new Map<string, number>();

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

  /** What became of a job: waiting, active, completed, failed … or `unknown` when Redis has no such job. */
  jobState(job: JobName, jobId: string): Promise<string> {
    return this.queue(QUEUE_OF_JOB[job]).getJobState(jobId);
  }

  /** Runs `listener` each time the producer connection (re)connects: after Redis restarted, say. */
  onReady(listener: () => void): void {
    this.connection.on('ready', listener);
  }

  async add<T>(job: JobName, data: T, options: JobsOptions = {}): Promise<void> {
    await this.queue(QUEUE_OF_JOB[job]).add(job, data, options);
  }

  /**
   * Coalescing: one delayed job per `key` and window of `windowMs`, running `afterMs` after the window ends, with the
   * job id `<job>-<key>-<window>` (so every process, and a retried caller, adds it once). The later calls of a
   * window cost nothing here: this process remembers which windows it scheduled. Returns the window.
   */
  async addOncePerWindow<T>(
    job: JobName,
    key: string,
    data: T,
    windowMs: number,
    afterMs = 0,
    now = Date.now(),
  ): Promise<number> {
    const { window, endsAt } = QueueService.windowOf(key, windowMs, now);
    const memo = `${job}:${key}`;
    if (this.windows.get(memo) === window) return window;
    await this.add(job, data, {
      jobId: `${job}-${key}-${window}`,
      delay: endsAt + afterMs - now,
    });
    if (this.windows.size > 50_000) this.windows.clear();
    this.windows.set(memo, window);
    return window;
  }

  /**
   * The window of `key` that `now` falls in, and when it ends. The windows of a key are shifted by one of
   * WINDOW_SLOTS phases (from the key), so that 50 drafts edited at once announce in four groups over the second
   * instead of all in its first moment; few phases, because each distinct due time wakes the BullMQ worker
   * (one phase per key cost the worker 0.1 cores).
   */
  static windowOf(key: string, windowMs: number, now: number): { window: number; endsAt: number } {
    const phase = (keyPhase(key, WINDOW_SLOTS) * windowMs) / WINDOW_SLOTS;
    const window = Math.floor((now + phase) / windowMs);
    return { window, endsAt: (window + 1) * windowMs - phase };
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
