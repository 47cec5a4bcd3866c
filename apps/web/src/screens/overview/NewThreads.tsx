import { formatTime, t } from '../../lib/i18n';
import type { OverviewThread } from './types';

/** Threads of the person's groups with posts they have not read; a link leads to the first unread post. */
export function NewThreads({ items, more }: { items: OverviewThread[]; more: boolean }) {
  return (
    <section class="overview-section" aria-labelledby="overview-new">
      <h2 id="overview-new">{t('overviewNew')}</h2>
      <p class="hint">{t('overviewNewHint')}</p>
      {items.length === 0 ? (
        <p class="muted overview-empty">{t('overviewNewEmpty')}</p>
      ) : (
        <ul class="overview-list">
          {items.map((th) => (
            <li key={th.id} class="overview-item">
              <a
                class="overview-title"
                href={`#/threads/${th.id}${th.isNew ? '' : `?seq=${th.lastReadSeq + 1}`}`}
              >
                {th.title}
              </a>
              <span class="overview-badges">
                {th.isNew ? (
                  <span class="tag">{t('overviewNewThread')}</span>
                ) : (
                  <span class="unread-badge" aria-label={t('unreadLabel', { count: th.unreadCount })}>
                    {t('unread', { count: th.unreadCount })}
                  </span>
                )}
              </span>
              <span class="meta">
                {t('overviewWhere', { group: th.groupName, topic: th.topicTitle })} ·{' '}
                {t('posts', { count: th.postCount })} ·{' '}
                <time dateTime={th.lastActivityAt}>
                  {t('overviewLastActivity', { time: formatTime(th.lastActivityAt) })}
                </time>
              </span>
            </li>
          ))}
        </ul>
      )}
      {more && <p class="hint">{t('overviewMore')}</p>}
    </section>
  );
}
