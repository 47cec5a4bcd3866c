import { formatTime, t } from '../../lib/i18n';
import { percent, tally, type Consultation } from './model';

/** The rounds of a group, for its owners: title, kind, status, Frist and answer rate, newest first. */
export function RoundsTable({ rounds, caption }: { rounds: Consultation[]; caption: string }) {
  if (!rounds.length) return <p class="muted">{t('cRoundsEmpty')}</p>;
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table class="c-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cTitle')}</th>
            <th scope="col">{t('cKind')}</th>
            <th scope="col">{t('cStatus')}</th>
            <th scope="col">{t('cDeadline')}</th>
            <th scope="col">{t('cRate')}</th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((r) => {
            const n = tally(r.addressees);
            return (
              <tr key={r.id}>
                <th scope="row">
                  <a href={`#/consultations/${r.id}`}>{r.title}</a>
                </th>
                <td>{t(`cKind_${r.kind}`)}</td>
                <td>
                  <RoundStatus round={r} />
                </td>
                <td>{formatTime(r.deadline)}</td>
                <td>{t('cRateValue', { answered: n.answered, total: n.total, rate: percent(n.rate) })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function RoundStatus({ round }: { round: Consultation }) {
  const key = round.publishedAt ? 'published' : round.status;
  return <span class={`c-badge c-round-${key}`}>{t(`cRound_${key}`)}</span>;
}
