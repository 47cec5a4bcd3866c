import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultRig } from '../support/fault-rig';
import { FaultTraffic } from '../support/fault-traffic';

jest.setTimeout(300_000);

/**
 * Faults under a steady stream of posts that mention someone, with two live subscribers: the worker killed
 * mid-batch, Redis restarted without its data, the api killed. After each, every acknowledged post is stored, each
 * subscriber has every sequence number exactly once, the mention notices converge to exactly one per post, and no
 * process needed a manual restart (the killed one aside). Recovery times go to test/artifacts/faults-processes.json
 * (docs/reliability.md).
 */
describe('faults: delivery survives worker, Redis and api failures', () => {
  let rig: FaultRig;
  let traffic: FaultTraffic;

  beforeAll(async () => {
    rig = await FaultRig.start();
    traffic = new FaultTraffic(rig);
    await traffic.setUp();
  });

  afterAll(async () => {
    await traffic?.tearDown();
    await rig?.stop();
    mkdirSync(join(__dirname, '..', 'artifacts'), { recursive: true });
    writeFileSync(
      join(__dirname, '..', 'artifacts', 'faults-processes.json'),
      JSON.stringify(traffic?.timings ?? {}, null, 2),
    );
  });

  it('worker SIGKILL mid-batch: restarted, it finishes every job; nothing lost, nothing twice', async () => {
    const load = traffic.load();
    await traffic.ackedMore(30);
    await rig.worker.kill();
    await traffic.ackedMore(30);
    rig.worker.start();
    await traffic.ackedMore(30);
    await load.stop();
    await traffic.converge('workerKill');
    expect(rig.api.crashes).toBe(0);
  });

  it('Redis restarted without its data: /health recovers within 15 s; nothing lost, nothing twice', async () => {
    const load = traffic.load();
    // A backlog of jobs that only Redis holds: the worker is frozen (not killed) while posts keep coming.
    rig.worker.pause();
    await traffic.ackedMore(30);
    const [{ n }] = await traffic.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM event_outbox WHERE published_at IS NOT NULL`,
    );
    expect(n).toBeGreaterThan(0); // published, not yet processed: these jobs are lost with Redis' data
    await rig.redis.stop();
    rig.worker.resume();
    await expectHealthNot200(rig);
    await rig.redis.start(); // empty: no queues, no schedulers
    traffic.timings.redisRestartEmpty = { healthRecoveredMs: await traffic.healthyWithin(15_000) };
    await traffic.ackedMore(30);
    await load.stop();
    await traffic.converge('redisRestartEmpty');
    expect(rig.api.crashes).toBe(0);
    expect(rig.worker.crashes).toBe(0);
  });

  it('api SIGKILL: restarted, it serves again; committed posts reach everyone once', async () => {
    const load = traffic.load();
    await traffic.ackedMore(30);
    await rig.api.kill();
    rig.api.start();
    traffic.timings.apiKill = { healthRecoveredMs: await traffic.healthyWithin(15_000) };
    await traffic.ackedMore(30);
    await load.stop();
    await traffic.converge('apiKill');
    expect(rig.worker.crashes).toBe(0);
  });
});

async function expectHealthNot200(rig: FaultRig): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await rig.health()) === 200) {
    if (Date.now() > deadline) throw new Error('/health still answers 200 with Redis down');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
