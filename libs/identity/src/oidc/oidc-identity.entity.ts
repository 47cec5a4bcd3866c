import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../entities/user.entity';

/**
 * A person's account at an identity provider, linked to their runde account: the provider's subject (`sub`)
 * signs in as this account from then on. One per provider and account.
 */
@Entity('oidc_identities')
@Index('uq_oidc_identities_user', ['providerId', 'userId'], { unique: true })
export class OidcIdentityEntity {
  /** The provider's id in OIDC_PROVIDERS. */
  @PrimaryColumn({ name: 'provider_id', type: 'varchar', length: 40 })
  providerId: string;

  /** The provider's `sub` claim: stable for the person at that provider. */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  subject: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'linked_at', type: 'timestamptz' })
  linkedAt: Date;

  @Column({ name: 'last_sign_in_at', type: 'timestamptz' })
  lastSignInAt: Date;
}
