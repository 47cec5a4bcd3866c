import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication, INestApplicationContext, Type } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueService } from '@runde/events';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createWorkerApp } from '../../apps/worker/src/bootstrap';
import { expectEventually } from './expect-eventually';

export interface TestApp {
  api: INestApplication;
  worker?: INestApplicationContext;
  url: string;
  dataSource: DataSource;
  queues: Queue[];
  close(): Promise<void>;
}

/**
 * Each test file gets its own Redis prefix (under the run's): BullMQ queues, rate limits and socket.io rooms of
 * parallel test files never meet — a worker of one file never takes the jobs of another.
 */
const FILE_PREFIX = `${process.env.REDIS_PREFIX}_${randomBytes(4).toString('hex')}`;

/** Boots the api on a random port and (optionally) the worker, in this process, against the run's database. */
export async function startTestApp(
  options: { worker?: boolean; workerModules?: Array<Type | DynamicModule> } = {},
): Promise<TestApp> {
  const saved = process.env.REDIS_PREFIX;
  process.env.REDIS_PREFIX = FILE_PREFIX;
  try {
    return await boot(options);
  } finally {
    process.env.REDIS_PREFIX = saved;
  }
}

async function boot(options: {
  worker?: boolean;
  workerModules?: Array<Type | DynamicModule>;
}): Promise<TestApp> {
  const api = await createApiApp({ logger: false });
  await api.listen(0, '127.0.0.1');
  const { port } = api.getHttpServer().address() as AddressInfo;
  const worker = options.worker
    ? await createWorkerApp({ logger: false, extraModules: options.workerModules })
    : undefined;
  return {
    api,
    worker,
    url: `http://127.0.0.1:${port}`,
    dataSource: api.get(DataSource),
    queues: api.get(QueueService).allQueues(),
    async close() {
      await worker?.close();
      await api.close();
    },
  };
}

/** Waits until no job is waiting, delayed or running in any queue (repeating schedulers aside). */
export async function waitForQueuesToDrain(queues: Queue[], timeoutMs = 15_000): Promise<void> {
  await expectEventually(
    async () => {
      for (const queue of queues) {
        const counts = await queue.getJobCounts('wait', 'active', 'prioritized', 'waiting-children');
        const busy = Object.values(counts).reduce((a, b) => a + b, 0);
        if (busy > 0) throw new Error(`queue ${queue.name} still has ${busy} job(s)`);
      }
    },
    { timeoutMs },
  );
}
