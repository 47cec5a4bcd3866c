import { useAsync } from '../../components/common';
import { api } from '../../lib/api';
import { formatDate, t, useLocale } from '../../lib/i18n';
import { openPeriod, type Period, type Report, type Round, type Signal } from './model';
import { loadNeedsRoles } from './nav';
import './needs.css';

interface OpenReport {
  round: Round;
  period: Period;
  orgId: string;
  orgName: string;
  status: Report['status'] | 'not_started';
}

/**
 * The start page's needs part, for people of an organisation: the reports their organisation still owes (with the
 * Frist) or has released in the open periods, the open signals, and the way to the radar. Nothing for others.
 */
export function OverviewNeeds() {
  useLocale();
  const data = useAsync(async () => {
    const roles = await loadNeedsRoles();
    if (!roles.radar) return null;
    const [rounds, signals] = await Promise.all([
      api<{ items: Round[] }>('GET', '/needs/rounds').then((r) => r.items),
      api<{ items: Signal[] }>('GET', '/needs/signals').then((r) => r.items),
    ]);
    const reporters = roles.memberships.filter((m) => m.organisation.kind !== 'ministry');
    const reports: OpenReport[] = [];
    if (reporters.length) {
      for (const round of rounds) {
        const period = openPeriod(
          (await api<{ items: Period[] }>('GET', `/needs/rounds/${round.id}/periods`)).items,
        );
        if (!period) continue;
        for (const m of reporters) {
          const report = await api<Report>('GET', `/needs/periods/${period.id}/reports/${m.organisation.id}`);
          reports.push({
            round,
            period,
            orgId: m.organisation.id,
            orgName: m.organisation.name,
            status: report.id ? report.status : 'not_started',
          });
        }
      }
    }
    return { reports, openSignals: signals.filter((s) => s.status === 'open').length };
  }, []);
  // The start page works without this part: a failure or no organisation shows nothing here.
  if (!data.data) return null;
  const { reports, openSignals } = data.data;
  return (
    <section class="overview-section" aria-labelledby="overview-needs">
      <h2 id="overview-needs">{t('nOverviewTitle')}</h2>
      {reports.length > 0 && (
        <ul class="overview-list">
          {reports.map((r) => (
            <li key={`${r.period.id}-${r.orgId}`} class="overview-item">
              <a class="overview-title" href={`#/bedarfe/melden?round=${r.round.id}&org=${r.orgId}`}>
                {r.round.title} · {r.period.label}
              </a>
              <span class="overview-badges">
                <span class={`n-badge n-report-${r.status}`}>{t(`nReport_${r.status}`)}</span>
                {(r.status === 'drafting' || r.status === 'not_started') && (
                  <span class="tag">{t('nOverviewDue', { date: formatDate(r.period.dueAt) })}</span>
                )}
              </span>
              {reports.some((o) => o.orgId !== r.orgId) && <span class="meta">{r.orgName}</span>}
            </li>
          ))}
        </ul>
      )}
      <p>
        {t('nOverviewSignals', { count: openSignals })} <a href="#/bedarfe">{t('nOverviewRadar')}</a>
      </p>
    </section>
  );
}
