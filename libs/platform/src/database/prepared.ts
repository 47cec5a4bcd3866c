import { createHash } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

interface PgQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

const names = new Map<string, string>();

/** A stable statement name per SQL text (node-postgres prepares a name once per connection). */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `runde_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs one of the statements on the hot paths (every request, post, subscription) as a named prepared
 * statement: PostgreSQL parses and plans it once per connection instead of on every call, which measured
 * ~4× less server CPU for the access-policy lookup. Inside a transaction pass its manager: the statement runs
 * on the transaction's connection. Errors are TypeORM's `QueryFailedError`, as from `query()`.
 */
export async function prepared<T>(
  db: DataSource | EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const manager = db instanceof DataSource ? db.manager : db;
  const config = { name: nameOf(text), text, values };
  try {
    const runner = manager.queryRunner;
    if (runner) {
      const client = await (runner as unknown as { connect(): Promise<PgQueryable> }).connect();
      return (await client.query(config)).rows as T[];
    }
    const pool = (manager.connection.driver as unknown as { master: PgQueryable }).master;
    return (await pool.query(config)).rows as T[];
  } catch (error) {
    if (error instanceof QueryFailedError) throw error;
    throw new QueryFailedError(text, values, error instanceof Error ? error : new Error(String(error)));
  }
}
