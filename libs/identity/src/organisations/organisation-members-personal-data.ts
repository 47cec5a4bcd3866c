import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Transaction } from '@runde/events';
import { PersonalDataContributor, PersonalDataRegistry } from '../privacy/personal-data';
import { OrganisationMembers } from './organisation-members.service';

/** The person's organisation membership and requests in the export; erasure ends them. */
@Injectable()
export class OrganisationMembersPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly key = 'organisationMemberships';

  constructor(
    private readonly members: OrganisationMembers,
    private readonly registry: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(userId: string) {
    return (await this.members.mine(userId)).items;
  }

  eraseFor(userId: string, tx: Transaction): Promise<void> {
    return this.members.forgetIn(tx, userId);
  }
}
