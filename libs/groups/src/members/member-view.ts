import type { MemberPayload } from '@runde/events';
import type { PersonView } from '@runde/identity';
import type { MembershipEntity } from '../entities/membership.entity';

export function memberView(m: MembershipEntity, person: PersonView): MemberPayload {
  return {
    userId: m.userId,
    displayName: person.displayName,
    organisation: person.organisation,
    role: m.role,
    joinedAt: m.createdAt.toISOString(),
    deleted: person.deleted,
  };
}
