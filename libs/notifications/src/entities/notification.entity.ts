import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationKind = 'mention' | 'reply' | 'followed_thread';

/**
 * A notification for one person. `followed_thread` ones are coalesced: one unread row per thread whose `count`
 * grows with each new post until it is read.
 */
@Entity('notifications')
@Index('ix_notifications_user', ['userId', 'createdAt'])
@Index('uq_notifications_unread_followed', ['userId', 'threadId'], {
  unique: true,
  where: `kind = 'followed_thread' AND read_at IS NULL`,
})
@Index('uq_notifications_source', ['userId', 'sourceEventId', 'kind'], { unique: true })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: NotificationKind;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @Column({ name: 'post_id', type: 'uuid', nullable: true })
  postId: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'int', default: 1 })
  count: number;

  /** The domain event that caused it: a redelivered event cannot notify twice. */
  @Column({ name: 'source_event_id', type: 'uuid' })
  sourceEventId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;
}
