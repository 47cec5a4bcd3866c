export * from './entities/group.entity';
export * from './entities/membership.entity';
export * from './entities/invitation.entity';
export * from './policy/access-policy';
export * from './groups.service';
export * from './members/members.service';
export * from './groups.module';

import { GroupEntity } from './entities/group.entity';
import { InvitationEntity } from './entities/invitation.entity';
import { MembershipEntity } from './entities/membership.entity';
export const GROUPS_ENTITIES = [GroupEntity, MembershipEntity, InvitationEntity];
