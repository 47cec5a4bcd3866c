import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { prepared } from '@runde/platform';
import type { EventEnvelope } from '../catalogue/event-envelope';

interface EventRow {
  id: string;
  stream: string;
  seq: string;
  type: string;
  occurred_at: Date;
  actor_id: string | null;
  data: unknown;
}

export function rowToEnvelope(row: EventRow): EventEnvelope {
  return {
    id: row.id,
    stream: row.stream,
    seq: Number(row.seq),
    type: row.type as EventEnvelope['type'],
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorId: row.actor_id,
    data: row.data as never,
  };
}

/** Reads the event log: a stream's head and its events after a sequence number (for catch-up). */
@Injectable()
export class EventStore {
  constructor(private readonly dataSource: DataSource) {}

  async head(stream: string): Promise<number> {
    const rows: Array<{ head: string }> = await this.dataSource.query(
      `SELECT head FROM event_streams WHERE stream = $1`,
      [stream],
    );
    return rows.length ? Number(rows[0].head) : 0;
  }

  async read(stream: string, afterSeq: number, limit = 1000): Promise<EventEnvelope[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT id, stream, seq, type, occurred_at, actor_id, data FROM domain_events
       WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [stream, afterSeq, limit],
    );
    return rows.map(rowToEnvelope);
  }

  /**
   * What a subscriber missed, in one statement: the stream's head and the events after `since` (at most `limit`;
   * none are read when more than `limit` are missing).
   */
  async headAndAfter(
    stream: string,
    since: number,
    limit: number,
  ): Promise<{ head: number; events: EventEnvelope[] }> {
    const rows = await prepared<EventRow & { head__: string }>(
      this.dataSource,
      `SELECT h.head AS head__, e.id, e.stream, e.seq, e.type, e.occurred_at, e.actor_id, e.data
         FROM (SELECT COALESCE((SELECT head FROM event_streams WHERE stream = $1), 0) AS head) h
         LEFT JOIN LATERAL (
           SELECT * FROM domain_events
            WHERE stream = $1 AND seq > $2 AND h.head - $2 <= $3
            ORDER BY seq LIMIT $3
         ) e ON true`,
      [stream, since, limit],
    );
    const head = Number(rows[0]?.head__ ?? 0);
    return { head, events: rows.filter((r) => r.id !== null).map(rowToEnvelope) };
  }

  /** Lowest sequence number still in the log for a stream (older ones were pruned), or null when empty. */
  async oldestSeq(stream: string): Promise<number | null> {
    const rows: Array<{ seq: string | null }> = await this.dataSource.query(
      `SELECT min(seq) AS seq FROM domain_events WHERE stream = $1`,
      [stream],
    );
    return rows[0]?.seq == null ? null : Number(rows[0].seq);
  }

  async byStreamRange(stream: string, fromSeq: number, toSeq: number): Promise<EventEnvelope[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT id, stream, seq, type, occurred_at, actor_id, data FROM domain_events
       WHERE stream = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq`,
      [stream, fromSeq, toSeq],
    );
    return rows.map(rowToEnvelope);
  }

  async byPositionRange(fromPosition: number, toPosition: number): Promise<EventEnvelope[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT id, stream, seq, type, occurred_at, actor_id, data FROM domain_events
       WHERE position BETWEEN $1 AND $2 ORDER BY position`,
      [fromPosition, toPosition],
    );
    return rows.map(rowToEnvelope);
  }
}
