import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../entities/user.entity';

/**
 * A runde sign-in (refresh-token family) made through an identity provider, with the provider's session (`sid`)
 * and subject: a back-channel logout from the provider names one of them, and the sign-ins it names end.
 */
@Entity('oidc_sessions')
@Index('ix_oidc_sessions_sid', ['providerId', 'sid'])
@Index('ix_oidc_sessions_subject', ['providerId', 'subject'])
export class OidcSessionEntity {
  /** The refresh-token family (runde's session id, `sid` of its access tokens). */
  @PrimaryColumn({ name: 'family_id', type: 'uuid' })
  familyId: string;

  @Column({ name: 'provider_id', type: 'varchar', length: 40 })
  providerId: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  /** The provider's session id from the ID token; null when the provider sends none. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  sid: string | null;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
