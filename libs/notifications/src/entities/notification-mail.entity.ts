import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A mail that goes with a notice (or a digest: its id is the source): written in the notice's transaction (one per
 * event and person), sent after it
 * committed. `claimed_at` marks a send in progress (a crashed one is taken over after a while), `sent_at` a mail
 * that went out: a retried job skips it, so nobody gets a mail twice.
 */
@Entity('notification_mails')
@Index('uq_notification_mails_source', ['sourceEventId', 'userId'], { unique: true })
@Index('ix_notification_mails_unsent', ['createdAt'], { where: 'sent_at IS NULL' })
export class NotificationMailEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_notification_mails' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'source_event_id', type: 'uuid' })
  sourceEventId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ type: 'varchar', length: 320 })
  recipient: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  /** The settings it answers to: its List-Unsubscribe link switches their mails off. */
  @Column({ type: 'varchar', length: 30, array: true, nullable: true })
  categories: string[] | null;

  /** A notice of a thread's post: replies to the mail (reply+<token>@INBOUND_DOMAIN) post in this thread. */
  @Column({ name: 'thread_id', type: 'uuid', nullable: true })
  threadId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'claimed_at', type: 'timestamptz', precision: 3, nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', precision: 3, nullable: true })
  sentAt: Date | null;
}
