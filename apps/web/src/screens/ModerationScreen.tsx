import { useState } from 'preact/hooks';
import {
  ErrorView,
  FormError,
  Loading,
  Markdown,
  Section,
  personName,
  useAction,
  useAsync,
  useId,
} from '../components/common';
import { HideReasonSelect } from '../components/HideReasonSelect';
import { all, api, apiBlob, downloadBlob } from '../lib/api';
import { formatTime, t, useLocale, type MessageKey } from '../lib/i18n';
import { useStream } from '../lib/live';
import { type Flag, type Group, type LogEntry } from '../lib/types';
import { reasonText } from './thread/reasons';

/** The flag queue and the moderation log of a group (owners, moderators, platform admins). */
export function ModerationScreen({ groupId }: { groupId: string }) {
  useLocale();
  const group = useAsync(() => api<Group>('GET', `/groups/${groupId}`), [groupId]);
  const queue = useAsync(() => all<Flag>(`/groups/${groupId}/moderation/queue`, 500), [groupId]);
  const log = useAsync(
    () =>
      api<{ items: LogEntry[]; nextCursor: string | null }>(
        'GET',
        `/groups/${groupId}/moderation/log?limit=50`,
      ),
    [groupId],
  );
  useStream(`group:${groupId}`, {
    onEvent: (event) => {
      // A flag moving with its thread leaves this queue or joins it (flag.moved on both groups' streams).
      if (event.type === 'flag.created' || event.type === 'flag.resolved' || event.type === 'flag.moved')
        queue.reload();
      if (event.type === 'flag.resolved' || event.type === 'flag.moved') log.reload();
    },
    onResync: () => (queue.reload(), log.reload()),
  });
  const csv = useAction(async () => {
    const { blob, filename } = await apiBlob(`/groups/${groupId}/moderation/log?format=csv`);
    downloadBlob(blob, filename ?? `moderation-log-${groupId}.csv`);
  });

  if (group.error !== undefined) return <ErrorView error={group.error} onRetry={group.reload} />;
  return (
    <div class="page">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href="#/groups">{t('navGroups')}</a>
        {group.data && (
          <>
            {' › '}
            <a href={`#/groups/${groupId}`}>{group.data.name}</a>
          </>
        )}
      </nav>
      <h1>
        {t('moderation')}
        {group.data && `: ${group.data.name}`}
      </h1>
      <Section title={t('flagQueue')}>
        {queue.error !== undefined && <ErrorView error={queue.error} onRetry={queue.reload} level={2} />}
        {queue.loading && !queue.data && <Loading />}
        {queue.data &&
          (queue.data.length === 0 ? (
            <p class="muted">{t('flagQueueEmpty')}</p>
          ) : (
            <ul class="flag-list">
              {queue.data.map((flag) => (
                <FlagItem key={flag.id} flag={flag} onResolved={() => (queue.reload(), log.reload())} />
              ))}
            </ul>
          ))}
      </Section>
      <Section title={t('moderationLog')}>
        <p>
          <button type="button" disabled={csv.busy} onClick={() => void csv.run()}>
            {t('downloadCsv')}
          </button>
        </p>
        <FormError error={csv.error} />
        {log.error !== undefined && <ErrorView error={log.error} onRetry={log.reload} level={2} />}
        {log.data &&
          (log.data.items.length === 0 ? (
            <p class="muted">{t('moderationLogEmpty')}</p>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('moderationLog')}>
              <table class="log-table">
                <thead>
                  <tr>
                    <th scope="col">{t('when')}</th>
                    <th scope="col">{t('who')}</th>
                    <th scope="col">{t('action')}</th>
                    <th scope="col">{t('target')}</th>
                    <th scope="col">{t('reasonCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data.items.map((entry) => (
                    <tr key={entry.id}>
                      <td>
                        <time dateTime={entry.at}>{formatTime(entry.at)}</time>
                      </td>
                      <td>{entry.actor.displayName ?? t('deletedAccount')}</td>
                      <td>{actionText(entry.action)}</td>
                      <td>
                        {entry.targetType === 'thread' ? (
                          <a href={`#/threads/${entry.targetId}`}>{t('toThread')}</a>
                        ) : typeof entry.details.threadId === 'string' ? (
                          <a href={`#/threads/${entry.details.threadId}`}>{t('toThread')}</a>
                        ) : (
                          targetText(entry.targetType)
                        )}
                      </td>
                      <td>
                        {entry.reasonCode ? reasonText(entry.reasonCode) : '—'}
                        {entry.note && <span class="meta"> · {entry.note}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </Section>
    </div>
  );
}

function actionText(action: string): string {
  const key = `action_${action.replace(/\./g, '_')}` as MessageKey;
  const text = t(key);
  return text === key ? action : text;
}

function targetText(type: string): string {
  const key = `target_${type}` as MessageKey;
  const text = t(key);
  return text === key ? type : text;
}

function FlagItem({ flag, onResolved }: { flag: Flag; onResolved: () => void }) {
  const id = useId('flag');
  const [reasonCode, setReason] = useState<string>('off_topic');
  const [note, setNote] = useState('');
  const resolve = useAction(async (action: 'dismiss' | 'hide') => {
    await api('POST', `/flags/${flag.id}/resolve`, {
      action,
      ...(action === 'hide' ? { reasonCode, ...(note.trim() ? { note: note.trim() } : {}) } : {}),
    });
    onResolved();
  });
  return (
    <li class="card flag-item">
      <p class="meta">
        {t('reportedBy', { name: personName(flag.reporter), reason: flag.reason })} ·{' '}
        <time dateTime={flag.createdAt}>{formatTime(flag.createdAt)}</time>
      </p>
      {flag.post && (
        <blockquote class="flagged-post">
          <p class="meta">{personName(flag.post.author)}</p>
          <Markdown source={flag.post.body ?? ''} />
          <a href={`#/threads/${flag.post.threadId}?seq=${flag.post.seq}`}>{t('toThread')}</a>
        </blockquote>
      )}
      <form
        class="row wrap"
        aria-label={t('moderation')}
        onSubmit={(e) => {
          e.preventDefault();
          void resolve.run('hide');
        }}
      >
        <HideReasonSelect id={`${id}-reason`} value={reasonCode} onValue={setReason} />
        <label for={`${id}-note`}>{t('hideNote')}</label>
        <input
          id={`${id}-note`}
          value={note}
          onInput={(e) => setNote((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="danger-button" disabled={resolve.busy}>
          {t('hideConfirm')}
        </button>
        <button type="button" disabled={resolve.busy} onClick={() => void resolve.run('dismiss')}>
          {t('dismiss')}
        </button>
      </form>
      <FormError error={resolve.error} />
    </li>
  );
}
