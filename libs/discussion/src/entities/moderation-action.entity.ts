import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ModerationActionType =
  'lock' | 'unlock' | 'pin' | 'unpin' | 'move' | 'hide' | 'unhide' | 'slow_mode' | 'flag_dismissed';

/** One line of a group's moderation log: who did what to which target, why, and when. */
@Entity('moderation_actions')
@Index('ix_moderation_actions_group', ['groupId', 'createdAt'])
export class ModerationActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ type: 'varchar', length: 20 })
  action: ModerationActionType;

  @Column({ name: 'target_type', type: 'varchar', length: 10 })
  targetType: 'thread' | 'post' | 'flag';

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @Column({ name: 'reason_code', type: 'varchar', length: 20, nullable: true })
  reasonCode: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
