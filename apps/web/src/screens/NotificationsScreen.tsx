import { useState } from 'preact/hooks';
import { notificationPath, notificationText, openNotification } from '../components/Bell';
import { ErrorView, FormError, Loading, useAction, useAsync } from '../components/common';
import { api, type Page } from '../lib/api';
import { formatTime, t, useLocale } from '../lib/i18n';
import { useStream } from '../lib/live';
import { session } from '../lib/session';
import type { Notification } from '../lib/types';

const PAGE = 30;

/** All of a person's notifications, newest first, page by page; unread ones only on request; live. */
export function NotificationsScreen() {
  useLocale();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const query = (cursor: string | null) =>
    `/notifications?limit=${PAGE}${unreadOnly ? '&unread=true' : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const list = useAsync(() => api<Page<Notification>>('GET', query(null)), [unreadOnly]);
  const more = useAction(async () => {
    const current = list.data!;
    const next = await api<Page<Notification>>('GET', query(current.nextCursor));
    const seen = new Set(current.items.map((n) => n.id));
    list.setData({
      items: [...current.items, ...next.items.filter((n) => !seen.has(n.id))],
      nextCursor: next.nextCursor,
    });
  });
  const readAll = useAction(async () => {
    await api('POST', '/notifications/read-all');
    list.reload();
  });

  useStream(session.user ? `user:${session.user.id}` : null, {
    onEvent: (event) => {
      if (event.type !== 'notification.created' || !list.data) return;
      const n = (event.data as { notification: Notification }).notification;
      list.setData({ ...list.data, items: [n, ...list.data.items.filter((x) => x.id !== n.id)] });
    },
    onResync: () => list.reload(),
  });

  return (
    <div class="page">
      <h1>{t('notifications')}</h1>
      <div class="row">
        <label class="checkbox">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => setUnreadOnly((e.target as HTMLInputElement).checked)}
          />
          {t('notificationsUnreadOnly')}
        </label>
        <button type="button" onClick={() => void readAll.run()} disabled={readAll.busy}>
          {t('markAllRead')}
        </button>
      </div>
      <FormError error={readAll.error ?? more.error} />
      {list.error !== undefined ? (
        <ErrorView error={list.error} onRetry={list.reload} level={2} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <p class="muted">{t('notificationsEmpty')}</p>
      ) : (
        <ul class="notification-list">
          {list.data.items.map((n) => (
            <li key={n.id} class={n.readAt ? 'read' : 'unread'}>
              <a
                href={`#${notificationPath(n)}`}
                onClick={(e) => {
                  e.preventDefault();
                  openNotification(n);
                }}
              >
                {notificationText(n)}
              </a>{' '}
              {!n.readAt && <span class="tag">{t('notificationNew')}</span>}{' '}
              <time class="meta" dateTime={n.createdAt}>
                {formatTime(n.createdAt)}
              </time>
            </li>
          ))}
        </ul>
      )}
      {list.data?.nextCursor && (
        <button type="button" onClick={() => void more.run()} disabled={more.busy}>
          {t('loadMore')}
        </button>
      )}
    </div>
  );
}
