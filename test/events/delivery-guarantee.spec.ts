import { randomUUID } from 'node:crypto';
import {
  EventLogPruner,
  EventRelay,
  EventStore,
  JobName,
  OutboxSweeper,
  QueueName,
  QueueService,
  streamName,
  UnitOfWork,
} from '@runde/events';
import { SubscriptionsService } from '@runde/realtime';
import { expectEventually } from '../support/expect-eventually';
import { PROBE_TABLES_SQL, ProbeConsumer, ProbeConsumerModule } from '../support/probe-consumer';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The outbox keeps an event until its job has run every consumer: a job that Redis lost, or that failed all its
 * attempts, is published again by the sweep — automatically, and still once in effect for each consumer.
 */
describe('delivery guarantee: the outbox outlives lost and failed jobs', () => {
  let app: TestApp;
  let uow: UnitOfWork;
  let queues: QueueService;

  beforeAll(async () => {
    app = await startTestApp({ worker: true, workerModules: [ProbeConsumerModule] });
    await app.dataSource.query(PROBE_TABLES_SQL);
    uow = app.api.get(UnitOfWork);
    queues = app.api.get(QueueService);
  });
  afterAll(() => app.close());

  const deliveries = async (eventId: string): Promise<number> =>
    (
      await app.dataSource.query(`SELECT count(*)::int AS n FROM probe_deliveries WHERE event_id = $1`, [
        eventId,
      ])
    )[0].n;
  const outboxRow = async (eventId: string) =>
    (
      await app.dataSource.query(
        `SELECT published_at, job_id, redrives, last_error FROM event_outbox WHERE event_id = $1`,
        [eventId],
      )
    )[0] as
      | { published_at: Date | null; job_id: string | null; redrives: number; last_error: string | null }
      | undefined;

  it('keeps the outbox entry until the job ran its consumers, then removes it', async () => {
    const events = queues.queue(QueueName.Events);
    await events.pause();
    let eventId: string;
    try {
      const stream = streamName('system', randomUUID());
      await uow.run(async (tx) => tx.append(stream, 'system.probe', { note: 'kept until done' }, null));
      await app.api.get(EventRelay).idle();
      [{ id: eventId }] = await app.api.get(EventStore).read(stream, 0);
      const row = await outboxRow(eventId);
      expect(row?.published_at).not.toBeNull();
      expect(row?.job_id).toBe(eventId);
      expect(await queues.jobState(JobName.DispatchEvent, eventId)).toBe('waiting');
    } finally {
      await events.resume();
    }
    await expectEventually(async () => expect(await deliveries(eventId)).toBe(1));
    await expectEventually(async () => expect(await outboxRow(eventId)).toBeUndefined());
  });

  it('publishes again an event whose job Redis lost (restarted empty), and delivers it once', async () => {
    const events = queues.queue(QueueName.Events);
    await events.pause();
    const stream = streamName('system', randomUUID());
    await uow.run(async (tx) => tx.append(stream, 'system.probe', { note: 'job lost' }, null));
    await app.api.get(EventRelay).idle();
    const [{ id: eventId }] = await app.api.get(EventStore).read(stream, 0);
    expect(await queues.jobState(JobName.DispatchEvent, eventId)).toBe('waiting');
    // What a Redis that comes back without its data leaves of the events queue: nothing (and not paused).
    await events.obliterate({ force: true });
    expect(await queues.jobState(JobName.DispatchEvent, eventId)).toBe('unknown');
    expect(await deliveries(eventId)).toBe(0);
    // The job is looked at once it is old enough: make it so instead of waiting.
    await app.dataSource.query(
      `UPDATE event_outbox SET published_at = now() - interval '11 seconds' WHERE event_id = $1`,
      [eventId],
    );
    // The worker's own repeating sweep (every second in tests) redrives it.
    await expectEventually(async () => expect(await deliveries(eventId)).toBe(1), { timeoutMs: 15_000 });
    await expectEventually(async () => expect(await outboxRow(eventId)).toBeUndefined());
    expect(await deliveries(eventId)).toBe(1);
  });

  it('keeps the error of a job that failed for good, and redrives it once the cause is gone', async () => {
    const stream = streamName('system', randomUUID());
    const { events } = await uow.runWithoutRelay(async (tx) =>
      tx.append(stream, 'system.probe', { note: 'poisoned for now' }, null),
    );
    const [event] = events;
    ProbeConsumer.poisonNote = 'poisoned for now';
    try {
      // Published as the relay does, with a single attempt so that it fails for good at once.
      const jobId = `${event.id}-once`;
      await queues.queue(QueueName.Events).add(JobName.DispatchEvent, event, { jobId, attempts: 1 });
      await app.dataSource.query(
        `UPDATE event_outbox SET published_at = now(), job_id = $2 WHERE event_id = $1`,
        [event.id, jobId],
      );
      await expectEventually(async () =>
        expect(await queues.jobState(JobName.DispatchEvent, jobId)).toBe('failed'),
      );
      await expectEventually(async () =>
        expect((await outboxRow(event.id))?.last_error).toMatch(/poison event/),
      );
      // Failed for good, but not yet due for a redrive (a minute after the failure): the sweep leaves it.
      await app.worker!.get(OutboxSweeper).sweep(2);
      expect((await outboxRow(event.id))?.redrives).toBe(0);
    } finally {
      ProbeConsumer.poisonNote = null;
    }
    await app.dataSource.query(
      `UPDATE event_outbox SET published_at = now() - interval '61 seconds' WHERE event_id = $1`,
      [event.id],
    );
    await expectEventually(async () => expect(await deliveries(event.id)).toBe(1), { timeoutMs: 15_000 });
    await expectEventually(async () => expect(await outboxRow(event.id)).toBeUndefined());
  });

  it('clears the entries of a job that completed when the worker died before removing them', async () => {
    const stream = streamName('system', randomUUID());
    await uow.run(async (tx) => tx.append(stream, 'system.probe', { note: 'completed' }, null));
    const [event] = await app.api.get(EventStore).read(stream, 0);
    await expectEventually(async () => expect(await outboxRow(event.id)).toBeUndefined());
    // As if the DELETE after the job never happened.
    const [{ position }] = await app.dataSource.query(`SELECT position FROM domain_events WHERE id = $1`, [
      event.id,
    ]);
    await app.dataSource.query(
      `INSERT INTO event_outbox (event_id, position, published_at, job_id)
       VALUES ($1, $2, now() - interval '11 seconds', $3)`,
      [event.id, position, event.id],
    );
    expect(await queues.jobState(JobName.DispatchEvent, event.id)).toBe('completed');
    await app.worker!.get(OutboxSweeper).sweep(2);
    expect(await outboxRow(event.id)).toBeUndefined();
    expect(await deliveries(event.id)).toBe(1);
  });

  it('prunes events past the retention, keeps the rest and the heads, and catch-up then answers resync', async () => {
    const stream = streamName('system', randomUUID());
    for (const note of ['alt', 'neu'])
      await uow.run(async (tx) => tx.append(stream, 'system.probe', { note }, null));
    const store = app.api.get(EventStore);
    const [old, recent] = await store.read(stream, 0);
    await expectEventually(async () => expect(await outboxRow(recent.id)).toBeUndefined());
    await app.dataSource.query(
      `UPDATE domain_events SET occurred_at = now() - interval '91 days' WHERE id = $1`,
      [old.id],
    );
    await app.dataSource.query(
      `UPDATE processed_events SET processed_at = now() - interval '91 days' WHERE event_id = $1`,
      [old.id],
    );
    const result = await app.worker!.get(EventLogPruner).prune(90);
    expect(result.events).toBeGreaterThanOrEqual(1);
    expect(result.markers).toBeGreaterThanOrEqual(1);
    expect((await store.read(stream, 0)).map((e) => e.seq)).toEqual([2]);
    expect(await store.head(stream)).toBe(2);
    const markers = await app.dataSource.query(`SELECT 1 FROM processed_events WHERE event_id = $1`, [
      old.id,
    ]);
    expect(markers).toHaveLength(0);
    // A subscriber catching up from before the oldest kept event is told to load the state afresh.
    const subscriptions = app.api.get(SubscriptionsService);
    const caller = { id: randomUUID() } as Parameters<SubscriptionsService['catchUp']>[0];
    expect(await subscriptions.catchUp(caller, stream, 0)).toEqual({ head: 2, missed: [], resync: true });
    expect((await subscriptions.catchUp(caller, stream, 1)).missed.map((e) => e.seq)).toEqual([2]);
  });
});
