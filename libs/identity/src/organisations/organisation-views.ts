import type { OrganisationEntryPayload, OrganisationMemberPayload } from '@runde/events';
import type { OrganisationEntity } from '../entities/organisation.entity';
import type { OrganisationMemberEntity } from '../entities/organisation-member.entity';
import { organisationDetail } from '../users.service';

/** An organisation of the register, as listed and as `organisation.created` carries it. */
export function organisationEntryView(org: OrganisationEntity): OrganisationEntryPayload {
  return {
    id: org.id,
    name: org.name,
    kind: org.kind,
    parentId: org.parentId,
    regierungsbezirk: org.regierungsbezirk,
    kreisschluessel: org.kreisschluessel,
    ags: org.ags,
    detail: organisationDetail(org),
  };
}

export function organisationMemberView(
  m: OrganisationMemberEntity,
  displayName: string | null,
): OrganisationMemberPayload {
  return {
    organisationId: m.organisationId,
    userId: m.userId,
    displayName,
    role: m.role,
    status: m.status,
    requestedAt: m.requestedAt.toISOString(),
    decidedBy: m.decidedBy,
    decidedAt: m.decidedAt?.toISOString() ?? null,
  };
}

/** A member as the organisation's admins list them: with the e-mail address, to tell who asked. */
export interface OrganisationMemberListItem extends OrganisationMemberPayload {
  email: string | null;
}

/** One of the caller's own memberships or requests (`GET /api/v1/me/organisations`). */
export interface OwnMembership {
  organisation: OrganisationEntryPayload;
  role: OrganisationMemberPayload['role'];
  status: OrganisationMemberPayload['status'];
  requestedAt: string;
  decidedAt: string | null;
}
