import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrganisationRole } from '../entities/organisation-member.entity';

/**
 * Who acts for an organisation, for other modules (consultation rounds, needs reports, realtime): a person's
 * confirmed memberships and their roles. Requests that were not confirmed yet count for nothing.
 */
@Injectable()
export class OrganisationMembership {
  constructor(private readonly dataSource: DataSource) {}

  /** The person's role in the organisation, or null when they are not a confirmed member. */
  async roleOf(
    userId: string,
    orgId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganisationRole | null> {
    const rows: Array<{ role: OrganisationRole }> = await manager.query(
      `SELECT role FROM organisation_members WHERE user_id = $1 AND organisation_id = $2 AND status = 'confirmed'`,
      [userId, orgId],
    );
    return rows[0]?.role ?? null;
  }

  /** The person's confirmed organisations with their roles (at most one today: see OrganisationMemberEntity). */
  async organisationsOf(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Array<{ organisationId: string; role: OrganisationRole }>> {
    const rows: Array<{ organisation_id: string; role: OrganisationRole }> = await manager.query(
      `SELECT organisation_id, role FROM organisation_members WHERE user_id = $1 AND status = 'confirmed'`,
      [userId],
    );
    return rows.map((r) => ({ organisationId: r.organisation_id, role: r.role }));
  }

  /** The confirmed (active) people of organisations, optionally only some roles, sorted by person. */
  async people(
    orgIds: string[],
    roles?: OrganisationRole[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Array<{ userId: string; organisationId: string; role: OrganisationRole }>> {
    if (orgIds.length === 0) return [];
    const rows: Array<{ user_id: string; organisation_id: string; role: OrganisationRole }> =
      await manager.query(
        `SELECT m.user_id, m.organisation_id, m.role FROM organisation_members m
         JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
        WHERE m.organisation_id = ANY($1::uuid[]) AND m.status = 'confirmed'
          AND ($2::text[] IS NULL OR m.role = ANY($2::text[]))
        ORDER BY m.user_id`,
        [orgIds, roles ?? null],
      );
    return rows.map((r) => ({ userId: r.user_id, organisationId: r.organisation_id, role: r.role }));
  }
}
