import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';

const root = join(__dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * When no Redis answers, the start and test commands run Debian's redis-server themselves
 * (scripts/ensure-services.sh). That one keeps its data: a restart must not drop queued jobs.
 */
describe('the Redis that scripts/ensure-services.sh provisions', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let redis: Redis | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'runde-services-'));
    env = {
      ...process.env,
      RUNDE_DATA_DIR: dataDir,
      RUNDE_NO_DOCKER: '1',
      // The run's Postgres answers (used as it is); Redis on a free port does not (provisioned).
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    };
  });

  afterAll(async () => {
    redis?.disconnect();
    execFileSync('bash', ['scripts/stop-services.sh'], { cwd: root, env, stdio: 'pipe' });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs with an append-only file fsynced every second, and keeps a queued job across a restart', async () => {
    execFileSync('bash', ['scripts/ensure-services.sh'], { cwd: root, env, stdio: 'pipe' });
    redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: 1, lazyConnect: true });
    await redis.connect();
    expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await redis.config('GET', 'appendfsync')).toEqual(['appendfsync', 'everysec']);
    expect(await redis.config('GET', 'dir')).toEqual(['dir', join(dataDir, 'redis')]);

    // What a waiting BullMQ job is made of: a hash and its id in the wait list.
    await redis.hset('runde:test:jobs:1', 'name', 'dispatch-event', 'data', '{"id":"e1"}');
    await redis.lpush('runde:test:jobs:wait', '1');
    // A restart that writes no snapshot: only the append-only file can bring the job back.
    await redis.shutdown('NOSAVE').catch(() => undefined);
    redis.disconnect();

    execFileSync('bash', ['scripts/ensure-services.sh'], { cwd: root, env, stdio: 'pipe' });
    redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: 1, lazyConnect: true });
    await redis.connect();
    expect(await redis.lrange('runde:test:jobs:wait', 0, -1)).toEqual(['1']);
    expect(await redis.hgetall('runde:test:jobs:1')).toEqual({ name: 'dispatch-event', data: '{"id":"e1"}' });
  });
});
