import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './bigint-number';

/**
 * The outbox: one small row per committed event whose consumers have not all run yet, written in the event's
 * transaction. Publishing marks it (`published_at`, `job_id`); the worker deletes it once the job has run every
 * consumer. A row that outlives its job (Redis lost it, the job failed all its attempts) is published again by the
 * sweep (docs/reliability.md). (Marking the log row instead would rewrite the whole event, payload and indexes
 * included, once more per event.)
 */
@Entity('event_outbox')
@Index('ix_event_outbox_position', ['position'])
export class OutboxEntryEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  /** The event's position in the log, for publishing in commit order. */
  @Column({ type: 'bigint', transformer: bigintNumber })
  position: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When the event last went to the queue; null until it first did. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** The BullMQ job that carries it (one job may carry the events of several commits). */
  @Column({ name: 'job_id', type: 'varchar', length: 120, nullable: true })
  jobId: string | null;

  /** How often the sweep published it again because its job was lost or failed for good. */
  @Column({ type: 'int', default: 0 })
  redrives: number;

  /** Why its job failed for good the last time (shown until a redrive succeeds). */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
