import type { OrganisationEntryPayload, OrganisationMemberPayload } from '@runde/contract';
import { t } from '../../lib/i18n';

export type Entry = OrganisationEntryPayload;
export type OrgRole = OrganisationMemberPayload['role'];
export type Kind = Entry['kind'];

export const ORG_ROLES: OrgRole[] = ['member', 'deputy', 'admin'];

/** A member or request as the organisation's admins list them (`GET /organisations/:id/members`). */
export interface ListedMember extends OrganisationMemberPayload {
  email: string | null;
}

/** One of the person's own memberships or requests (`GET /me/organisations`). */
export interface OwnMembership {
  organisation: Entry;
  role: OrgRole;
  status: 'requested' | 'confirmed';
  requestedAt: string;
  decidedAt: string | null;
}

/** "Landkreis", "kommunaler Landesverband", …: one organisation's kind. */
export function kindLabel(kind: string): string {
  return isKind(kind) ? t(`orgKind_${kind}`) : kind;
}

/** "Landkreise", "Kommunale Landesverbände", …: the heading of a group of the choice. */
export function kindsLabel(kind: string): string {
  return isKind(kind) ? t(`orgKinds_${kind}`) : kind;
}

/** "Landkreis · Regierungsbezirk Tübingen · Kreisschlüssel 08416": what the register says about it. */
export function describeOrganisation(org: Entry): string {
  return [
    kindLabel(org.kind),
    org.regierungsbezirk && t('orgRegierungsbezirk', { name: org.regierungsbezirk }),
    org.kreisschluessel && t('orgKreisschluessel', { key: org.kreisschluessel }),
    org.ags && t('orgAgs', { key: org.ags }),
  ]
    .filter(Boolean)
    .join(' · ');
}

export function roleLabel(role: OrgRole): string {
  return t(`orgRoleLabel_${role}`);
}

const KINDS: Kind[] = ['ministry', 'association', 'Stadtkreis', 'Landkreis', 'town', 'other'];

function isKind(kind: string): kind is Kind {
  return (KINDS as string[]).includes(kind);
}

/** The register's order of kinds (the api lists in it too), for grouping a choice. */
export function byKind(entries: Entry[]): Array<[Kind, Entry[]]> {
  return KINDS.map((kind): [Kind, Entry[]] => [kind, entries.filter((e) => e.kind === kind)]).filter(
    ([, list]) => list.length > 0,
  );
}

export function memberName(m: { displayName: string | null }): string {
  return m.displayName ?? t('deletedAccount');
}

/** The register (public: registration needs it before sign-in). */
export async function loadRegister(): Promise<Entry[]> {
  const res = await fetch('/api/v1/organisations');
  if (!res.ok) throw new Error(`GET /organisations: ${res.status}`);
  return ((await res.json()) as { items: Entry[] }).items;
}
