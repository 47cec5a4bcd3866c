import 'reflect-metadata';
import { InvalidEnvironmentError, loadEnv } from '@runde/platform';
import { ensureDatabase, runMigrations } from '../migrate';

/** Creates the database when missing, then runs pending migrations. Used by the start command and Docker. */
async function main(): Promise<void> {
  const env = loadEnv();
  await ensureDatabase(env.DATABASE_URL);
  const done = await runMigrations(env.DATABASE_URL);
  process.stdout.write(done.length ? `migrated: ${done.join(', ')}\n` : 'database schema is up to date\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof InvalidEnvironmentError
      ? `${error.message}\n`
      : `migration failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
