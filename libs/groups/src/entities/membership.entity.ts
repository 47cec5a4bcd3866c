import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const ROLES = ['owner', 'moderator', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

@Entity('group_members')
@Index('ix_group_members_user', ['userId'])
export class MembershipEntity {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  // Millisecond precision: the value round-trips through JSON cursors exactly.
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
