import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication, INestApplicationContext, Type } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { EventRelay, QueueService } from '@runde/events';
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
  options: {
    worker?: boolean;
    workerModules?: Array<Type | DynamicModule>;
    /** Settings for this app only (read at boot, e.g. `{ SOCKET_MAX_PER_USER: '1' }`), restored afterwards. */
    env?: Record<string, string>;
  } = {},
): Promise<TestApp> {
  const env = {
    ...options.env,
    REDIS_PREFIX: FILE_PREFIX,
    DATABASE_URL: await fileDatabaseUrl(process.env.DATABASE_URL!),
  };
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await boot(options);
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * Each test file also gets its own database, copied from the run's migrated template: a worker's outbox sweep in
 * one file can never pick up (and deliver elsewhere) an event another file left unpublished on purpose.
 * A test that points DATABASE_URL at a database of its own (an empty one) keeps it.
 */
const FILE_DB = `${process.env.RUNDE_TEST_DB}_f${randomBytes(4).toString('hex')}`;
let fileDbCreated: Promise<void> | undefined;

async function fileDatabaseUrl(current: string): Promise<string> {
  const url = new URL(current);
  if (url.pathname.slice(1) !== process.env.RUNDE_TEST_DB) return current;
  url.pathname = `/${FILE_DB}`;
  fileDbCreated ??= (async () => {
    const admin = new URL(current);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      // Two files copying the template at the same moment may see each other: try again shortly.
      for (let attempt = 1; ; attempt++) {
        try {
          await client.query(`CREATE DATABASE "${FILE_DB}" TEMPLATE "${process.env.RUNDE_TEST_DB}_tpl"`);
          break;
        } catch (error) {
          if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        }
      }
    } finally {
      await client.end();
    }
  })();
  await fileDbCreated;
  return url.toString();
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
export async function waitForQueuesToDrain(app: TestApp, timeoutMs = 15_000): Promise<void> {
  // Events are published in the background after commit: first wait until they are on the queues.
  await app.api.get(EventRelay).idle();
  if (app.worker) await app.worker.get(EventRelay).idle();
  await expectEventually(
    async () => {
      for (const queue of app.queues) {
        const counts = await queue.getJobCounts('wait', 'active', 'prioritized', 'waiting-children');
        const busy = Object.values(counts).reduce((a, b) => a + b, 0);
        if (busy > 0) throw new Error(`queue ${queue.name} still has ${busy} job(s)`);
      }
    },
    { timeoutMs },
  );
}
