import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

export const ORGANISATION_ROLES = ['admin', 'member', 'deputy'] as const;
/** `deputy`: Vertretung, acts for the organisation while someone is away (releases statements, like an admin). */
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];
export type OrganisationMemberStatus = 'requested' | 'confirmed';

/**
 * A person's membership of an organisation: asked for (`requested`), then confirmed by one of its admins (or a
 * platform admin). One row per person and organisation; a person belongs to at most one organisation as
 * confirmed (the one shown next to their name: users.organisation_id mirrors it, written only together with this
 * row by OrganisationMembers).
 */
@Entity('organisation_members')
@Check('ck_organisation_members_role', `role IN ('admin', 'member', 'deputy')`)
@Check('ck_organisation_members_status', `status IN ('requested', 'confirmed')`)
@Index('uq_organisation_members_confirmed_user', ['userId'], { unique: true, where: `status = 'confirmed'` })
@Index('ix_organisation_members_user', ['userId'])
export class OrganisationMemberEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 10, default: 'member' })
  role: OrganisationRole;

  @Column({ type: 'varchar', length: 10, default: 'requested' })
  status: OrganisationMemberStatus;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
