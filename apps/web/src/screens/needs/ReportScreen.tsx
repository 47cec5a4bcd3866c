import { useState } from 'preact/hooks';
import { ErrorView, FormError, Loading, Section, useAction, useAsync } from '../../components/common';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { api } from '../../lib/api';
import { formatTime, t, useLocale } from '../../lib/i18n';
import { AdhocForm } from './AdhocForm';
import { fieldLabel, openPeriod, type OwnMembership, type Period, type Report, type Round } from './model';
import { loadNeedsRoles } from './nav';
import { emptyEntry, incomplete, type LocalReport } from './report-draft';
import { EntryFields } from './EntryFields';
import { ReportEntries, ReportStatus } from './ReportEntries';
import { useReportDraft } from './useReportDraft';
import './needs.css';

interface Slot {
  round: Round;
  period: Period;
  membership: OwnMembership;
}

/**
 * "Bedarfsmeldung": the open period of each round the person's organisation reports in, the report drafted by
 * its people together (one entry per field of action with a need, or a Fehlanzeige), released by its admins and
 * deputies (Mitzeichnung); and the urgent report between rounds.
 */
export function ReportScreen(props: { roundId: string | null; orgId: string | null }) {
  useLocale();
  const data = useAsync(async () => {
    const [roles, rounds] = await Promise.all([
      loadNeedsRoles(),
      api<{ items: Round[] }>('GET', '/needs/rounds').then((r) => r.items),
    ]);
    const mine = roles.memberships.filter((m) => m.organisation.kind !== 'ministry');
    const withPeriods = await Promise.all(
      rounds.map(async (round) => ({
        round,
        period: openPeriod(
          (await api<{ items: Period[] }>('GET', `/needs/rounds/${round.id}/periods`)).items,
        ),
      })),
    );
    const slots: Slot[] = [];
    for (const { round, period } of withPeriods)
      if (period) for (const membership of mine) slots.push({ round, period, membership });
    return { mine, slots };
  }, []);
  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { mine, slots } = data.data;
  const current =
    slots.find((s) => s.round.id === props.roundId && s.membership.organisation.id === props.orgId) ??
    slots[0];
  const releasers = mine.filter((m) => m.role === 'admin' || m.role === 'deputy');
  return (
    <div class="page n-report">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href="#/bedarfe">{t('nRadarTitle')}</a>
      </nav>
      <h1>{t('nReportTitle')}</h1>
      <p class="lead">{t('nReportLead')}</p>
      {!mine.length && <p class="muted">{t('nNotReporter')}</p>}
      {mine.length > 0 && !slots.length && <p class="muted">{t('nNoOpenPeriod')}</p>}
      {slots.length > 1 && (
        <nav aria-label={t('nYourReports')} class="n-slots">
          <ul>
            {slots.map((s) => {
              const here = s === current;
              return (
                <li key={`${s.round.id}-${s.membership.organisation.id}`}>
                  <a
                    href={`#/bedarfe/melden?round=${s.round.id}&org=${s.membership.organisation.id}`}
                    aria-current={here ? 'page' : undefined}
                  >
                    {s.round.title} · {s.period.label} · {s.membership.organisation.name}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
      {current && (
        <SlotReport key={`${current.period.id}-${current.membership.organisation.id}`} slot={current} />
      )}
      {releasers.length > 0 && (
        <Section title={t('nAdhocTitle')}>
          <p>{t('nAdhocLead')}</p>
          <AdhocForm memberships={releasers} />
        </Section>
      )}
    </div>
  );
}

function SlotReport({ slot }: { slot: Slot }) {
  const orgId = slot.membership.organisation.id;
  const report = useAsync(
    () => api<Report>('GET', `/needs/periods/${slot.period.id}/reports/${orgId}`),
    [slot.period.id, orgId],
  );
  if (report.error !== undefined) return <ErrorView error={report.error} onRetry={report.reload} />;
  if (!report.data) return <Loading />;
  return <Reporting slot={slot} initial={report.data} />;
}

function Reporting({ slot, initial }: { slot: Slot; initial: Report }) {
  const { round, period, membership } = slot;
  const orgId = membership.organisation.id;
  const draft = useReportDraft(period.id, orgId, round.fields, initial);
  const [asking, setAsking] = useState(false);
  const mayRelease = membership.role === 'admin' || membership.role === 'deputy';
  const r = draft.report;
  const pastDue = Date.parse(period.dueAt) < Date.now();
  const release = useAction(async () => {
    if (!(await draft.flush())) throw new Error(t('nCannotReleaseIncomplete'));
    draft.replace(await api<Report>('POST', `/needs/periods/${period.id}/reports/${orgId}/release`));
    setAsking(false);
  });
  const local = draft.local;
  const edit = (next: Partial<LocalReport>) => draft.edit({ ...local, ...next });
  const missing = incomplete(local);
  const nothing = !local.nilReturn && !Object.keys(local.entries).length;

  return (
    <section class="n-slot" aria-labelledby="n-slot-h">
      <h2 id="n-slot-h">
        {round.title} · {period.label}
      </h2>
      <p class="meta">
        {t('nForOrg', { name: membership.organisation.name })} · <ReportStatus report={r} />
      </p>
      <p class="meta">{t('nDueAt', { time: formatTime(period.dueAt) })}</p>
      {pastDue && r.status === 'drafting' && (
        <p class="notice n-late-notice" role="status">
          {t('nPastDueNotice')}
        </p>
      )}
      {r.status !== 'drafting' ? (
        r.status === 'nil_return' ? (
          <p>{t('nNilReturnText')}</p>
        ) : (
          <ReportEntries entries={r.entries} />
        )
      ) : (
        <>
          {draft.notice && (
            <p class="notice" role="status">
              {draft.notice === 'merged' ? t('nMergedNotice') : t('nRemoteNotice')}{' '}
              <button type="button" class="link-button" onClick={() => draft.setNotice(null)}>
                {t('nNoticeDismiss')}
              </button>
            </p>
          )}
          <label class="checkbox n-nil">
            <input
              type="checkbox"
              checked={local.nilReturn}
              onChange={(e) => edit({ nilReturn: (e.target as HTMLInputElement).checked })}
            />{' '}
            {t('nNilReturnCheck')}
          </label>
          {!local.nilReturn &&
            round.fields.map((field) => {
              const entry = local.entries[field];
              const id = `n-${field}`;
              return (
                <fieldset key={field} class={`n-field${entry ? ' n-field-on' : ''}`} data-field={field}>
                  <legend>{fieldLabel(field)}</legend>
                  <label class="checkbox">
                    <input
                      type="checkbox"
                      checked={!!entry}
                      aria-controls={`${id}-body`}
                      onChange={(e) => {
                        const on = (e.target as HTMLInputElement).checked;
                        const entries = { ...local.entries };
                        if (on) entries[field] = emptyEntry();
                        else delete entries[field];
                        edit({ entries });
                      }}
                    />{' '}
                    {t('nHasNeed', { field: fieldLabel(field) })}
                  </label>
                  <div id={`${id}-body`}>
                    {entry && (
                      <EntryFields
                        id={id}
                        value={entry}
                        onChange={(next) => edit({ entries: { ...local.entries, [field]: next } })}
                      />
                    )}
                  </div>
                </fieldset>
              );
            })}
          <p class={`n-save n-save-${draft.saveState}`} role="status" aria-live="polite">
            {draft.saveState === 'incomplete'
              ? t('nSave_incomplete', { fields: missing.map(fieldLabel).join(', ') })
              : t(`nSave_${draft.saveState}`)}
          </p>
          {draft.saveState === 'error' && <FormError error={draft.error} />}
          <div class="n-release">
            <h3>{t('nReleaseHeading')}</h3>
            {mayRelease ? (
              <>
                <button
                  type="button"
                  class="primary"
                  disabled={nothing}
                  aria-describedby={nothing ? 'n-release-hint' : undefined}
                  onClick={() => setAsking(true)}
                >
                  {t('nRelease')}
                </button>
                {nothing && (
                  <p class="hint" id="n-release-hint">
                    {t('nReleaseNothing')}
                  </p>
                )}
              </>
            ) : (
              <p>{t('nWhoReleases')}</p>
            )}
          </div>
          {asking && (
            <ConfirmDialog
              title={local.nilReturn ? t('nReleaseNilTitle') : t('nReleaseTitle')}
              confirmLabel={t('nReleaseYes')}
              busy={release.busy}
              error={release.error}
              onConfirm={() => void release.run()}
              onCancel={() => {
                setAsking(false);
                release.setError(null);
              }}
            >
              <p>
                {local.nilReturn
                  ? t('nReleaseNilText', { name: membership.organisation.name })
                  : t('nReleaseText', {
                      name: membership.organisation.name,
                      count: Object.keys(local.entries).length,
                    })}
                {pastDue && ` ${t('nReleaseLate')}`}
              </p>
            </ConfirmDialog>
          )}
        </>
      )}
    </section>
  );
}
