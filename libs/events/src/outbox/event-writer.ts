import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '../catalogue/event-envelope';
import type { PendingEvent } from './transaction';

/**
 * Writes pending events into the log inside the caller's transaction.
 * Sequence numbers come from `event_streams.head`: the upsert takes the stream's row lock until commit, so
 * concurrent writers to one stream queue up, and a rollback gives the numbers back — gapless and unique.
 * Streams are locked in sorted order so that two transactions touching the same streams cannot deadlock.
 */
export async function writeEvents(manager: EntityManager, pending: PendingEvent[]): Promise<EventEnvelope[]> {
  if (pending.length === 0) return [];
  const byStream = new Map<string, PendingEvent[]>();
  for (const event of pending) {
    const list = byStream.get(event.stream) ?? [];
    list.push(event);
    byStream.set(event.stream, list);
  }
  const occurredAt = new Date();
  const envelopes = new Map<PendingEvent, EventEnvelope>();
  for (const stream of [...byStream.keys()].sort()) {
    const events = byStream.get(stream)!;
    const rows: Array<{ head: string }> = await manager.query(
      `INSERT INTO event_streams (stream, head) VALUES ($1, $2)
       ON CONFLICT (stream) DO UPDATE SET head = event_streams.head + EXCLUDED.head
       RETURNING head`,
      [stream, events.length],
    );
    let seq = Number(rows[0].head) - events.length;
    for (const event of events) {
      seq += 1;
      envelopes.set(event, {
        id: randomUUID(),
        stream,
        seq,
        type: event.type,
        occurredAt: occurredAt.toISOString(),
        actorId: event.actorId,
        data: event.data as never,
      });
    }
  }
  const ordered = pending.map((event) => envelopes.get(event)!);
  const params: unknown[] = [];
  const values = ordered.map((e, i) => {
    params.push(e.id, e.stream, e.seq, e.type, e.occurredAt, e.actorId, JSON.stringify(e.data));
    const o = i * 7;
    return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7}::jsonb)`;
  });
  await manager.query(
    `INSERT INTO domain_events (id, stream, seq, type, occurred_at, actor_id, data) VALUES ${values.join(', ')}`,
    params,
  );
  return ordered;
}
