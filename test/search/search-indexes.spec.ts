import { searchPageSql, SearchSources } from '@runde/search';
import { startTestApp, TestApp } from '../support/test-app';

/** The search query must hit the GIN indexes of the migration (same expressions), or it scans every post. */
describe('search: index use', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('looks thread titles and post bodies up through ix_threads_search and ix_posts_search', async () => {
    const sql = searchPageSql(app.api.get(SearchSources).select());
    const runner = app.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      // The test tables are tiny: forbid sequential scans so the plan shows whether an index can serve.
      await runner.query('SET LOCAL enable_seqscan = off');
      const plan: Array<{ 'QUERY PLAN': string }> = await runner.query(`EXPLAIN ${sql}`, [
        `( 'sprachkur' | 'sprachkurs' ) <-> 'stuttgart' & !'berlin'`,
        '00000000-0000-4000-8000-000000000000',
        false,
        null,
        21,
        0,
      ]);
      const text = plan.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).toMatch(/Index Scan on ix_threads_search/);
      expect(text).toMatch(/Index Scan on ix_posts_search/);
      expect(text).not.toMatch(/Seq Scan on (threads|posts)/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
