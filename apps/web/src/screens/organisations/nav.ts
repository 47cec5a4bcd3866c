import { useEffect, useState } from 'preact/hooks';
import { api, optional } from '../../lib/api';
import { session } from '../../lib/session';
import type { OwnMembership } from './model';

/** Where the header's "Organisation" entry leads: admins to their organisation, platform admins to the list. */
function hrefOf(mine: OwnMembership[], isAdmin: boolean): string | null {
  if (isAdmin) return '#/organisations';
  const admin = mine.find((m) => m.status === 'confirmed' && m.role === 'admin');
  return admin ? `#/organisations/${admin.organisation.id}` : null;
}

let cached: { userId: string; href: Promise<string | null> } | null = null;
const listeners = new Set<() => void>();

async function load(): Promise<string | null> {
  const mine = await optional(api<{ items: OwnMembership[] }>('GET', '/me/organisations')).catch(
    () => undefined,
  );
  return hrefOf(mine?.items ?? [], !!session.user?.isAdmin);
}

/** After the person's own membership changed (account page, their own role on the organisation screen). */
export function refreshOrganisationNav(): void {
  cached = null;
  for (const l of listeners) l();
}

/** The header entry for the people it concerns (an organisation's admins, platform admins), or null. */
export function useOrganisationNav(): string | null {
  const [href, setHref] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const userId = session.user?.id ?? null;
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    listeners.add(bump);
    return () => void listeners.delete(bump);
  }, []);
  useEffect(() => {
    if (!userId) return;
    if (!cached || cached.userId !== userId) cached = { userId, href: load() };
    let live = true;
    void cached.href.then((h) => live && setHref(h));
    return () => {
      live = false;
    };
  }, [userId, version]);
  return userId ? href : null;
}
