import { ErrorView, Loading, useAsync } from '../../components/common';
import { api } from '../../lib/api';
import { formatTime, t, useLocale } from '../../lib/i18n';
import { StatusBadge } from './Board';
import type { Consultation } from './model';
import { RoundStatus } from './RoundsTable';
import './consultations.css';

/** "Meine Anhörungen": the rounds addressed to the person's organisation, with its state and own Frist. */
export function MyConsultationsScreen() {
  useLocale();
  const data = useAsync(
    () => api<{ items: Consultation[] }>('GET', '/me/consultations').then((r) => r.items),
    [],
  );
  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  return (
    <div class="page">
      <h1>{t('cTitleMine')}</h1>
      <p class="lead">{t('cLeadMine')}</p>
      {data.data.length === 0 ? (
        <p class="muted">{t('cMineEmpty')}</p>
      ) : (
        <div class="table-wrap" role="region" aria-label={t('cTitleMine')} tabIndex={0}>
          <table class="c-table">
            <thead>
              <tr>
                <th scope="col">{t('cTitle')}</th>
                <th scope="col">{t('cKind')}</th>
                <th scope="col">{t('cRoundState')}</th>
                <th scope="col">{t('cOurStatus')}</th>
                <th scope="col">{t('cOwnDeadlineCol')}</th>
              </tr>
            </thead>
            <tbody>
              {data.data.map((r) => {
                const own = r.addressees.find((a) => r.viewer.organisationIds.includes(a.organisationId));
                return (
                  <tr key={r.id}>
                    <th scope="row">
                      <a href={`#/consultations/${r.id}`}>{r.title}</a>
                    </th>
                    <td>{t(`cKind_${r.kind}`)}</td>
                    <td>
                      <RoundStatus round={r} />
                    </td>
                    <td>{own ? <StatusBadge a={own} /> : '—'}</td>
                    <td>{formatTime(own?.deadline ?? r.deadline)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
