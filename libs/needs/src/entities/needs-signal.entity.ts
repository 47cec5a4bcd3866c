import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type SignalStatus = 'open' | 'topic' | 'dismissed';

/** An early signal raised by a rule from released reports; remembers what was done about it. */
@Entity('needs_signals')
@Index('uq_needs_signals_dedupe', ['dedupeKey'], { unique: true })
@Index('ix_needs_signals_created', ['createdAt'])
export class NeedsSignalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  rule: string;

  @Column({ type: 'varchar', length: 40 })
  field: string;

  /** Where: `regierungsbezirk:Tübingen`, `district:08416`, `land`. */
  @Column({ type: 'varchar', length: 60 })
  scope: string;

  @Column({ name: 'period_id', type: 'uuid', nullable: true })
  periodId: string | null;

  @Column({ name: 'report_ids', type: 'uuid', array: true })
  reportIds: string[];

  @Column({ type: 'text' })
  summary: string;

  /** Only the ministry may see it (it rests on ministry-only entries). */
  @Column({ name: 'ministry_only', type: 'boolean', default: false })
  ministryOnly: boolean;

  /** One signal per rule, field, scope and period (a rule re-evaluated does not raise it twice). */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey: string;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: SignalStatus;

  @Column({ name: 'topic_id', type: 'uuid', nullable: true })
  topicId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'handled_by', type: 'uuid', nullable: true })
  handledBy: string | null;

  @Column({ name: 'handled_at', type: 'timestamptz', precision: 3, nullable: true })
  handledAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
