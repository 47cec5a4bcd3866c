import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A request to set a new password by mail: only the hash of the link's token is kept. Used once (`used_at`), and
 * only until `expires_at`; setting a new password uses up every open request of the account.
 */
@Entity('password_resets')
@Index('uq_password_resets_token_hash', ['tokenHash'], { unique: true })
@Index('ix_password_resets_user', ['userId'])
export class PasswordResetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
