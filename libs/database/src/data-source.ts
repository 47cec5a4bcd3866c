import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadEnv } from '@runde/platform';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';

/** The data source the TypeORM CLI and the migration scripts use. */
export function createDataSource(databaseUrl?: string): DataSource {
  const env = loadEnv();
  return new DataSource({
    ...dataSourceOptions({ ...env, DATABASE_URL: databaseUrl ?? env.DATABASE_URL }),
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
  });
}
