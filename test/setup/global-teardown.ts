import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/** Removes this run's database and Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const run = {
    databaseUrl: process.env.DATABASE_URL!,
    redisUrl: process.env.REDIS_URL!,
    prefix: process.env.REDIS_PREFIX!,
  };
  if (process.env.KEEP_TEST_DATA) return;
  rmSync(process.env.MAIL_DIR!, { recursive: true, force: true });
  const redis = new Redis(run.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${run.prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  const url = new URL(run.databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    // The run's database, its template and every test file's copy.
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${name}%`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
