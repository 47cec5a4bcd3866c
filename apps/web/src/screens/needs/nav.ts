import { useEffect, useState } from 'preact/hooks';
import { api, optional } from '../../lib/api';
import { session } from '../../lib/session';
import type { OwnMembership } from './model';

export interface NeedsRoles {
  /** Sees the radar: a confirmed person of some organisation, or a platform admin. */
  radar: boolean;
  /** Reports for an organisation (a confirmed person of one that is not the ministry). */
  reporter: boolean;
  /** The ministry's people (and platform admins): every entry, signals' notes. */
  ministry: boolean;
  /** Defines rounds and rules: platform admins and the ministry's admins. */
  steer: boolean;
  /** The caller's confirmed memberships. */
  memberships: OwnMembership[];
}

const NONE: NeedsRoles = { radar: false, reporter: false, ministry: false, steer: false, memberships: [] };

export function rolesOf(memberships: OwnMembership[], isAdmin: boolean): NeedsRoles {
  const confirmed = memberships.filter((m) => m.status === 'confirmed');
  const ministry = confirmed.filter((m) => m.organisation.kind === 'ministry');
  return {
    radar: isAdmin || confirmed.length > 0,
    reporter: confirmed.some((m) => m.organisation.kind !== 'ministry'),
    ministry: isAdmin || ministry.length > 0,
    steer: isAdmin || ministry.some((m) => m.role === 'admin'),
    memberships: confirmed,
  };
}

let cached: { userId: string; roles: Promise<NeedsRoles> } | null = null;

export async function loadNeedsRoles(): Promise<NeedsRoles> {
  const mine = await optional(api<{ items: OwnMembership[] }>('GET', '/me/organisations')).catch(
    () => undefined,
  );
  return rolesOf(mine?.items ?? [], !!session.user?.isAdmin);
}

/** Which needs entries the header shows for the signed-in person; asked once per sign-in. */
export function useNeedsRoles(): NeedsRoles {
  const [roles, setRoles] = useState<NeedsRoles>(NONE);
  const userId = session.user?.id ?? null;
  useEffect(() => {
    if (!userId) return;
    if (!cached || cached.userId !== userId) cached = { userId, roles: loadNeedsRoles() };
    let live = true;
    void cached.roles.then((r) => live && setRoles(r));
    return () => {
      live = false;
    };
  }, [userId]);
  return userId ? roles : NONE;
}
