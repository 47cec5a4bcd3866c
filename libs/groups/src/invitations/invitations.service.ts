import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { streamName, Transaction } from '@runde/events';
import { Caller, InvitationRedeemer, Mailer, personView, UserEntity } from '@runde/identity';
import { APP_CONFIG, AppConfig, AppError, ErrorCode } from '@runde/platform';
import { GroupEntity } from '../entities/group.entity';
import { InvitationEntity } from '../entities/invitation.entity';
import { MembershipEntity, type Role } from '../entities/membership.entity';
import { memberView } from '../members/member-view';
import { AccessPolicy } from '../policy/access-policy';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export interface InvitationView {
  id: string;
  groupId: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

function view(i: InvitationEntity): InvitationView {
  return {
    id: i.id,
    groupId: i.groupId,
    email: i.emailNormalized,
    role: i.role,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
    revokedAt: i.revokedAt?.toISOString() ?? null,
  };
}

/** Invitations by email with a single-use, expiring token; registering with the token joins the group. */
@Injectable()
export class InvitationsService implements InvitationRedeemer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(caller: Caller, groupId: string, email: string, role: Role): Promise<InvitationView> {
    const access = await this.policy.assert(caller, 'manageMembers', 'group', groupId, 'Group');
    if ((role === 'owner' || role === 'moderator') && !access.grantRoles) {
      throw AppError.forbidden('Only owners may invite owners and moderators').because('OWNERS_ONLY');
    }
    const token = randomBytes(24).toString('base64url');
    const invitation = await this.dataSource.getRepository(InvitationEntity).save({
      groupId,
      emailNormalized: email.toLowerCase(),
      role,
      tokenHash: sha256(token),
      invitedBy: caller.id,
      expiresAt: new Date(Date.now() + this.config.INVITATION_TTL_HOURS * 3600 * 1000),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    });
    const group = await this.dataSource.getRepository(GroupEntity).findOneByOrFail({ id: groupId });
    const base = this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`;
    const link = `${base}/#/register?invitation=${token}`;
    await this.mailer.send({
      to: email,
      subject: `Einladung in die Arbeitsgruppe „${group.name}“ (runde)`,
      text: [
        `Guten Tag,`,
        ``,
        `${caller.displayName} lädt Sie in die Arbeitsgruppe „${group.name}“ im Netzwerk Integration ein.`,
        `Registrieren Sie sich über diesen Link (gültig bis ${invitation.expiresAt.toISOString().slice(0, 10)}):`,
        link,
        ``,
        `Einladungscode: ${token}`,
      ].join('\n'),
    });
    return view(invitation);
  }

  async list(caller: Caller, groupId: string): Promise<{ items: InvitationView[]; nextCursor: null }> {
    await this.policy.assert(caller, 'manageMembers', 'group', groupId, 'Group');
    const rows = await this.dataSource
      .getRepository(InvitationEntity)
      .find({ where: { groupId }, order: { createdAt: 'DESC' }, take: 100 });
    return { items: rows.map(view), nextCursor: null };
  }

  async revoke(caller: Caller, groupId: string, invitationId: string): Promise<void> {
    await this.policy.assert(caller, 'manageMembers', 'group', groupId, 'Group');
    const result = await this.dataSource
      .getRepository(InvitationEntity)
      .update(
        { id: invitationId, groupId, acceptedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
    if (!result.affected) throw AppError.notFound('Invitation');
  }

  /** Called by registration, inside its unit of work. */
  async redeem(token: string, email: string, userId: string, tx: Transaction): Promise<void> {
    const invitation = await tx.manager
      .getRepository(InvitationEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.token_hash = :hash', { hash: sha256(token) })
      .getOne();
    const reject = (reason: string, message: string) =>
      new AppError(ErrorCode.Forbidden, message, [{ field: 'invitationToken', reason }]);
    if (!invitation || invitation.revokedAt) throw reject('invalid', 'This invitation is not valid');
    if (invitation.acceptedAt) throw reject('used', 'This invitation has been used already');
    if (invitation.expiresAt.getTime() <= Date.now()) throw reject('expired', 'This invitation has expired');
    if (invitation.emailNormalized !== email)
      throw reject('email_mismatch', 'This invitation is for another email address');
    await tx.manager.update(
      InvitationEntity,
      { id: invitation.id },
      { acceptedAt: new Date(), acceptedBy: userId },
    );
    const membership = await tx.manager.save(
      tx.manager.create(MembershipEntity, { groupId: invitation.groupId, userId, role: invitation.role }),
    );
    const user = await tx.manager.findOne(UserEntity, {
      where: { id: userId },
      relations: { organisation: true },
    });
    tx.append(
      streamName('group', invitation.groupId),
      'member.added',
      { groupId: invitation.groupId, member: memberView(membership, personView(user, userId)) },
      userId,
    );
  }
}
