import { hostname } from 'node:os';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  AggregatorRegistry,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type MetricObjectWithValues,
  type MetricValue,
} from 'prom-client';
import { APP_CONFIG, AppConfig, createRedis, failFastRedisOptions } from '@runde/platform';
import { QueueName } from '../queues/queue-names';
import { QueueService } from '../queues/queue.service';

const SNAPSHOT_EVERY_MS = 10_000;
const SNAPSHOT_TTL_S = 30;

/**
 * Prometheus metrics of this process (prom-client): request rates and latencies, live socket connections, queue
 * depths, event lag from commit to consumer, failed jobs. The api serves them at /metrics (behind the admin
 * gate) together with every worker's: workers publish a snapshot of theirs to Redis every ten seconds (kept
 * thirty), which the api merges with its own (prom-client's aggregator: counters and histograms add up).
 */
@Injectable()
export class Metrics implements OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'runde_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'runde_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly eventLag = new Histogram({
    name: 'runde_event_lag_seconds',
    help: 'Time from a domain event’s commit until its consumers have run (worker)',
    labelNames: ['type'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly failedJobs = new Counter({
    name: 'runde_jobs_failed_total',
    help: 'Job attempts that failed, by queue and job name (worker)',
    labelNames: ['queue', 'job'] as const,
    registers: [this.registry],
  });
  private sockets: () => number = () => 0;
  private redis: Redis | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueService,
  ) {
    const sockets: Gauge = new Gauge({
      name: 'runde_socket_connections',
      help: 'Live socket.io connections of this api process',
      registers: [this.registry],
      collect: () => sockets.set(this.sockets()),
    });
    const jobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'runde_queue_jobs',
      help: 'Jobs in each BullMQ queue by state (waiting, active, delayed, failed …)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      collect: async () => {
        for (const name of Object.values(QueueName)) {
          const counts = await this.queues
            .queue(name)
            .getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized')
            .catch(() => null);
          if (counts) for (const [state, n] of Object.entries(counts)) jobs.set({ queue: name, state }, n);
        }
      },
    });
  }

  /** The realtime gateway tells how to count its connections. */
  countSocketsWith(count: () => number): void {
    this.sockets = count;
  }

  private get key(): string {
    return `${this.config.REDIS_PREFIX}:metrics`;
  }

  private client(): Redis {
    if (!this.redis) {
      this.redis = createRedis(this.config.REDIS_URL, failFastRedisOptions());
      this.redis.on('error', () => undefined);
    }
    return this.redis;
  }

  /** Workers: publish this process's metrics for the api to serve, every ten seconds. */
  startPublishing(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.publishNow().catch(() => undefined), SNAPSHOT_EVERY_MS);
    this.timer.unref?.();
    this.publishNow().catch(() => undefined);
  }

  /** Publishes this process's snapshot now (also used by tests). */
  async publishNow(): Promise<void> {
    // Queue depths are the api's to report (they are the same from every process).
    const own = (await this.registry.getMetricsAsJSON()).filter((m) => m.name !== 'runde_queue_jobs');
    await this.client().set(
      `${this.key}:${hostname()}:${process.pid}`,
      JSON.stringify(own),
      'EX',
      SNAPSHOT_TTL_S,
    );
  }

  /** The api: its own metrics and every live worker's, in Prometheus' text format. */
  async render(): Promise<{ contentType: string; body: string }> {
    const redis = this.client();
    const own = await this.registry.getMetricsAsJSON();
    const snapshots: MetricObjectWithValues<MetricValue<string>>[][] = [
      own as MetricObjectWithValues<MetricValue<string>>[],
    ];
    try {
      const keys = await scanKeys(redis, `${this.key}:*`);
      const values = keys.length ? await redis.mget(...keys) : [];
      for (const v of values) if (v) snapshots.push(JSON.parse(v));
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read the workers’ metrics; serving the api’s alone');
    }
    const merged = AggregatorRegistry.aggregate(snapshots as never);
    return { contentType: merged.contentType, body: await merged.metrics() };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 200);
    keys.push(...found);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}
