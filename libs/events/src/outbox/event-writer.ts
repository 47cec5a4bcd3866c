import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { prepared } from '@runde/platform';
import type { EventEnvelope } from '../catalogue/event-envelope';
import type { PendingEvent } from './transaction';

/**
 * Writes pending events into the log inside the caller's transaction, in one statement.
 * Sequence numbers come from `event_streams.head`: the upsert takes the stream's row lock until commit, so
 * concurrent writers to one stream queue up, and a rollback gives the numbers back — gapless and unique.
 * Streams are locked in sorted order so that two transactions touching the same streams cannot deadlock.
 */
export async function writeEvents(manager: EntityManager, pending: PendingEvent[]): Promise<EventEnvelope[]> {
  if (pending.length === 0) return [];
  const occurredAt = new Date().toISOString();
  const perStream = new Map<string, number>();
  const rows = pending.map((event) => {
    const ord = (perStream.get(event.stream) ?? 0) + 1;
    perStream.set(event.stream, ord);
    return {
      id: randomUUID(),
      stream: event.stream,
      ord,
      type: event.type,
      actor_id: event.actorId,
      data: event.data,
    };
  });
  const written = await prepared<{ id: string; seq: string }>(
    manager,
    `WITH e AS MATERIALIZED (
       SELECT * FROM json_to_recordset($1::json)
         AS e(id uuid, stream text, ord int, type text, actor_id uuid, data jsonb)
     ), counts AS (
       SELECT stream, count(*)::bigint AS n FROM e GROUP BY stream
     ), heads AS (
       INSERT INTO event_streams (stream, head) SELECT stream, n FROM counts ORDER BY stream
       ON CONFLICT (stream) DO UPDATE SET head = event_streams.head + EXCLUDED.head
       RETURNING stream, head
     ), written AS (
       INSERT INTO domain_events (id, stream, seq, type, occurred_at, actor_id, data)
       SELECT e.id, e.stream, h.head - c.n + e.ord, e.type, $2::timestamptz, e.actor_id, e.data
         FROM e JOIN heads h ON h.stream = e.stream JOIN counts c ON c.stream = e.stream
       RETURNING id, seq, position
     ), queued AS (
       INSERT INTO event_outbox (event_id, position) SELECT id, position FROM written
     )
     SELECT id, seq FROM written`,
    [JSON.stringify(rows), occurredAt],
  );
  const seqOf = new Map(written.map((w) => [w.id, Number(w.seq)]));
  return rows.map((row, i) => ({
    id: row.id,
    stream: row.stream as EventEnvelope['stream'],
    seq: seqOf.get(row.id)!,
    type: pending[i].type,
    occurredAt,
    actorId: row.actor_id,
    data: row.data as never,
  }));
}
