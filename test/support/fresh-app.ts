import { freshDatabase, withEnv } from './fresh-database';
import { startTestApp, TestApp } from './test-app';

/**
 * Runs `fn` against an api (and worker) on a migrated, empty database of its own, for tests that need "nothing
 * exists yet"; the app is closed and the database dropped afterwards, whatever happens.
 */
export async function withFreshApp(suffix: string, fn: (app: TestApp) => Promise<void>): Promise<void> {
  const db = await freshDatabase(suffix);
  try {
    await withEnv({ DATABASE_URL: db.url }, async () => {
      const app = await startTestApp();
      try {
        await fn(app);
      } finally {
        await app.close();
      }
    });
  } finally {
    await db.drop();
  }
}
