import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type PeriodStatus = 'open' | 'closed';

/** One period of a round ("2027-Q1"): opened by the scheduler, due `dueDays` later, closed after that. */
@Entity('needs_periods')
@Index('uq_needs_periods_round_label', ['roundId', 'label'], { unique: true })
@Index('ix_needs_periods_status_due', ['status', 'dueAt'])
export class NeedsPeriodEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ type: 'varchar', length: 20 })
  label: string;

  /** Order of periods within a round (0, 1, 2 …). */
  @Column({ type: 'int' })
  seq: number;

  @Column({ name: 'opens_at', type: 'timestamptz', precision: 3 })
  opensAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz', precision: 3 })
  dueAt: Date;

  @Column({ type: 'varchar', length: 8, default: 'open' })
  status: PeriodStatus;

  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;
}
