import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type OrgRole = 'admin' | 'member' | 'deputy';

/**
 * Who acts for an organisation: its confirmed members (organisation_members), by role. Only confirmed people
 * draft statements; only admins and deputies (Vertretung) release them.
 */
@Injectable()
export class OrganisationRoles {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's confirmed organisations with their roles. */
  async of(userId: string, manager: EntityManager = this.dataSource.manager): Promise<Map<string, OrgRole>> {
    const rows: Array<{ organisation_id: string; role: OrgRole }> = await manager.query(
      `SELECT organisation_id, role FROM organisation_members WHERE user_id = $1 AND status = 'confirmed'`,
      [userId],
    );
    return new Map(rows.map((r) => [r.organisation_id, r.role]));
  }

  async roleOf(userId: string, orgId: string, manager?: EntityManager): Promise<OrgRole | null> {
    return (await this.of(userId, manager)).get(orgId) ?? null;
  }

  /** The confirmed people of organisations (for notifications), optionally only some roles. */
  async people(orgIds: string[], roles?: OrgRole[], manager: EntityManager = this.dataSource.manager) {
    if (!orgIds.length) return [] as Array<{ userId: string; organisationId: string; role: OrgRole }>;
    const rows: Array<{ user_id: string; organisation_id: string; role: OrgRole }> = await manager.query(
      `SELECT user_id, organisation_id, role FROM organisation_members
        WHERE organisation_id = ANY($1::uuid[]) AND status = 'confirmed' AND ($2::text[] IS NULL OR role = ANY($2))`,
      [orgIds, roles ?? null],
    );
    return rows.map((r) => ({ userId: r.user_id, organisationId: r.organisation_id, role: r.role }));
  }
}
