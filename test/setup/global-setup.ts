import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../tsconfig.json';

// Jest's moduleNameMapper does not apply to the global setup: resolve the path aliases here.
register({ baseUrl: join(__dirname, '..', '..'), paths: compilerOptions.paths });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureDatabase, runMigrations } = require('@runde/database') as typeof import('@runde/database');

/**
 * Gives this test run its own database and Redis key prefix, migrated from scratch, so runs never see each
 * other's data. Workers (and the teardown, same process) inherit the environment set here.
 */
export default async function globalSetup(): Promise<void> {
  // Which Node runs the tests (npm test puts the project's Node 24 first on PATH: scripts/node-runtime.sh).
  process.stdout.write(`\n[runde] jest runs on Node ${process.version} (${process.execPath})\n`);
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const base = new URL(
    process.env.TEST_DATABASE_URL ??
      process.env.DATABASE_URL ??
      'postgres://postgres@127.0.0.1:5432/postgres',
  );
  base.pathname = `/runde_test_${runId}`;
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = base.toString();
  process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  process.env.REDIS_PREFIX = `runde_test_${runId}`;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  process.env.RATE_LIMIT_PER_MINUTE = '1000000';
  process.env.OUTBOX_SWEEP_SECONDS = '1';
  process.env.REGISTER_RATE_LIMIT_PER_HOUR = '1000000';
  process.env.WRITE_RATE_LIMIT_PER_MINUTE = '1000000';
  process.env.MAIL_TRANSPORT = 'file';
  // Cheaper password hashing (still argon2id): the suites register hundreds of accounts.
  process.env.ARGON2_MEMORY_KIB = '4096';
  process.env.MAIL_DIR = join(tmpdir(), `runde-mail-${runId}`);
  await ensureDatabase(process.env.DATABASE_URL);
  await runMigrations(process.env.DATABASE_URL);
  // A migrated template: each test file copies it into a database of its own (test/support/test-app.ts).
  const admin = new URL(process.env.DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  const run = new Client({ connectionString: process.env.DATABASE_URL });
  await run.connect();
  try {
    // The first account ever becomes a platform admin: let it be this placeholder, so that accounts the tests
    // register are ordinary users unless a test makes them admins (or uses an empty database of its own).
    await run.query(
      `INSERT INTO users (email, email_normalized, password_hash, display_name, is_admin, locale)
       VALUES ('first-admin@test.invalid', 'first-admin@test.invalid', '', 'Test setup', true, 'de')`,
    );
  } finally {
    await run.end();
  }
  try {
    await client.query(`CREATE DATABASE "runde_test_${runId}_tpl" TEMPLATE "runde_test_${runId}"`);
  } finally {
    await client.end();
  }
  process.env.RUNDE_TEST_DB = `runde_test_${runId}`;
}
