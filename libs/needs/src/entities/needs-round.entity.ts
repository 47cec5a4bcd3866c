import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Cadence } from '../fields';

/** A recurring reporting round (e.g. quarterly) with its expected reporters and fields of action. */
@Entity('needs_rounds')
export class NeedsRoundEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 10 })
  cadence: Cadence;

  @Column({ type: 'text', array: true })
  fields: string[];

  /** Reports are due this many days after a period opens. */
  @Column({ name: 'due_days', type: 'int' })
  dueDays: number;

  /** Reminders this many days before a period's due date, to reporters that have not released. */
  @Column({ name: 'remind_days_before', type: 'int', array: true, default: () => "'{7,1}'" })
  remindDaysBefore: number[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
