import { useEffect, useState } from 'preact/hooks';
import { FormError, useAction } from '../../components/common';
import { all, api } from '../../lib/api';
import { t } from '../../lib/i18n';
import type { Thread, Topic } from '../../lib/types';

/** Slow-mode intervals a moderator can choose (seconds); the api takes any value up to a day. */
const SLOW_MODE_CHOICES = [30, 60, 300, 900, 3600];

export function slowModeLabel(seconds: number): string {
  if (seconds % 3600 === 0) return t('hours', { count: seconds / 3600 });
  if (seconds % 60 === 0) return t('minutes', { count: seconds / 60 });
  return t('seconds', { count: seconds });
}

export function ModTools({ thread }: { thread: Thread }) {
  const [topics, setTopics] = useState<Topic[]>([]);
  const [target, setTarget] = useState('');
  useEffect(() => {
    void all<Topic>('/topics', 500)
      .catch(() => api<Topic[]>('GET', `/groups/${thread.groupId}/topics`))
      .then((list) => setTopics((Array.isArray(list) ? list : []).filter((x) => x.id !== thread.topicId)))
      .catch(() => undefined);
  }, [thread.topicId]);
  const act = useAction(async (what: string) => api('POST', `/threads/${thread.id}/${what}`));
  const move = useAction(async () => {
    if (target) await api('POST', `/threads/${thread.id}/move`, { topicId: target });
  });
  const [slow, setSlow] = useState(String(thread.slowModeSeconds));
  const slowMode = useAction(async () =>
    api('POST', `/threads/${thread.id}/slow-mode`, { seconds: Number(slow) }),
  );
  const slowChoices = [...new Set([0, ...SLOW_MODE_CHOICES, thread.slowModeSeconds])].sort((a, b) => a - b);
  return (
    <section class="mod-tools" aria-labelledby="mod-tools-title">
      <h2 id="mod-tools-title" class="visually-hidden">
        {t('moderatorTools')}
      </h2>
      <div class="row">
        <button
          type="button"
          disabled={act.busy}
          onClick={() => void act.run(thread.locked ? 'unlock' : 'lock')}
        >
          {thread.locked ? t('unlock') : t('lock')}
        </button>
        <button
          type="button"
          disabled={act.busy}
          onClick={() => void act.run(thread.pinned ? 'unpin' : 'pin')}
        >
          {thread.pinned ? t('unpin') : t('pin')}
        </button>
        {topics.length > 0 && (
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              void move.run();
            }}
          >
            <label for="move-target">{t('moveTo')}</label>
            <select
              id="move-target"
              value={target}
              onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}
            >
              <option value="">—</option>
              {topics.map((topic) => (
                <option key={topic.id} value={topic.id}>
                  {topic.title}
                </option>
              ))}
            </select>
            <button type="submit" disabled={!target || move.busy}>
              {t('move')}
            </button>
          </form>
        )}
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            void slowMode.run();
          }}
        >
          <label for="slow-mode">{t('slowModeLabel')}</label>
          <select
            id="slow-mode"
            value={slow}
            onChange={(e) => setSlow((e.target as HTMLSelectElement).value)}
          >
            {slowChoices.map((seconds) => (
              <option key={seconds} value={String(seconds)}>
                {seconds === 0 ? t('slowModeOff') : t('slowModeEvery', { every: slowModeLabel(seconds) })}
              </option>
            ))}
          </select>
          <button type="submit" disabled={slowMode.busy || Number(slow) === thread.slowModeSeconds}>
            {t('apply')}
          </button>
        </form>
      </div>
      <FormError error={act.error ?? move.error ?? slowMode.error} />
    </section>
  );
}
