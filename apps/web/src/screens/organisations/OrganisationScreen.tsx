import { useState } from 'preact/hooks';
import { ErrorView, FormError, Loading, Section, useAction, useAsync } from '../../components/common';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { api } from '../../lib/api';
import { formatDate, t, useLocale } from '../../lib/i18n';
import { useStream } from '../../lib/live';
import { navigate } from '../../lib/router';
import { session } from '../../lib/session';
import {
  describeOrganisation,
  loadRegister,
  memberName,
  ORG_ROLES,
  roleLabel,
  type ListedMember,
  type OrgRole,
} from './model';
import { refreshOrganisationNav } from './nav';
import './organisations.css';

/**
 * One organisation for its admins (and platform admins): the open requests to belong, each confirmed with a role
 * or declined, and the members with their roles (changed at once) and "Entfernen". The api keeps the last admin
 * and says so (LAST_ADMIN); the lists follow `organisation:<id>` live.
 */
export function OrganisationScreen({ id }: { id: string }) {
  useLocale();
  const register = useAsync(loadRegister, []);
  const members = useAsync(
    () => api<{ items: ListedMember[] }>('GET', `/organisations/${id}/members`).then((b) => b.items),
    [id],
  );
  const [status, setStatus] = useState('');
  useStream(`organisation:${id}`, {
    onEvent: (event) => {
      if (!event.type.startsWith('organisation.')) return;
      if (event.type === 'organisation.membership_requested') {
        const { member } = event.data as { member: ListedMember };
        setStatus(t('orgLiveRequest', { name: memberName(member) }));
      }
      members.reload();
    },
    onResync: () => members.reload(),
  });

  const error = members.error ?? register.error;
  if (error !== undefined) return <ErrorView error={error} onRetry={members.reload} />;
  if (!members.data || !register.data) return <Loading />;
  const org = register.data.find((o) => o.id === id);
  if (!org) return <ErrorView error={new Error('unknown organisation')} />;
  const requests = members.data.filter((m) => m.status === 'requested');
  const confirmed = members.data.filter((m) => m.status === 'confirmed');
  const after = (message: string) => {
    setStatus(message);
    members.reload();
  };
  return (
    <div class="page org-page">
      <h1>{org.name}</h1>
      <p class="meta">{describeOrganisation(org)}</p>
      <Requests orgId={id} requests={requests} onDone={after} />
      <Members orgId={id} members={confirmed} onDone={after} />
      <p class="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {session.user?.isAdmin && (
        <p>
          <a href="#/organisations">{t('orgIndexTitle')}</a>
        </p>
      )}
    </div>
  );
}

