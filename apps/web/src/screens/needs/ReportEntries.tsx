import { ErrorView, Loading, Markdown, useAsync } from '../../components/common';
import { api } from '../../lib/api';
import { formatTime, t, useLocale } from '../../lib/i18n';
import { fieldLabel, formatNumber, type Entry, type Report } from './model';
import './needs.css';

/** A report's entries as read: one block per field of action. */
export function ReportEntries(props: { entries: Entry[] }) {
  if (!props.entries.length) return <p class="muted">{t('nNoEntries')}</p>;
  return (
    <div class="n-entries">
      {props.entries.map((e) => (
        <section key={e.field} class="n-entry-read" aria-labelledby={`entry-${e.id}`}>
          <h3 id={`entry-${e.id}`}>{fieldLabel(e.field)}</h3>
          <dl class="n-facts">
            <div>
              <dt>{t('nEntry_targetGroup')}</dt>
              <dd>{e.targetGroup}</dd>
            </div>
            <div>
              <dt>{t('nEntry_affected')}</dt>
              <dd>{formatNumber(e.affected)}</dd>
            </div>
            <div>
              <dt>{t('nEntry_trend')}</dt>
              <dd>{t(`nTrend_${e.trend}`)}</dd>
            </div>
            <div>
              <dt>{t('nEntry_severity')}</dt>
              <dd>{t(`nSeverity_${e.severity}` as 'nSeverity_1')}</dd>
            </div>
            <div>
              <dt>{t('nEntry_visibility')}</dt>
              <dd>{t(`nVisibility_${e.visibility}`)}</dd>
            </div>
          </dl>
          {(['existing', 'missing', 'support', 'evidence'] as const).map(
            (k) =>
              e[k] && (
                <div key={k} class="n-entry-text">
                  <h4>{t(`nEntry_${k}`)}</h4>
                  {/* Belege may name links: rendered as (sanitised) Markdown, so they can be followed. */}
                  {k === 'evidence' ? <Markdown source={e[k]!} /> : <p>{e[k]}</p>}
                </div>
              ),
          )}
        </section>
      ))}
    </div>
  );
}

export function ReportStatus(props: { report: Report }) {
  const r = props.report;
  return (
    <span class="n-status-line">
      {r.id || r.status !== 'drafting' ? (
        <span class={`n-badge n-report-${r.status}`}>{t(`nReport_${r.status}`)}</span>
      ) : (
        <span class="n-badge">{t('nReport_not_started')}</span>
      )}
      {r.late && <span class="n-badge n-late">{t('nLateMark')}</span>}
      {r.adhoc && <span class="n-badge">{t('nAdhocMark')}</span>}
      {r.releasedAt && <span> {t('nReleasedAt', { time: formatTime(r.releasedAt) })}</span>}
    </span>
  );
}

/** One report by id (the links in a signal's topic lead here). */
export function ReportViewScreen({ id }: { id: string }) {
  useLocale();
  const data = useAsync(() => api<Report>('GET', `/needs/reports/${id}`), [id]);
  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const r = data.data;
  return (
    <div class="page">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href="#/bedarfe">{t('nRadarTitle')}</a>
      </nav>
      <h1>{t('nReportOf', { name: r.organisation.name })}</h1>
      <p class="meta">
        <ReportStatus report={r} />
      </p>
      {r.nilReturn ? <p>{t('nNilReturnText')}</p> : <ReportEntries entries={r.entries} />}
    </div>
  );
}
