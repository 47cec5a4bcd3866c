import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ReportStatus = 'drafting' | 'released' | 'nil_return';

/**
 * An organisation's needs report (Bedarfsmeldung) for a period, or an ad-hoc report between rounds. Drafted by its
 * people, released by its admin or a deputy (Mitzeichnung); a Fehlanzeige is a report with no entries.
 */
@Entity('needs_reports')
@Index('uq_needs_reports_period_org', ['periodId', 'organisationId'], {
  unique: true,
  where: 'period_id IS NOT NULL',
})
@Index('ix_needs_reports_org', ['organisationId', 'createdAt'])
export class NeedsReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'period_id', type: 'uuid', nullable: true })
  periodId: string | null;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'boolean', default: false })
  adhoc: boolean;

  @Column({ type: 'varchar', length: 12, default: 'drafting' })
  status: ReportStatus;

  @Column({ type: 'int', default: 0 })
  version: number;

  /** While drafting: the organisation means to answer with a Fehlanzeige. */
  @Column({ name: 'nil_return_intent', type: 'boolean', default: false })
  nilReturnIntent: boolean;

  @Column({ type: 'boolean', default: false })
  late: boolean;

  @Column({ name: 'released_by', type: 'uuid', nullable: true })
  releasedBy: string | null;

  @Column({ name: 'released_at', type: 'timestamptz', precision: 3, nullable: true })
  releasedAt: Date | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;
}
