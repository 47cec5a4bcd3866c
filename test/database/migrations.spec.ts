import { Client } from 'pg';
import { createDataSource, ensureDatabase } from '@runde/database';

async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}

describe('migrations', () => {
  it('match the entities: generating a migration now would yield nothing', async () => {
    const dataSource = createDataSource(process.env.DATABASE_URL);
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });

  it('revert cleanly down to an empty schema and apply again', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `${url.pathname}_migrations`;
    await ensureDatabase(url.toString());
    const dataSource = createDataSource(url.toString());
    await dataSource.initialize();
    const tables = async () =>
      (
        await dataSource.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
        )
      ).map((r: { table_name: string }) => r.table_name);
    try {
      await dataSource.runMigrations();
      expect(await tables()).toEqual(
        expect.arrayContaining(['domain_events', 'event_streams', 'processed_events']),
      );
      for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
      expect(await tables()).toEqual([]);
      await dataSource.runMigrations();
      expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    } finally {
      await dataSource.destroy();
      await dropDatabase(url.toString());
    }
  });
});
