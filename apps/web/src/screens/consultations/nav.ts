import { useEffect, useState } from 'preact/hooks';
import { api, optional } from '../../lib/api';
import { session } from '../../lib/session';
import { mayModerate, type Group } from '../../lib/types';

export interface ConsultationRoles {
  /** Leads or moderates a group (opens rounds): "Anhörungen". */
  owner: boolean;
  /** A confirmed person of an organisation (answers rounds): "Meine Anhörungen". */
  organisation: boolean;
}

let cached: { userId: string; roles: Promise<ConsultationRoles> } | null = null;

async function load(): Promise<ConsultationRoles> {
  const [groups, mine] = await Promise.all([
    api<Group[] | { items: Group[] }>('GET', '/groups').catch(() => [] as Group[]),
    optional(api<{ items: Array<{ status: string }> }>('GET', '/me/organisations')).catch(() => undefined),
  ]);
  const list = Array.isArray(groups) ? groups : groups.items;
  return {
    owner: !!session.user?.isAdmin || list.some((g) => mayModerate(g.myRole, false)),
    organisation: !!mine?.items.some((m) => m.status === 'confirmed'),
  };
}

/**
 * Which consultation entries the header shows for the signed-in person; asked once per sign-in (and again when
 * `refresh` is called: after a group or membership changes, a reload of the page does it too).
 */
export function useConsultationRoles(): ConsultationRoles {
  const [roles, setRoles] = useState<ConsultationRoles>({ owner: false, organisation: false });
  const userId = session.user?.id ?? null;
  useEffect(() => {
    if (!userId) return;
    if (!cached || cached.userId !== userId) cached = { userId, roles: load() };
    let live = true;
    void cached.roles.then((r) => live && setRoles(r));
    return () => {
      live = false;
    };
  }, [userId]);
  return userId ? roles : { owner: false, organisation: false };
}
