import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reminder sent for a period to a reporter (written with its event: never twice). */
@Entity('needs_reminders')
export class NeedsReminderEntity {
  @PrimaryColumn({ name: 'period_id', type: 'uuid' })
  periodId: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'days_before', type: 'int' })
  daysBefore: number;

  @Column({ name: 'sent_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  sentAt: Date;
}
