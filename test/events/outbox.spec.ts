import { randomUUID } from 'node:crypto';
import {
  EventEnvelope,
  EventRelay,
  EventStore,
  JobName,
  OutboxSweeper,
  QueueService,
  streamName,
  UnitOfWork,
} from '@runde/events';
import { expectEventually } from '../support/expect-eventually';
import { PROBE_TABLES_SQL, ProbeConsumer, ProbeConsumerModule } from '../support/probe-consumer';
import { startTestApp, TestApp, waitForQueuesToDrain } from '../support/test-app';

describe('outbox: change and event in one transaction, relayed to BullMQ consumers', () => {
  let app: TestApp;
  let uow: UnitOfWork;

  beforeAll(async () => {
    app = await startTestApp({ worker: true, workerModules: [ProbeConsumerModule] });
    await app.dataSource.query(PROBE_TABLES_SQL);
    uow = app.api.get(UnitOfWork);
  });
  afterAll(() => app.close());

  const deliveries = async (eventId: string): Promise<number> =>
    Number(
      (
        await app.dataSource.query(`SELECT count(*) AS n FROM probe_deliveries WHERE event_id = $1`, [
          eventId,
        ])
      )[0].n,
    );

  const inOutbox = async (eventId: string): Promise<boolean> =>
    (await app.dataSource.query(`SELECT 1 FROM event_outbox WHERE event_id = $1`, [eventId])).length > 0;

  async function probe(note: string, stream = streamName('system', randomUUID())) {
    return uow.runWithoutRelay(async (tx) => {
      await tx.manager.query(`INSERT INTO probe_items (note) VALUES ($1)`, [note]);
      tx.append(stream, 'system.probe', { note }, null);
    });
  }

  it('delivers a committed event to its consumer exactly once in effect, even when published twice', async () => {
    const stream = streamName('system', randomUUID());
    await uow.run(async (tx) => {
      await tx.manager.query(`INSERT INTO probe_items (note) VALUES ('once')`);
      tx.append(stream, 'system.probe', { note: 'once' }, null);
    });
    const [event] = await app.api.get(EventStore).read(stream, 0);
    expect(event).toMatchObject({
      stream,
      seq: 1,
      type: 'system.probe',
      data: { note: 'once' },
      actorId: null,
    });
    await expectEventually(async () => expect(await deliveries(event.id)).toBe(1));

    // A repeat publish (same job id) and a replay job for the same event change nothing.
    await app.api.get(EventRelay).publish([event]);
    await app.api
      .get(QueueService)
      .addBulk(JobName.DispatchEvent, [{ data: event, jobId: `again-${event.id}` }]);
    await waitForQueuesToDrain(app);
    expect(await deliveries(event.id)).toBe(1);
    expect(await inOutbox(event.id)).toBe(false);
  });

  it('publishes concurrent commits as batches: each event reaches the consumer once, republishing is a no-op', async () => {
    const streams = Array.from({ length: 40 }, () => streamName('system', randomUUID()));
    const addBulk = jest.spyOn(app.api.get(QueueService), 'addBulk');
    await Promise.all(
      streams.map((stream, i) =>
        uow.run(async (tx) => tx.append(stream, 'system.probe', { note: `batch ${i}` }, null)),
      ),
    );
    await app.api.get(EventRelay).idle();
    const jobs = addBulk.mock.calls.flatMap((call) => call[1] as Array<{ data: unknown }>);
    addBulk.mockRestore();
    const batched = jobs.filter((job) => 'events' in (job.data as object));
    // 40 commits in flight together: fewer jobs than events, and at least one job carries several events.
    expect(jobs.length).toBeLessThan(40);
    expect(batched.length).toBeGreaterThan(0);
    const events = (await Promise.all(streams.map((s) => app.api.get(EventStore).read(s, 0)))).flat();
    expect(events).toHaveLength(40);
    for (const event of events)
      await expectEventually(async () => expect(await deliveries(event.id)).toBe(1));

    // The same batch again (same job id), and again under a new job id: consumers skip what they processed.
    await app.api.get(EventRelay).publish(events);
    await app.api
      .get(QueueService)
      .addBulk(JobName.DispatchEvent, [{ data: { events }, jobId: `again-${randomUUID()}` }]);
    await waitForQueuesToDrain(app);
    for (const event of events) expect(await deliveries(event.id)).toBe(1);
  });

  it('a poison event in a batch holds back only itself; the others are delivered', async () => {
    const notes = ['fine 1', 'poison', 'fine 2'];
    const committed: EventEnvelope[] = [];
    for (const note of notes) committed.push(...(await probe(note)).events);
    // Only the batch job below delivers them (not the sweep).
    await app.dataSource.query(`DELETE FROM event_outbox WHERE event_id = ANY($1::uuid[])`, [
      committed.map((e) => e.id),
    ]);
    ProbeConsumer.poisonNote = 'poison';
    try {
      await app.api
        .get(QueueService)
        .addBulk(JobName.DispatchEvent, [{ data: { events: committed }, jobId: `poison-${randomUUID()}` }]);
      await expectEventually(async () => {
        expect(await deliveries(committed[0].id)).toBe(1);
        expect(await deliveries(committed[2].id)).toBe(1);
      });
      expect(await deliveries(committed[1].id)).toBe(0);
    } finally {
      ProbeConsumer.poisonNote = null;
    }
    // The job is retried with backoff; once the event can be processed, it is, once.
    await expectEventually(async () => expect(await deliveries(committed[1].id)).toBe(1), {
      timeoutMs: 20_000,
    });
    expect(await deliveries(committed[0].id)).toBe(1);
  });

  it('leaves no event behind when the transaction rolls back', async () => {
    const stream = streamName('system', randomUUID());
    await expect(
      uow.run(async (tx) => {
        await tx.manager.query(`INSERT INTO probe_items (note) VALUES ('rolled back')`);
        tx.append(stream, 'system.probe', { note: 'rolled back' }, null);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const store = app.api.get(EventStore);
    expect(await store.read(stream, 0)).toEqual([]);
    expect(await store.head(stream)).toBe(0);
    const items = await app.dataSource.query(`SELECT 1 FROM probe_items WHERE note = 'rolled back'`);
    expect(items).toHaveLength(0);
  });

  it('a rolled-back append gives its sequence number back: the next event takes it', async () => {
    const stream = streamName('system', randomUUID());
    await probe('first', stream);
    await expect(
      uow.run(async (tx) => {
        tx.append(stream, 'system.probe', { note: 'lost' }, null);
        await tx.manager.query('SELECT 1/0');
      }),
    ).rejects.toThrow();
    await probe('second', stream);
    const events = await app.api.get(EventStore).read(stream, 0);
    expect(events.map((e) => [e.seq, (e.data as { note: string }).note])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
  });

  it('the sweep delivers an event whose publish never happened after commit', async () => {
    const { events } = await probe('crashed before publish');
    const [event] = events;
    expect(await inOutbox(event.id)).toBe(true);
    // The worker's repeating sweep (every second in tests) finds it.
    await expectEventually(async () => expect(await deliveries(event.id)).toBe(1), { timeoutMs: 15_000 });
    await expectEventually(async () => expect(await inOutbox(event.id)).toBe(false));
  });

  it('the sweep delivers an event whose publish failed (queue unreachable) after commit', async () => {
    const queues = app.api.get(QueueService);
    const spy = jest.spyOn(queues, 'addBulk').mockRejectedValueOnce(new Error('Connection is closed.'));
    const stream = streamName('system', randomUUID());
    await uow.run(async (tx) => tx.append(stream, 'system.probe', { note: 'publish failed' }, null));
    await app.api.get(EventRelay).idle();
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    const [event] = await app.api.get(EventStore).read(stream, 0);
    const sweeper = app.worker!.get(OutboxSweeper);
    await expectEventually(async () => {
      await sweeper.sweep(0);
      expect(await deliveries(event.id)).toBe(1);
    });
  });

  it('retries a failing consumer with backoff until it succeeds, still once in effect', async () => {
    ProbeConsumer.failuresLeft = 2;
    const stream = streamName('system', randomUUID());
    await uow.run(async (tx) => tx.append(stream, 'system.probe', { note: 'flaky' }, null));
    const [event] = await app.api.get(EventStore).read(stream, 0);
    await expectEventually(async () => expect(await deliveries(event.id)).toBe(1), { timeoutMs: 20_000 });
    expect(ProbeConsumer.failuresLeft).toBe(0);
  });

  it('gives 50 concurrent appends to one stream the numbers 1..50, no gap, no repeat', async () => {
    const stream = streamName('system', randomUUID());
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        uow.run(async (tx) => {
          await tx.manager.query(`INSERT INTO probe_items (note) VALUES ($1)`, [`c${i}`]);
          tx.append(stream, 'system.probe', { note: `c${i}` }, null);
        }),
      ),
    );
    const events = await app.api.get(EventStore).read(stream, 0);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(events.map((e) => (e.data as { note: string }).note)).size).toBe(50);
    expect(await app.api.get(EventStore).head(stream)).toBe(50);
  });
});
