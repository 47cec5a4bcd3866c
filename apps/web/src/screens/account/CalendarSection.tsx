import { useState } from 'preact/hooks';
import { FormError, Loading, Section, useAction, useAsync, useId } from '../../components/common';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { api } from '../../lib/api';
import { formatDate, t } from '../../lib/i18n';

interface Status {
  active: boolean;
  createdAt: string | null;
}

/**
 * "Kalender abonnieren": a private iCalendar feed of the deadlines that concern the person, at a secret URL. The
 * server keeps only its hash, so the URL is shown once, right after it is made; a new one retires the old, and
 * ending the subscription revokes it.
 */
export function CalendarSection() {
  const id = useId('calendar');
  const status = useAsync(() => api<Status>('GET', '/me/calendar'), []);
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [asking, setAsking] = useState<'renew' | 'revoke' | null>(null);
  const issue = useAction(async () => {
    setMessage('');
    const made = await api<{ url: string; createdAt: string }>('POST', '/me/calendar');
    setUrl(made.url);
    setAsking(null);
    status.setData({ active: true, createdAt: made.createdAt });
    setMessage(t('calendarCreated'));
  });
  const revoke = useAction(async () => {
    setMessage('');
    await api('DELETE', '/me/calendar');
    setUrl(null);
    setAsking(null);
    status.setData({ active: false, createdAt: null });
    setMessage(t('calendarRevoked'));
  });
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setMessage(t('calendarCopied'));
    } catch {
      setMessage(t('calendarCopyFailed'));
    }
  };
  const active = status.data?.active;
  return (
    <Section title={t('calendarSection')}>
      <p>{t('calendarIntro')}</p>
      <p class="notice">{t('calendarSecret')}</p>
      {status.error !== undefined && <FormError error={status.error} />}
      {!status.data && status.error === undefined && <Loading />}
      {status.data && (
        <>
          {active && status.data.createdAt && (
            <p>{t('calendarActiveSince', { date: formatDate(status.data.createdAt) })}</p>
          )}
          {!active && <p class="muted">{t('calendarNone')}</p>}
          {url && (
            <div class="field calendar-url">
              <label for={`${id}-url`}>{t('calendarUrl')}</label>
              <div class="row wrap">
                <input
                  id={`${id}-url`}
                  type="text"
                  readOnly
                  value={url}
                  aria-describedby={`${id}-url-hint`}
                  onFocus={(e) => (e.target as HTMLInputElement).select()}
                />
                <button type="button" onClick={() => void copy()}>
                  {t('calendarCopy')}
                </button>
              </div>
              <p class="hint" id={`${id}-url-hint`}>
                {t('calendarUrlHint')}
              </p>
            </div>
          )}
          {active && !url && <p class="hint">{t('calendarHidden')}</p>}
          <p class="row wrap">
            {active ? (
              <>
                <button type="button" onClick={() => setAsking('renew')}>
                  {t('calendarRenew')}
                </button>
                <button type="button" class="danger-button" onClick={() => setAsking('revoke')}>
                  {t('calendarRevoke')}
                </button>
              </>
            ) : (
              <button type="button" class="primary" disabled={issue.busy} onClick={() => void issue.run()}>
                {t('calendarCreate')}
              </button>
            )}
          </p>
          {!asking && <FormError error={issue.error} />}
        </>
      )}
      <p role="status">{message}</p>
      {asking && (
        <ConfirmDialog
          title={asking === 'renew' ? t('calendarRenew') : t('calendarRevoke')}
          confirmLabel={asking === 'renew' ? t('calendarRenewYes') : t('calendarRevokeYes')}
          danger={asking === 'revoke'}
          busy={issue.busy || revoke.busy}
          error={asking === 'renew' ? issue.error : revoke.error}
          onConfirm={() => void (asking === 'renew' ? issue.run() : revoke.run())}
          onCancel={() => setAsking(null)}
        >
          <p>{asking === 'renew' ? t('calendarRenewConfirm') : t('calendarRevokeConfirm')}</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
