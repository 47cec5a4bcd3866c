import { useState } from 'preact/hooks';
import { FormError, Section, useAction } from '../../components/common';
import { api } from '../../lib/api';
import { formatTime, t } from '../../lib/i18n';
import { ALLOWED_NEXT, type Draft, type DraftStatus } from '../../lib/types';

export function Workflow({
  draft,
  moderator,
  onChanged,
}: {
  draft: Draft;
  moderator: boolean;
  onChanged: (d: Draft) => void;
}) {
  const [deadline, setDeadline] = useState('');
  const change = useAction(async (status: DraftStatus) => {
    const body: Record<string, string> = { status };
    if (status === 'consultation') body.deadline = new Date(deadline).toISOString();
    onChanged(await api<Draft>('POST', `/drafts/${draft.id}/status`, body));
  });
  const next = ALLOWED_NEXT[draft.status];
  return (
    <Section title={t('workflow')} class="workflow">
      <ol class="workflow-steps">
        {(['draft', 'consultation', 'revision', 'adopted'] as DraftStatus[]).map((s) => (
          <li
            key={s}
            class={s === draft.status ? 'current' : ''}
            aria-current={s === draft.status ? 'step' : undefined}
          >
            {t(`status_${s}`)}
          </li>
        ))}
      </ol>
      {draft.consultationDeadline && <p>{t('deadline', { date: formatTime(draft.consultationDeadline) })}</p>}
      {moderator && next.length > 0 && (
        <div class="row wrap">
          {next.includes('consultation') && (
            <>
              <label for="deadline-input">{t('deadlineInput')}</label>
              <input
                id="deadline-input"
                type="datetime-local"
                value={deadline}
                onInput={(e) => setDeadline((e.target as HTMLInputElement).value)}
              />
            </>
          )}
          {next.map((s) => (
            <button
              key={s}
              type="button"
              disabled={change.busy || (s === 'consultation' && !deadline)}
              onClick={() => void change.run(s)}
            >
              {t('moveToStatus', { status: t(`status_${s}`) })}
            </button>
          ))}
        </div>
      )}
      <FormError error={change.error} />
    </Section>
  );
}
