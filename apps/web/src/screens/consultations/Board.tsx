import { useState } from 'preact/hooks';
import { FormError, useAction } from '../../components/common';
import { api } from '../../lib/api';
import { formatTime, t } from '../../lib/i18n';
import {
  byRegierungsbezirk,
  fromLocalInput,
  isOverdue,
  percent,
  STATUSES,
  tally,
  toLocalInput,
  type AddresseePayload,
  type Consultation,
  type Tally,
} from './model';

const rbName = (key: string | null) => (key ? t('cRbShort', { name: key }) : t('cRbNone'));

/**
 * Übersicht der Rückmeldungen: per Regierungsbezirk (a table with the counts and the rate, and a compact bar with
 * its numbers written beside it) and per organisation (status, Frist, late marks; "Frist verlängern" for owners
 * while the organisation has not answered). The parent keeps `round` live.
 */
export function Board({ round, onChange }: { round: Consultation; onChange: (next: Consultation) => void }) {
  const groups = byRegierungsbezirk(round.addressees);
  const total = tally(round.addressees);
  return (
    <div class="c-board">
      <p class="c-summary" aria-live="polite">
        {t('cSummary', {
          answered: total.answered,
          total: total.total,
          rate: percent(total.rate),
          released: total.released,
          nil: total.nil_return,
        })}
      </p>
      <h2 id="c-by-rb">{t('cByRb')}</h2>
      <div class="table-wrap" role="region" aria-labelledby="c-by-rb" tabIndex={0}>
        <table class="c-table c-rb-table">
          <thead>
            <tr>
              <th scope="col">{t('cRb')}</th>
              <th scope="col">{t('cAddresseeCount')}</th>
              {STATUSES.map((s) => (
                <th scope="col" key={s}>
                  {t(`cStatus_${s}`)}
                </th>
              ))}
              <th scope="col">{t('cLate')}</th>
              <th scope="col">{t('cRate')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => {
              const n = tally(g.addressees);
              return (
                <tr key={g.key ?? 'none'} data-rb={g.key ?? ''}>
                  <th scope="row">{rbName(g.key)}</th>
                  <td>{n.total}</td>
                  {STATUSES.map((s) => (
                    <td key={s} data-status={s}>
                      {n[s]}
                    </td>
                  ))}
                  <td>{n.late}</td>
                  <td>{percent(n.rate)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ul class="c-bars" aria-label={t('cBarsLabel')}>
        {groups.map((g) => (
          <li key={g.key ?? 'none'}>
            <RbBar name={rbName(g.key)} n={tally(g.addressees)} />
          </li>
        ))}
      </ul>
      <h2 id="c-by-org">{t('cByOrg')}</h2>
      <div class="table-wrap" role="region" aria-labelledby="c-by-org" tabIndex={0}>
        <table class="c-table c-org-table">
          <thead>
            <tr>
              <th scope="col">{t('cOrganisation')}</th>
              <th scope="col">{t('cRb')}</th>
              <th scope="col">{t('cStatus')}</th>
              <th scope="col">{t('cDeadline')}</th>
              <th scope="col">{t('cAnsweredAt')}</th>
              {round.viewer.owner && <th scope="col">{t('cActions')}</th>}
            </tr>
          </thead>
          <tbody>
            {groups.flatMap((g) =>
              g.addressees.map((a) => (
                <AddresseeRow key={a.organisationId} round={round} a={a} onChange={onChange} />
              )),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A bar of the four states with each count written in words beside it (colour is never the only carrier). */
function RbBar({ name, n }: { name: string; n: Tally }) {
  return (
    <div class="c-bar-row">
      <span class="c-bar-name">{name}</span>
      <span class="c-bar" aria-hidden="true">
        {STATUSES.map((s) =>
          n[s] ? <span key={s} class={`c-seg c-seg-${s}`} style={{ flexGrow: n[s] }} /> : null,
        )}
      </span>
      <span class="c-bar-text">
        {STATUSES.filter((s) => n[s])
          .map((s) => `${n[s]} ${t(`cStatus_${s}`)}`)
          .join(' · ')}{' '}
        — {t('cRateShort', { rate: percent(n.rate) })}
      </span>
    </div>
  );
}

export function StatusBadge({ a }: { a: AddresseePayload }) {
  return (
    <>
      <span class={`c-badge c-status-${a.status}`}>{t(`cStatus_${a.status}`)}</span>
      {a.late && <span class="c-badge c-late"> {t('cLateMark')}</span>}
      {!a.late && isOverdue(a) && <span class="c-badge c-late"> {t('cOverdue')}</span>}
    </>
  );
}

function AddresseeRow(props: {
  round: Consultation;
  a: AddresseePayload;
  onChange: (next: Consultation) => void;
}) {
  const { round, a } = props;
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(() => toLocalInput(new Date(Date.parse(a.deadline) + 7 * 86_400_000)));
  const extend = useAction(async () => {
    const deadline = fromLocalInput(value);
    if (!deadline) return;
    props.onChange(
      await api<Consultation>('POST', `/consultations/${round.id}/addressees/${a.organisationId}/extension`, {
        deadline,
      }),
    );
    setOpen(false);
  });
  const answered = a.status === 'released' || a.status === 'nil_return';
  const extended = a.deadline !== round.deadline;
  const inputId = `ext-${a.organisationId}`;
  return (
    <tr data-org={a.organisationId}>
      <th scope="row">{a.name}</th>
      <td>{a.regierungsbezirk ?? '—'}</td>
      <td>
        <StatusBadge a={a} />
      </td>
      <td>
        {formatTime(a.deadline)}
        {extended && <span class="muted"> ({t('cExtended')})</span>}
      </td>
      <td>{a.answeredAt ? formatTime(a.answeredAt) : '—'}</td>
      {round.viewer.owner && (
        <td>
          {!answered && (
            <button
              type="button"
              class="link-button"
              aria-expanded={open}
              aria-controls={`${inputId}-form`}
              // Named with the organisation (the visible words first); no hidden span, which would sit outside
              // the table's scrolling box at 390 px.
              aria-label={`${t('cExtend')} (${a.name})`}
              onClick={() => setOpen(!open)}
            >
              {t('cExtend')}
            </button>
          )}
          {open && (
            <form
              id={`${inputId}-form`}
              class="c-extend"
              onSubmit={(e) => {
                e.preventDefault();
                void extend.run();
              }}
            >
              <label for={inputId}>{t('cNewDeadline', { name: a.name })}</label>
              <input
                id={inputId}
                type="datetime-local"
                required
                value={value}
                onInput={(e) => setValue((e.target as HTMLInputElement).value)}
              />
              <FormError error={extend.error} />
              <button type="submit" class="primary" disabled={extend.busy}>
                {t('cExtendSubmit')}
              </button>
            </form>
          )}
        </td>
      )}
    </tr>
  );
}
