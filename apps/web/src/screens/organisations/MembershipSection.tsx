import { useState } from 'preact/hooks';
import { FormError, Loading, Section, useAction, useAsync } from '../../components/common';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { OrganisationSelect, useOrganisations } from '../../components/OrganisationSelect';
import { VerifiedMark } from '../../components/VerifiedOrganisation';
import { api } from '../../lib/api';
import { formatDate, t } from '../../lib/i18n';
import { session, type User } from '../../lib/session';
import { describeOrganisation, roleLabel, type OwnMembership } from './model';
import { refreshOrganisationNav } from './nav';

/**
 * The account page's organisation: the confirmed one with the person's role (and "verlassen"), an open request
 * (and "zurückziehen"), and the choice that asks to belong (its admins confirm; the label next to the person's
 * name shows only then). Naming another organisation replaces an open request.
 */
export function MembershipSection() {
  const organisations = useOrganisations();
  const mine = useAsync(
    () => api<{ items: OwnMembership[] }>('GET', '/me/organisations').then((b) => b.items),
    [],
  );
  const [choice, setChoice] = useState('');
  const [status, setStatus] = useState('');
  const [asking, setAsking] = useState<{ membership: OwnMembership; leave: boolean } | null>(null);
  const changed = async (message: string) => {
    setStatus(message);
    mine.reload();
    refreshOrganisationNav();
    // The label next to the person's name follows their confirmed organisation.
    session.setUser(await api<User>('GET', '/me'));
  };
  const request = useAction(async () => {
    setStatus('');
    const org = organisations.find((o) => o.id === choice);
    if (!org) throw new Error(t('orgChooseFirst'));
    await api('PATCH', '/me', { organisationId: org.id });
    setChoice('');
    await changed(t('orgRequestSent', { name: org.name }));
  });
  const remove = useAction(async (membership: OwnMembership, leave: boolean) => {
    setStatus('');
    await api('DELETE', `/organisations/${membership.organisation.id}/members/${session.user!.id}`);
    setAsking(null);
    await changed(leave ? t('orgLeft') : t('orgWithdrawn'));
  });

  const items = mine.data ?? [];
  const confirmed = items.find((m) => m.status === 'confirmed');
  const requested = items.filter((m) => m.status === 'requested');
  return (
    <Section title={t('orgSection')}>
      {mine.error !== undefined && <FormError error={mine.error} />}
      {!mine.data && mine.error === undefined && <Loading />}
      {mine.data && (
        <>
          {confirmed && (
            <div class="org-own" data-status="confirmed">
              <p>
                {t('orgConfirmedAs', { name: confirmed.organisation.name, role: roleLabel(confirmed.role) })}{' '}
                <VerifiedMark />
              </p>
              <p class="meta">{describeOrganisation(confirmed.organisation)}</p>
              <p class="row wrap">
                {confirmed.role === 'admin' && (
                  <a href={`#/organisations/${confirmed.organisation.id}`}>{t('orgManage')}</a>
                )}
                <button type="button" onClick={() => setAsking({ membership: confirmed, leave: true })}>
                  {t('orgLeave')}
                </button>
              </p>
            </div>
          )}
          {requested.map((m) => (
            <div key={m.organisation.id} class="org-own" data-status="requested">
              <p>{t('orgRequestOpen', { name: m.organisation.name, date: formatDate(m.requestedAt) })}</p>
              <p>
                <button type="button" onClick={() => setAsking({ membership: m, leave: false })}>
                  {t('orgWithdraw')}
                </button>
              </p>
            </div>
          ))}
          {!confirmed && requested.length === 0 && <p>{t('orgNoneYet')}</p>}
          {!confirmed && (
            <form
              class="stack"
              onSubmit={(e) => {
                e.preventDefault();
                void request.run();
              }}
            >
              {requested.length > 0 && <h3>{t('orgRequestOther')}</h3>}
              <OrganisationSelect
                id="account-org"
                organisations={organisations.filter(
                  (o) => !requested.some((m) => m.organisation.id === o.id),
                )}
                value={choice}
                onChange={setChoice}
                required
              />
              <FormError error={request.error} />
              <button type="submit" disabled={request.busy || organisations.length === 0}>
                {t('orgRequestSubmit')}
              </button>
            </form>
          )}
        </>
      )}
      <p role="status">{status}</p>
      {asking && (
        <ConfirmDialog
          title={asking.leave ? t('orgLeave') : t('orgWithdraw')}
          confirmLabel={asking.leave ? t('orgLeaveYes') : t('orgWithdraw')}
          danger={asking.leave}
          busy={remove.busy}
          error={remove.error}
          onConfirm={() => void remove.run(asking.membership, asking.leave)}
          onCancel={() => {
            remove.setError(null);
            setAsking(null);
          }}
        >
          <p>
            {t(asking.leave ? 'orgLeaveConfirm' : 'orgWithdrawConfirm', {
              name: asking.membership.organisation.name,
            })}
          </p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
