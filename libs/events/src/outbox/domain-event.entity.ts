import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './bigint-number';

/** The event log: a row is written in the transaction of the change it describes (with its outbox entry). */
@Entity('domain_events')
@Index('uq_domain_events_stream_seq', ['stream', 'seq'], { unique: true })
@Index('ix_domain_events_occurred_at', ['occurredAt'])
export class DomainEventEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Global commit-independent order, for sweeps and replays. */
  @Column({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    transformer: bigintNumber,
    update: false,
    insert: false,
  })
  position: number;

  @Column({ type: 'varchar', length: 100 })
  stream: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  seq: number;

  @Column({ type: 'varchar', length: 100 })
  type: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'jsonb' })
  data: unknown;
}
