import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultRig } from '../support/fault-rig';
import { FaultTraffic } from '../support/fault-traffic';
import { PostgresServer } from '../support/postgres-server';

jest.setTimeout(300_000);

/**
 * Postgres restarted (fast shutdown) and killed (`kill -9` of the postmaster, then crash recovery) under a steady
 * stream of mentioning posts with two live subscribers — on a Postgres server of the test's own. Api and worker
 * are never restarted by hand; afterwards the counts are exact. Recovery times: test/artifacts/faults-postgres.json.
 */
describe('faults: delivery survives a Postgres restart and crash', () => {
  let pg: PostgresServer;
  let rig: FaultRig;
  let traffic: FaultTraffic;

  beforeAll(async () => {
    pg = await PostgresServer.start();
    rig = await FaultRig.start({ databaseUrl: pg.url('runde_faults') });
    traffic = new FaultTraffic(rig);
    await traffic.setUp();
  });

  afterAll(async () => {
    await traffic?.tearDown();
    await rig?.stop();
    pg?.stop();
    mkdirSync(join(__dirname, '..', 'artifacts'), { recursive: true });
    writeFileSync(
      join(__dirname, '..', 'artifacts', 'faults-postgres.json'),
      JSON.stringify(traffic?.timings ?? {}, null, 2),
    );
  });

  it('Postgres restarted (fast): /health recovers within 15 s; nothing lost, nothing twice', async () => {
    const load = traffic.load();
    await traffic.ackedMore(30);
    pg.restartFast();
    traffic.timings.postgresRestart = { healthRecoveredMs: await traffic.healthyWithin(15_000) };
    await traffic.ackedMore(30);
    await load.stop();
    await traffic.converge('postgresRestart');
    expect(rig.api.crashes).toBe(0);
    expect(rig.worker.crashes).toBe(0);
  });

  it('Postgres killed (kill -9) and recovered: /health recovers within 15 s; nothing lost, nothing twice', async () => {
    const load = traffic.load();
    await traffic.ackedMore(30);
    pg.killAndStart();
    traffic.timings.postgresKill = { healthRecoveredMs: await traffic.healthyWithin(15_000) };
    await traffic.ackedMore(30);
    await load.stop();
    await traffic.converge('postgresKill');
    expect(rig.api.crashes).toBe(0);
    expect(rig.worker.crashes).toBe(0);
  });
});
