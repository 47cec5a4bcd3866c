import { formatDate, t } from '../../lib/i18n';
import type { OverviewDraft } from './types';

const DAY_MS = 86_400_000;

/** "noch 3 Tage", "endet heute", "abgelaufen": how near a deadline is, counted in calendar days. */
function deadlineLeft(iso: string, now = new Date()): { text: string; urgent: boolean } {
  const end = new Date(iso);
  if (end.getTime() < now.getTime()) return { text: t('deadlinePassed'), urgent: true };
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(end) - startOf(now)) / DAY_MS);
  if (days <= 0) return { text: t('deadlineToday'), urgent: true };
  return { text: t('deadlineDays', { count: days }), urgent: days <= 3 };
}

/** The drafts that concern the person: status, deadline (and how near it is), and why they are listed. */
export function OverviewDrafts({ items, more }: { items: OverviewDraft[]; more: boolean }) {
  return (
    <section class="overview-section" aria-labelledby="overview-drafts">
      <h2 id="overview-drafts">{t('overviewDrafts')}</h2>
      <p class="hint">{t('overviewDraftsHint')}</p>
      {items.length === 0 ? (
        <p class="muted overview-empty">{t('overviewDraftsEmpty')}</p>
      ) : (
        <ul class="overview-list">
          {items.map((d) => {
            const left =
              d.status === 'consultation' && d.consultationDeadline
                ? deadlineLeft(d.consultationDeadline)
                : null;
            return (
              <li key={d.id} class="overview-item overview-draft">
                <a class="overview-title" href={`#/drafts/${d.id}`}>
                  {d.title}
                </a>
                <span class="overview-badges">
                  <span class={`status status-${d.status}`}>{t(`status_${d.status}`)}</span>
                  {d.consultationDeadline && d.status === 'consultation' && (
                    <span class={`tag${left?.urgent ? ' tag-warn' : ''}`}>
                      {t('deadline', { date: formatDate(d.consultationDeadline) })}
                      {left && ` (${left.text})`}
                    </span>
                  )}
                </span>
                <span class="meta">
                  {t('overviewWhere', { group: d.groupName, topic: d.topicTitle })}
                  {d.involvement.length > 0 && (
                    <> · {d.involvement.map((i) => t(`involvement_${i}`)).join(', ')}</>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {more && <p class="hint">{t('overviewMore')}</p>}
    </section>
  );
}
