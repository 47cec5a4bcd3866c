import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A reminder that went out: one per addressee, reminder day and deadline (an extension makes new ones). The row is
 * written in the transaction that writes the reminder's event, so a retried or repeated job sends nothing twice.
 */
@Entity('consultation_reminders')
export class ReminderEntity {
  @PrimaryColumn({ name: 'consultation_id', type: 'uuid' })
  consultationId: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'days_before', type: 'int' })
  daysBefore: number;

  @PrimaryColumn({ type: 'timestamptz', precision: 3 })
  deadline: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  sentAt: Date;
}