function Requests(props: { orgId: string; requests: ListedMember[]; onDone: (message: string) => void }) {
  const [roles, setRoles] = useState<Record<string, OrgRole>>({});
  const [declining, setDeclining] = useState<ListedMember | null>(null);
  const confirm = useAction(async (m: ListedMember) => {
    const role = roles[m.userId] ?? 'member';
    await api('PUT', `/organisations/${props.orgId}/members/${m.userId}`, { role });
    props.onDone(t('orgConfirmed', { name: memberName(m), role: roleLabel(role) }));
  });
  const decline = useAction(async (m: ListedMember) => {
    await api('DELETE', `/organisations/${props.orgId}/members/${m.userId}`);
    setDeclining(null);
    props.onDone(t('orgDeclined', { name: memberName(m) }));
  });
  return (
    <Section title={`${t('orgRequests')} (${props.requests.length})`}>
      {props.requests.length === 0 ? (
        <p class="muted">{t('orgRequestsNone')}</p>
      ) : (
        <ul class="org-people">
          {props.requests.map((m) => {
            const name = memberName(m);
            return (
              <li key={m.userId} class="org-person" data-user-id={m.userId}>
                <div class="org-who">
                  <strong>{name}</strong>
                  {m.email && <span class="meta org-email">{m.email}</span>}
                  <span class="meta">{t('orgRequestedAt', { date: formatDate(m.requestedAt) })}</span>
                </div>
                <div class="org-actions">
                  <select
                    aria-label={t('orgConfirmRoleLabel', { name })}
                    value={roles[m.userId] ?? 'member'}
                    onChange={(e) =>
                      setRoles((r) => ({
                        ...r,
                        [m.userId]: (e.target as HTMLSelectElement).value as OrgRole,
                      }))
                    }
                  >
                    {ORG_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {roleLabel(r)}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    class="primary"
                    aria-label={t('orgConfirmLabel', { name })}
                    disabled={confirm.busy}
                    onClick={() => void confirm.run(m)}
                  >
                    {t('orgConfirm')}
                  </button>
                  <button
                    type="button"
                    aria-label={t('orgDeclineLabel', { name })}
                    onClick={() => {
                      decline.setError(null);
                      setDeclining(m);
                    }}
                  >
                    {t('orgDecline')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <p class="hint">{t('orgRolesHint')}</p>
      <FormError error={confirm.error} />
      {declining && (
        <ConfirmDialog
          title={t('orgDecline')}
          confirmLabel={t('orgDeclineYes')}
          danger
          busy={decline.busy}
          error={decline.error}
          onConfirm={() => void decline.run(declining)}
          onCancel={() => setDeclining(null)}
        >
          <p>{t('orgDeclineConfirm', { name: memberName(declining) })}</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}

function Members(props: { orgId: string; members: ListedMember[]; onDone: (message: string) => void }) {
  const me = session.user;
  // A refused change renders the select again with the role the member still has.
  const [attempt, setAttempt] = useState(0);
  const [removing, setRemoving] = useState<ListedMember | null>(null);
  /** The person gave up administering this organisation themselves: the screen is no longer theirs. */
  const leftAdmin = (m: ListedMember, role: OrgRole | null) => {
    if (m.userId !== me?.id || me.isAdmin || role === 'admin') return false;
    refreshOrganisationNav();
    navigate('/account');
    return true;
  };
  const changeRole = useAction(async (m: ListedMember, role: OrgRole) => {
    try {
      await api('PUT', `/organisations/${props.orgId}/members/${m.userId}`, { role });
    } finally {
      setAttempt((n) => n + 1);
    }
    if (!leftAdmin(m, role)) props.onDone(t('orgRoleSaved', { name: memberName(m), role: roleLabel(role) }));
  });
  const remove = useAction(async (m: ListedMember) => {
    await api('DELETE', `/organisations/${props.orgId}/members/${m.userId}`);
    setRemoving(null);
    if (!leftAdmin(m, null)) props.onDone(t('orgRemoved', { name: memberName(m) }));
  });
  return (
    <Section title={`${t('orgMembers')} (${props.members.length})`}>
      {props.members.length === 0 ? (
        <p class="muted">{t('orgMembersNone')}</p>
      ) : (
        <ul class="org-people">
          {props.members.map((m) => {
            const name = memberName(m);
            return (
              <li key={m.userId} class="org-person" data-user-id={m.userId}>
                <div class="org-who">
                  <strong>
                    {name} {m.userId === me?.id && <span class="meta">{t('youMarker')}</span>}
                  </strong>
                  {m.email && <span class="meta org-email">{m.email}</span>}
                </div>
                <div class="org-actions">
                  <select
                    key={`${m.userId}-${attempt}`}
                    aria-label={t('orgMemberRoleLabel', { name })}
                    value={m.role}
                    disabled={changeRole.busy}
                    onChange={(e) => void changeRole.run(m, (e.target as HTMLSelectElement).value as OrgRole)}
                  >
                    {ORG_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {roleLabel(r)}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    class="danger-button"
                    aria-label={t('orgRemoveLabel', { name })}
                    onClick={() => {
                      remove.setError(null);
                      setRemoving(m);
                    }}
                  >
                    {t('orgRemove')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <FormError error={changeRole.error} />
      {removing && (
        <ConfirmDialog
          title={t('orgRemove')}
          confirmLabel={t('orgRemoveYes')}
          danger
          busy={remove.busy}
          error={remove.error}
          onConfirm={() => void remove.run(removing)}
          onCancel={() => setRemoving(null)}
        >
          <p>{t('orgRemoveConfirm', { name: memberName(removing) })}</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
