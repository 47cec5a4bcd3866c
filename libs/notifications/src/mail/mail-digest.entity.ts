import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One person's digest for one period (`period_end`: the digest hour of that day in their time zone), written once:
 * a second run of the digest job, on any worker, finds it and does nothing. Its mail (when it listed anything) is
 * in `notification_mails` with this id as the source, sent as notice mails are (claimed, sent, marked).
 */
@Entity('mail_digests')
@Index('uq_mail_digests_period', ['userId', 'cadence', 'periodEnd'], { unique: true })
export class MailDigestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_mail_digests' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 10 })
  cadence: string;

  @Column({ name: 'period_end', type: 'timestamptz', precision: 3 })
  periodEnd: Date;

  @Column({ name: 'item_count', type: 'int' })
  itemCount: number;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
