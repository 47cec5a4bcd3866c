import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type FollowTarget = 'thread' | 'topic';

/** Someone follows a thread or a topic: they hear of its new posts (threads) or new threads (topics). */
@Entity('follows')
@Index('ix_follows_target', ['targetType', 'targetId'])
export class FollowEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'target_type', type: 'varchar', length: 10 })
  targetType: FollowTarget;

  @PrimaryColumn({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
