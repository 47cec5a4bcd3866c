import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '@runde/events';
import { PersonalDataContributor, PersonalDataRegistry } from '../privacy/personal-data';
import { OidcIdentityEntity } from './oidc-identity.entity';
import { OidcSessionEntity } from './oidc-session.entity';

/** The person's linked provider accounts in the export; erasure removes the links and the provider sessions. */
@Injectable()
export class OidcPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly key = 'singleSignOn';

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(userId: string) {
    const rows = await this.dataSource.getRepository(OidcIdentityEntity).findBy({ userId });
    return rows.map((r) => ({
      provider: r.providerId,
      subject: r.subject,
      linkedAt: r.linkedAt.toISOString(),
      lastSignInAt: r.lastSignInAt.toISOString(),
    }));
  }

  async eraseFor(userId: string, tx: Transaction): Promise<void> {
    await tx.manager.delete(OidcSessionEntity, { userId });
    await tx.manager.delete(OidcIdentityEntity, { userId });
  }
}
