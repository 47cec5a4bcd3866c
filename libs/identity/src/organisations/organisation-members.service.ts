import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { streamName, Transaction, UnitOfWork, type OrganisationMemberPayload } from '@runde/events';
import { AppError } from '@runde/platform';
import type { Caller } from '../auth/caller';
import { OrganisationEntity } from '../entities/organisation.entity';
import { OrganisationMemberEntity, type OrganisationRole } from '../entities/organisation-member.entity';
import { UserEntity } from '../entities/user.entity';
import { OrganisationMembership } from './organisation-membership';
import {
  organisationEntryView,
  organisationMemberView,
  type OrganisationMemberListItem,
  type OwnMembership,
} from './organisation-views';

type RemovalReason = 'declined' | 'withdrawn' | 'left' | 'removed';

/**
 * A person's way into an organisation: they ask (`requested`), one of its admins or a platform admin confirms
 * with a role; admins change roles and remove people, a person may withdraw or leave. Each change is written with
 * its event on `organisation:<id>` in one transaction. The one writer of `users.organisation_id`, the label shown
 * next to the person's name: it follows their confirmed membership (at most one per person).
 */
@Injectable()
export class OrganisationMembers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly membership: OrganisationMembership,
  ) {}

  /** The caller asks to belong to the organisation. */
  async request(caller: Caller, orgId: string): Promise<OrganisationMemberPayload> {
    return this.uow.run(async (tx) => {
      await lockOrganisation(tx.manager, orgId);
      await lockPerson(tx.manager, caller.id);
      const rows = await tx.manager.findBy(OrganisationMemberEntity, { userId: caller.id });
      const own = rows.find((r) => r.organisationId === orgId);
      if (own?.status === 'confirmed')
        throw AppError.conflict('You are a member of this organisation already').because('ALREADY_MEMBER');
      if (own) throw AppError.conflict('You have asked to join already').because('ALREADY_REQUESTED');
      if (rows.some((r) => r.status === 'confirmed'))
        throw AppError.conflict('You belong to another organisation: leave it first').because(
          'MEMBER_ELSEWHERE',
        );
      return this.insertRequest(tx, caller.id, orgId);
    });
  }

  /**
   * The person names their organisation (at registration, on the account page): a request to it, replacing their
   * other open requests; naming another one than their confirmed organisation leaves that one. `null`: none.
   * Runs inside the caller's transaction.
   */
  async chooseIn(tx: Transaction, userId: string, orgId: string | null): Promise<void> {
    if (orgId && !(await tx.manager.existsBy(OrganisationEntity, { id: orgId }))) {
      throw AppError.validation('Unknown organisation', [
        { field: 'organisationId', messages: ['unknown organisation'] },
      ]);
    }
    // The organisation one may leave first, then the person (the order every change here takes its locks in).
    const before = await tx.manager.findOneBy(OrganisationMemberEntity, { userId, status: 'confirmed' });
    if (before && before.organisationId !== orgId) await lockOrganisation(tx.manager, before.organisationId);
    await lockPerson(tx.manager, userId);
    const rows = await tx.manager.findBy(OrganisationMemberEntity, { userId });
    for (const row of rows) {
      if (row.organisationId === orgId) continue;
      if (row.status === 'confirmed') await assertNotLastAdmin(tx.manager, row, null);
      await this.deleteIn(tx, row, row.status === 'confirmed' ? 'left' : 'withdrawn', userId);
    }
    if (orgId && !rows.some((r) => r.organisationId === orgId)) await this.insertRequest(tx, userId, orgId);
  }

  /** Requests first (oldest first), then members by name: for the organisation's admins and platform admins. */
  async list(caller: Caller, orgId: string): Promise<{ items: OrganisationMemberListItem[] }> {
    await assertOrganisation(this.dataSource.manager, orgId);
    await this.assertAdmin(this.dataSource.manager, caller, orgId);
    const rows: MemberRow[] = await this.dataSource.query(
      `SELECT m.organisation_id, m.user_id, m.role, m.status, m.requested_at, m.decided_by, m.decided_at,
              u.email, u.display_name, u.deleted_at
         FROM organisation_members m JOIN users u ON u.id = m.user_id
        WHERE m.organisation_id = $1
        ORDER BY m.status DESC, CASE WHEN m.status = 'requested' THEN m.requested_at END,
                 lower(u.display_name), m.user_id`,
      [orgId],
    );
    return {
      items: rows.map((r) => ({
        ...organisationMemberView(memberOf(r), r.deleted_at ? null : r.display_name),
        email: r.deleted_at ? null : r.email,
      })),
    };
  }

  /** Confirms a request with a role, or changes a confirmed member's role. */
  async setRole(
    caller: Caller,
    orgId: string,
    userId: string,
    role: OrganisationRole,
  ): Promise<OrganisationMemberPayload> {
    return this.uow.run(async (tx) => {
      await lockOrganisation(tx.manager, orgId);
      await this.assertAdmin(tx.manager, caller, orgId);
      await lockPerson(tx.manager, userId);
      const m = await tx.manager.findOneBy(OrganisationMemberEntity, { organisationId: orgId, userId });
      if (!m) throw AppError.notFound('Member');
      const stream = streamName('organisation', orgId);
      if (m.status === 'requested') {
        if (await tx.manager.existsBy(OrganisationMemberEntity, { userId, status: 'confirmed' }))
          throw AppError.conflict('This person belongs to another organisation').because('MEMBER_ELSEWHERE');
        Object.assign(m, { status: 'confirmed', role, decidedBy: caller.id, decidedAt: new Date() });
        await tx.manager.save(m);
        await tx.manager.update(UserEntity, { id: userId }, { organisationId: orgId });
        // Their other open requests are moot now: one organisation is shown next to a person.
        const others = await tx.manager.findBy(OrganisationMemberEntity, { userId, status: 'requested' });
        for (const other of others) await this.deleteIn(tx, other, 'withdrawn', caller.id);
        const member = await this.view(tx.manager, m);
        tx.append(stream, 'organisation.member_confirmed', { organisationId: orgId, member }, caller.id);
        return member;
      }
      const previousRole = m.role;
      if (previousRole === role) return this.view(tx.manager, m);
      await assertNotLastAdmin(tx.manager, m, caller);
      Object.assign(m, { role, decidedBy: caller.id, decidedAt: new Date() });
      await tx.manager.save(m);
      const member = await this.view(tx.manager, m);
      tx.append(
        stream,
        'organisation.member_role_changed',
        { organisationId: orgId, member, previousRole },
        caller.id,
      );
      return member;
    });
  }

  /** Declines a request or removes a member (admins); withdraws one's own request or leaves (the person). */
  async remove(caller: Caller, orgId: string, userId: string): Promise<void> {
    const self = caller.id === userId;
    await this.uow.run(async (tx) => {
      await lockOrganisation(tx.manager, orgId);
      if (!self) await this.assertAdmin(tx.manager, caller, orgId);
      await lockPerson(tx.manager, userId);
      const m = await tx.manager.findOneBy(OrganisationMemberEntity, { organisationId: orgId, userId });
      if (!m) throw AppError.notFound('Member');
      await assertNotLastAdmin(tx.manager, m, caller);
      const confirmed = m.status === 'confirmed';
      const reason: RemovalReason = self
        ? confirmed
          ? 'left'
          : 'withdrawn'
        : confirmed
          ? 'removed'
          : 'declined';
      await this.deleteIn(tx, m, reason, caller.id);
    });
  }

  /** The person's own requests and membership, with their organisations. */
  async mine(userId: string): Promise<{ items: OwnMembership[] }> {
    const rows = await this.dataSource.getRepository(OrganisationMemberEntity).find({
      where: { userId },
      relations: { organisation: true },
      order: { requestedAt: 'ASC' },
    });
    return {
      items: rows.map((m) => ({
        organisation: organisationEntryView(m.organisation!),
        role: m.role,
        status: m.status,
        requestedAt: m.requestedAt.toISOString(),
        decidedAt: m.decidedAt?.toISOString() ?? null,
      })),
    };
  }

  /** Erasure: the person's memberships and requests go, each with its event (no last-admin rule applies). */
  async forgetIn(tx: Transaction, userId: string): Promise<void> {
    const rows = await tx.manager.findBy(OrganisationMemberEntity, { userId });
    for (const row of rows)
      await this.deleteIn(tx, row, row.status === 'confirmed' ? 'left' : 'withdrawn', userId);
  }

  private async insertRequest(
    tx: Transaction,
    userId: string,
    orgId: string,
  ): Promise<OrganisationMemberPayload> {
    const m = await tx.manager.save(
      tx.manager.create(OrganisationMemberEntity, {
        organisationId: orgId,
        userId,
        role: 'member',
        status: 'requested',
        requestedAt: new Date(),
        decidedBy: null,
        decidedAt: null,
      }),
    );
    const member = await this.view(tx.manager, m);
    tx.append(
      streamName('organisation', orgId),
      'organisation.membership_requested',
      { organisationId: orgId, member },
      userId,
    );
    return member;
  }

  private async deleteIn(
    tx: Transaction,
    m: OrganisationMemberEntity,
    reason: RemovalReason,
    actorId: string,
  ): Promise<void> {
    await tx.manager.delete(OrganisationMemberEntity, { organisationId: m.organisationId, userId: m.userId });
    if (m.status === 'confirmed') {
      await tx.manager.query(
        `UPDATE users SET organisation_id = NULL WHERE id = $1 AND organisation_id = $2`,
        [m.userId, m.organisationId],
      );
    }
    tx.append(
      streamName('organisation', m.organisationId),
      'organisation.member_removed',
      { organisationId: m.organisationId, userId: m.userId, previousStatus: m.status, reason },
      actorId,
    );
  }

  private async view(
    manager: EntityManager,
    m: OrganisationMemberEntity,
  ): Promise<OrganisationMemberPayload> {
    const rows: Array<{ display_name: string; deleted_at: Date | null }> = await manager.query(
      `SELECT display_name, deleted_at FROM users WHERE id = $1`,
      [m.userId],
    );
    const user = rows[0];
    return organisationMemberView(m, user && !user.deleted_at ? user.display_name : null);
  }

  /** The organisation's confirmed admins and platform admins; everyone else: 403 (the register is public). */
  private async assertAdmin(manager: EntityManager, caller: Caller, orgId: string): Promise<void> {
    if (caller.isAdmin) return;
    if ((await this.membership.roleOf(caller.id, orgId, manager)) !== 'admin')
      throw AppError.forbidden('Only the organisation’s admins may do this').because(
        'ORGANISATION_ADMINS_ONLY',
      );
  }
}

