import { Injectable, OnModuleInit } from '@nestjs/common';
import { StreamReaders } from '@runde/events';
import { OrganisationMembership } from './organisation-membership';

/**
 * Who reads `organisation:<id>`: its confirmed members (any role) and platform admins. To anyone else the stream
 * does not exist; someone removed loses it at once (`organisation.member_removed` narrows their access).
 */
@Injectable()
export class OrganisationStreamReaders implements OnModuleInit {
  constructor(
    private readonly readers: StreamReaders,
    private readonly membership: OrganisationMembership,
  ) {}

  onModuleInit(): void {
    this.readers.register(
      'organisation',
      async (reader, id) => reader.isAdmin || (await this.membership.roleOf(reader.id, id)) !== null,
    );
  }
}
