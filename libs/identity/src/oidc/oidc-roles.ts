import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@runde/events';
import { type OidcProviderConfig } from '@runde/platform';
import type { Caller } from '../auth/caller';
import { OrganisationEntity } from '../entities/organisation.entity';
import type { OrganisationRole } from '../entities/organisation-member.entity';
import { OrganisationMembers } from '../organisations/organisation-members.service';
import { OrganisationMembership } from '../organisations/organisation-membership';
import { OidcClients } from './oidc-clients';

const RANK: Record<OrganisationRole, number> = { member: 1, deputy: 2, admin: 3 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a person's groups at the provider grant in runde. */
export function grantsOf(
  provider: OidcProviderConfig,
  groups: string[],
): { role: OrganisationRole | null; platformAdmin: boolean } {
  let role: OrganisationRole | null = null;
  let platformAdmin = false;
  for (const group of groups) {
    const grant = provider.groups[group];
    if (grant === 'platform-admin') platformAdmin = true;
    else if (grant && (!role || RANK[grant] > RANK[role])) role = grant;
  }
  return { role, platformAdmin };
}

/**
 * Turns the provider's group claim into runde's roles at each sign-in: platform admin (granted, never taken away
 * here) and a confirmed membership of the provider's organisation with the highest mapped role. The membership
 * goes through OrganisationMembers, as an admin's confirmation would (with its events), recorded as decided by the
 * person's own sign-in. A person confirmed in another organisation keeps it (logged; an admin decides).
 */
@Injectable()
export class OidcRoles implements OnApplicationBootstrap {
  private readonly log = new Logger(OidcRoles.name);
  private readonly organisationIds = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clients: OidcClients,
    private readonly members: OrganisationMembers,
    private readonly membership: OrganisationMembership,
  ) {}

  /** Every provider's organisation must be in the register: a typo stops the start, naming it. */
  async onApplicationBootstrap(): Promise<void> {
    for (const provider of this.clients.list()) {
      if (!provider.organisation) continue;
      const id = await this.findOrganisation(provider.organisation);
      if (!id)
        throw new Error(
          `OIDC_PROVIDERS: provider "${provider.id}": organisation "${provider.organisation}" is not in the register (name or id)`,
        );
      this.organisationIds.set(provider.id, id);
    }
  }

  async apply(provider: OidcProviderConfig, userId: string, groups: string[]): Promise<void> {
    const { role, platformAdmin } = grantsOf(provider, groups);
    if (platformAdmin)
      await this.dataSource.query(`UPDATE users SET is_admin = true WHERE id = $1 AND NOT is_admin`, [
        userId,
      ]);
    if (!role || !provider.organisation) return;
    const orgId =
      this.organisationIds.get(provider.id) ?? (await this.findOrganisation(provider.organisation));
    if (!orgId) return;
    const current = await this.membership.organisationsOf(userId);
    if (current.some((m) => m.organisationId !== orgId)) {
      this.log.warn(
        { provider: provider.id, userId },
        'single sign-on: the person is confirmed in another organisation; its membership is kept',
      );
      return;
    }
    if (current.some((m) => m.organisationId === orgId && m.role === role)) return;
    // Ask (if not asked yet), then confirm with the mapped role, as the organisation's admins would.
    await this.uow.run((tx) => this.members.chooseIn(tx, userId, orgId));
    const self: Caller = { id: userId, email: '', displayName: '', isAdmin: true, organisationId: null };
    await this.members.setRole(self, orgId, userId, role);
  }

  private async findOrganisation(nameOrId: string): Promise<string | null> {
    const repo = this.dataSource.getRepository(OrganisationEntity);
    const found = UUID.test(nameOrId)
      ? await repo.findOneBy({ id: nameOrId })
      : await repo.findOneBy({ name: nameOrId });
    return found?.id ?? null;
  }
}
