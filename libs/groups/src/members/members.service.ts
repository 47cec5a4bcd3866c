import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MemberPayload, streamName, UnitOfWork } from '@runde/events';
import { Caller, UsersService } from '@runde/identity';
import { AppError, decodeCursor, Page, toPage } from '@runde/platform';
import { MembershipEntity, type Role } from '../entities/membership.entity';
import { AccessPolicy } from '../policy/access-policy';
import { memberView } from './member-view';

type MemberCursor = { t: string; u: string };
const isMemberCursor = (v: unknown): v is MemberCursor =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as MemberCursor).t === 'string' &&
  typeof (v as MemberCursor).u === 'string';

const PRIVILEGED: Role[] = ['owner', 'moderator'];

@Injectable()
export class MembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly users: UsersService,
  ) {}

  /**
   * A page of the group's members; with `q`, only active people whose name or organisation contains it
   * (case-insensitive; what the composer's @mention suggestions ask for).
   */
  async list(
    caller: Caller,
    groupId: string,
    limit = 20,
    cursor?: string,
    q?: string,
  ): Promise<Page<MemberPayload>> {
    await this.policy.assert(caller, 'read', 'group', groupId, 'Group');
    const after = decodeCursor(cursor, isMemberCursor);
    const qb = this.dataSource
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .where('m.group_id = :groupId', { groupId })
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.user_id', 'ASC')
      .limit(limit + 1);
    if (after) qb.andWhere('(m.created_at, m.user_id) > (:t, :u)', { t: after.t, u: after.u });
    const search = q?.normalize('NFC').replace(/\s+/gu, ' ').trim();
    if (search) {
      qb.innerJoin('users', 'u', 'u.id = m.user_id AND u.deleted_at IS NULL')
        .leftJoin('organisations', 'o', 'o.id = u.organisation_id')
        .andWhere(`(u.display_name ILIKE :pattern ESCAPE '\\' OR o.name ILIKE :pattern ESCAPE '\\')`, {
          pattern: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        });
    }
    const rows = await qb.getMany();
    const people = await this.users.people(rows.map((r) => r.userId));
    return toPage(
      rows,
      limit,
      (m) => memberView(m, people.get(m.userId)!),
      (m) => ({ t: m.createdAt.toISOString(), u: m.userId }),
    );
  }

  async add(caller: Caller, groupId: string, userId: string, role: Role): Promise<MemberPayload> {
    const access = await this.policy.assert(caller, 'manageMembers', 'group', groupId, 'Group');
    if (PRIVILEGED.includes(role) && !access.grantRoles)
      throw AppError.forbidden('Only owners may grant this role').because('OWNERS_ONLY');
    const user = await this.users.findActive(userId);
    if (!user) throw AppError.notFound('User');
    return this.uow.run(async (tx) => {
      if (await tx.manager.existsBy(MembershipEntity, { groupId, userId })) {
        throw AppError.conflict('This person is a member already').because('ALREADY_MEMBER');
      }
      const m = await tx.manager.save(tx.manager.create(MembershipEntity, { groupId, userId, role }));
      const member = memberView(m, (await this.users.people([userId], tx.manager)).get(userId)!);
      tx.append(streamName('group', groupId), 'member.added', { groupId, member }, caller.id);
      return member;
    });
  }

  async changeRole(caller: Caller, groupId: string, userId: string, role: Role): Promise<MemberPayload> {
    await this.policy.assert(caller, 'grantRoles', 'group', groupId, 'Group');
    return this.uow.run(async (tx) => {
      await lockGroup(tx.manager, groupId);
      const m = await tx.manager.findOneBy(MembershipEntity, { groupId, userId });
      if (!m) throw AppError.notFound('Member');
      const previousRole = m.role;
      if (previousRole === role)
        return memberView(m, (await this.users.people([userId], tx.manager)).get(userId)!);
      if (previousRole === 'owner') await assertNotLastOwner(tx.manager, groupId);
      m.role = role;
      await tx.manager.update(MembershipEntity, { groupId, userId }, { role });
      tx.append(
        streamName('group', groupId),
        'member.role_changed',
        { groupId, userId, role, previousRole },
        caller.id,
      );
      return memberView(m, (await this.users.people([userId], tx.manager)).get(userId)!);
    });
  }

  async remove(caller: Caller, groupId: string, userId: string): Promise<void> {
    const leaving = caller.id === userId;
    const access = leaving
      ? await this.policy.assert(caller, 'read', 'group', groupId, 'Group')
      : await this.policy.assert(caller, 'manageMembers', 'group', groupId, 'Group');
    await this.uow.run(async (tx) => {
      await lockGroup(tx.manager, groupId);
      const m = await tx.manager.findOneBy(MembershipEntity, { groupId, userId });
      if (!m) throw AppError.notFound('Member');
      if (!leaving && PRIVILEGED.includes(m.role) && !access.grantRoles) {
        throw AppError.forbidden('Only owners may remove moderators and owners').because('OWNERS_ONLY');
      }
      if (m.role === 'owner') await assertNotLastOwner(tx.manager, groupId);
      await tx.manager.delete(MembershipEntity, { groupId, userId });
      tx.append(streamName('group', groupId), 'member.removed', { groupId, userId }, caller.id);
    });
  }
}

/** Serialises membership changes of one group, so two demotions cannot both pass the last-owner check. */
async function lockGroup(manager: EntityManager, groupId: string): Promise<void> {
  const found = await manager.query(`SELECT id FROM groups WHERE id = $1 FOR UPDATE`, [groupId]);
  if (!found.length) throw AppError.notFound('Group');
}

async function assertNotLastOwner(manager: EntityManager, groupId: string): Promise<void> {
  const owners = await manager.countBy(MembershipEntity, { groupId, role: 'owner' });
  if (owners <= 1) throw AppError.conflict('A group must keep at least one owner').because('LAST_OWNER');
}
