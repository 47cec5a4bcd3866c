import { notificationPath, notificationText } from '../../components/Bell';
import { api, optional } from '../../lib/api';
import { formatTime, t } from '../../lib/i18n';
import type { Notification } from '../../lib/types';

/** The person's unread notifications (the latest ten); opening one reads it. */
export function OpenNotifications({ items, unreadCount }: { items: Notification[]; unreadCount: number }) {
  return (
    <section class="overview-section" aria-labelledby="overview-notifications">
      <h2 id="overview-notifications">
        {t('overviewNotifications')}
        {unreadCount > 0 && (
          <>
            {' '}
            <span class="badge">{t('overviewNotificationsCount', { count: unreadCount })}</span>
          </>
        )}
      </h2>
      {items.length === 0 ? (
        <p class="muted overview-empty">{t('overviewNotificationsEmpty')}</p>
      ) : (
        <ul class="overview-list">
          {items.map((n) => (
            <li key={n.id} class="overview-item">
              <a
                class="overview-title"
                href={`#${notificationPath(n)}`}
                onClick={() =>
                  void optional(api('POST', `/notifications/${n.id}/read`)).catch(() => undefined)
                }
              >
                {notificationText(n)}
              </a>
              <span class="meta">
                <time dateTime={n.createdAt}>{formatTime(n.createdAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="#/notifications">{t('notificationsAll')}</a>
      </p>
    </section>
  );
}
