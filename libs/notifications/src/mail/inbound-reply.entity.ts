import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A reply by e-mail that became a post: the same message (by its Message-ID) to the same reply address (person
 * and thread) is refused the second time, so a resent or replayed mail never posts twice.
 */
@Entity('inbound_replies')
@Index('uq_inbound_replies_message', ['userId', 'threadId', 'messageId'], { unique: true })
export class InboundReplyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_inbound_replies' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @Column({ name: 'message_id', type: 'varchar', length: 998 })
  messageId: string;

  @Column({ name: 'post_id', type: 'uuid', nullable: true })
  postId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
