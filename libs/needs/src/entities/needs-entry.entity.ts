import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Trend, Visibility } from '../fields';

/** One field of action with a need, in a report. */
@Entity('needs_entries')
@Index('ix_needs_entries_report', ['reportId', 'ord'])
export class NeedsEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @Column({ type: 'int' })
  ord: number;

  @Column({ type: 'varchar', length: 40 })
  field: string;

  @Column({ name: 'target_group', type: 'varchar', length: 500 })
  targetGroup: string;

  /** Rough number of people affected. */
  @Column({ type: 'int' })
  affected: number;

  @Column({ type: 'varchar', length: 8 })
  trend: Trend;

  @Column({ type: 'smallint' })
  severity: number;

  @Column({ type: 'text', nullable: true })
  existing: string | null;

  @Column({ type: 'text', nullable: true })
  missing: string | null;

  @Column({ type: 'text', nullable: true })
  support: string | null;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ type: 'varchar', length: 8 })
  visibility: Visibility;
}
