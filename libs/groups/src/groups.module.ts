import { Global, Module } from '@nestjs/common';
import { INVITATION_REDEEMER } from '@runde/identity';
import { GroupsController } from './groups.controller';
import { GroupsService } from './groups.service';
import { InvitationsController } from './invitations/invitations.controller';
import { InvitationsService } from './invitations/invitations.service';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';
import { MembershipPersonalData } from './members/membership-personal-data';
import { AccessPolicy } from './policy/access-policy';

/** Working groups, memberships, invitations and the access policy every other domain asks. */
@Global()
@Module({
  controllers: [GroupsController, MembersController, InvitationsController],
  providers: [
    GroupsService,
    MembersService,
    InvitationsService,
    AccessPolicy,
    MembershipPersonalData,
    { provide: INVITATION_REDEEMER, useExisting: InvitationsService },
  ],
  exports: [AccessPolicy, GroupsService, MembersService, INVITATION_REDEEMER],
})
export class GroupsModule {}
