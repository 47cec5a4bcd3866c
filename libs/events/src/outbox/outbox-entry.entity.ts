import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './bigint-number';

/**
 * The outbox: one small row per committed event that has not reached the queue yet, written in the event's
 * transaction and deleted once it is published. (Marking the log row instead would rewrite the whole event,
 * payload and indexes included, once more per event.)
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
}
