/** Shapes that travel in event payloads (and so to browsers). Domains build them; they never import back. */

export interface OrganisationPayload {
  id: string;
  name: string;
  kind: string;
  detail: string | null;
}

export interface MemberPayload {
  userId: string;
  displayName: string | null;
  organisation: OrganisationPayload | null;
  role: 'owner' | 'moderator' | 'member' | 'observer';
  joinedAt: string;
  deleted: boolean;
}

export interface GroupPayload {
  id: string;
  name: string;
  description: string;
}
