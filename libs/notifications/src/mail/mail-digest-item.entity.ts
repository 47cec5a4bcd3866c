import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A notice waiting for its person's digest (they chose `daily` or `weekly` mails for its category), written with
 * the notice in the fan-out's transaction. A digest takes the items of its cadence that no digest took yet and that
 * happened before the digest's time, and marks them with its id: each item is in exactly one digest.
 */
@Entity('mail_digest_items')
@Index('uq_mail_digest_items_source', ['userId', 'sourceEventId', 'kind'], { unique: true })
@Index('ix_mail_digest_items_open', ['userId', 'cadence', 'occurredAt'], { where: 'digest_id IS NULL' })
export class MailDigestItemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_mail_digest_items' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 30 })
  category: string;

  /** `daily` or `weekly`: the person's choice when the notice was written. */
  @Column({ type: 'varchar', length: 10 })
  cadence: string;

  @Column({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ name: 'source_event_id', type: 'uuid' })
  sourceEventId: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  /** The digest's line for it, in the person's language, and its link. */
  @Column({ type: 'text' })
  line: string;

  @Column({ type: 'text' })
  link: string;

  @Column({ name: 'digest_id', type: 'uuid', nullable: true })
  digestId: string | null;
}