interface MemberRow {
  organisation_id: string;
  user_id: string;
  role: OrganisationRole;
  status: 'requested' | 'confirmed';
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  email: string;
  display_name: string;
  deleted_at: Date | null;
}

function memberOf(r: MemberRow): OrganisationMemberEntity {
  return Object.assign(new OrganisationMemberEntity(), {
    organisationId: r.organisation_id,
    userId: r.user_id,
    role: r.role,
    status: r.status,
    requestedAt: r.requested_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  });
}

async function assertOrganisation(manager: EntityManager, orgId: string): Promise<void> {
  if (!(await manager.existsBy(OrganisationEntity, { id: orgId }))) throw AppError.notFound('Organisation');
}

/** Serialises membership changes of one organisation, so two demotions cannot both pass the last-admin check. */
async function lockOrganisation(manager: EntityManager, orgId: string): Promise<void> {
  const found = await manager.query(`SELECT id FROM organisations WHERE id = $1 FOR UPDATE`, [orgId]);
  if (!found.length) throw AppError.notFound('Organisation');
}

/** Serialises changes of one person's memberships (their one confirmed organisation, their label). */
async function lockPerson(manager: EntityManager, userId: string): Promise<void> {
  await manager.query(`SELECT id FROM users WHERE id = $1 FOR UPDATE`, [userId]);
}

/**
 * An organisation keeps at least one admin: its own admins cannot demote or remove the last one (themselves);
 * platform admins can (`caller` null: the person acting for themselves on their account page).
 */
async function assertNotLastAdmin(
  manager: EntityManager,
  m: OrganisationMemberEntity,
  caller: Caller | null,
): Promise<void> {
  if (caller?.isAdmin || m.status !== 'confirmed' || m.role !== 'admin') return;
  const admins = await manager.countBy(OrganisationMemberEntity, {
    organisationId: m.organisationId,
    status: 'confirmed',
    role: 'admin',
  });
  if (admins <= 1)
    throw AppError.conflict('An organisation must keep at least one admin').because('LAST_ADMIN');
}
