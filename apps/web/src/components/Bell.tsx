import { useEffect, useRef, useState } from 'preact/hooks';
import { api, optional, type Page } from '../lib/api';
import { formatTime, t, useLocale } from '../lib/i18n';
import { useStream } from '../lib/live';
import { navigate } from '../lib/router';
import { session } from '../lib/session';
import type { Notification } from '../lib/types';
import { reasonText } from '../screens/thread/reasons';
import { personName } from './common';

/**
 * The notifications bell: unread count, the latest notifications, live on the caller's `user:<id>` stream. Hides
 * itself when the server has no notifications routes.
 */
export function Bell() {
  useLocale();
  const [available, setAvailable] = useState(true);
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const load = async () => {
    try {
      const [page, count] = await Promise.all([
        optional(api<Page<Notification>>('GET', '/notifications?limit=20')),
        optional(api<{ count: number }>('GET', '/notifications/unread-count')),
      ]);
      if (!page) return setAvailable(false);
      setItems(page.items);
      setUnread(count?.count ?? page.items.filter((n) => !n.readAt).length);
    } catch {
      // the bell is not worth an error screen
    }
  };
  useEffect(() => void load(), []);

  useStream(available && session.user ? `user:${session.user.id}` : null, {
    onEvent: (event) => {
      // Read elsewhere (an open draft or thread, another tab): the list and the count as the server has them —
      // only while something is unread, so that reading a live thread costs the bell nothing.
      if (event.type === 'draft.read' || event.type === 'thread.read') return void (unread > 0 && load());
      if (event.type !== 'notification.created') return;
      const n = (event.data as { notification: Notification }).notification;
      setItems((list) => [n, ...list.filter((x) => x.id !== n.id)].slice(0, 50));
      void optional(api<{ count: number }>('GET', '/notifications/unread-count')).then(
        (c) => c && setUnread(c.count),
      );
    },
    onResync: () => void load(),
  });

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (!panelRef.current?.contains(e.target as Node) && !buttonRef.current?.contains(e.target as Node))
        setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, [open]);

  if (!available) return null;

  const openItem = async (n: Notification) => {
    setOpen(false);
    if (!n.readAt) {
      setItems((list) => list.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)));
      setUnread((c) => Math.max(0, c - 1));
    }
    openNotification(n);
  };

  const readAll = async () => {
    await optional(api('POST', '/notifications/read-all'));
    setItems((list) => list.map((x) => ({ ...x, readAt: x.readAt ?? new Date().toISOString() })));
    setUnread(0);
  };

  const label = unread ? t('notificationsUnread', { count: unread }) : t('notifications');
  return (
    <div class="bell">
      <button
        type="button"
        ref={buttonRef}
        class="bell-button"
        aria-expanded={open}
        aria-controls="notification-panel"
        aria-label={label}
        title={label}
        onClick={() => setOpen((o) => !o)}
      >
        <svg
          aria-hidden="true"
          width="20"
          height="20"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 && (
          <span class="badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div
          id="notification-panel"
          class="bell-panel"
          ref={panelRef}
          role="region"
          aria-label={t('notifications')}
        >
          <div class="bell-head">
            <h2>{t('notifications')}</h2>
            {unread > 0 && (
              <button type="button" class="link-button" onClick={() => void readAll()}>
                {t('markAllRead')}
              </button>
            )}
          </div>
          {items.length === 0 ? (
            <p class="muted">{t('notificationsEmpty')}</p>
          ) : (
            <ul class="bell-list">
              {items.map((n) => (
                <li key={n.id} class={n.readAt ? 'read' : 'unread'}>
                  <button type="button" class="bell-item" onClick={() => void openItem(n)}>
                    <span>{notificationText(n)}</span>
                    <time dateTime={n.createdAt}>{formatTime(n.createdAt)}</time>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <p class="bell-foot">
            <a href="#/notifications" onClick={() => setOpen(false)}>
              {t('notificationsAll')}
            </a>
          </p>
        </div>
      )}
    </div>
  );
}

/**
 * What a notification says, in the reader's language. A hidden post's notice names the reason and, when the
 * moderators wrote one, their note to the author (the only one who receives it).
 */
export function notificationText(n: Notification): string {
  const text = t(`notif_${n.kind}`, {
    actor: n.actor ? personName(n.actor) : t('someone'),
    thread: n.threadTitle ?? n.draftTitle ?? '',
    count: n.count,
    reason: reasonText(n.reasonCode),
    org: n.organisationName ?? '',
    role: n.role ? t(`orgRole_${n.role}`) : '',
    title: n.consultationTitle ?? '',
    summary: n.needsSignalSummary ?? '',
  });
  return n.kind === 'post_hidden' && n.note ? `${text}. ${t('notifModerationNote', { note: n.note })}` : text;
}

/**
 * Where a notification leads: a new flag to its group's queue, a post to its thread, a draft to the draft, a
 * consultation notice to its round, a membership notice to the organisation, a needs signal to the radar.
 */
export function notificationPath(n: Notification): string {
  if (n.kind === 'post_flagged' && n.groupId) return `/groups/${n.groupId}/moderation`;
  if (n.draftId) return `/drafts/${n.draftId}`;
  if (n.threadId) return `/threads/${n.threadId}${n.postSeq ? `?seq=${n.postSeq}` : ''}`;
  if (n.consultationId) return `/consultations/${n.consultationId}`;
  if (n.organisationId) return `/organisations/${n.organisationId}`;
  if (n.needsSignalId) return '/bedarfe';
  return '/notifications';
}

/** Opens the notification's post; marks it read on the server (the caller updates its own list). */
export function openNotification(n: Notification): void {
  if (!n.readAt) void optional(api('POST', `/notifications/${n.id}/read`)).catch(() => undefined);
  navigate(notificationPath(n));
}
