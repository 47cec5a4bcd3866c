import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError, Section, useAction } from '../../components/common';
import { api } from '../../lib/api';
import { formatTime, t } from '../../lib/i18n';
import { ALLOWED_NEXT, type Draft, type DraftStatus } from '../../lib/types';

/** Steps with no way back: adopted can only be archived, archived is final. They ask first. */
const FINAL: Partial<Record<DraftStatus, 'Adopt' | 'Archive'>> = { adopted: 'Adopt', archived: 'Archive' };

/**
 * Where the draft stands, and (for the group's owners and moderators, who alone may change it) the next steps.
 * Archiving stands apart from the steps forward and, like adopting, asks before it acts.
 */
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
  const [asking, setAsking] = useState<DraftStatus | null>(null);
  const change = useAction(async (status: DraftStatus) => {
    const body: Record<string, string> = { status };
    if (status === 'consultation') body.deadline = new Date(deadline).toISOString();
    onChanged(await api<Draft>('POST', `/drafts/${draft.id}/status`, body));
    setAsking(null);
  });
  const next = ALLOWED_NEXT[draft.status];
  const forward = next.filter((s) => s !== 'archived');
  const final = asking && FINAL[asking];
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
          {forward.map((s) => (
            <button
              key={s}
              type="button"
              disabled={change.busy || (s === 'consultation' && !deadline)}
              onClick={() => (FINAL[s] ? setAsking(s) : void change.run(s))}
            >
              {t('moveToStatus', { status: t(`status_${s}`) })}
            </button>
          ))}
          {next.includes('archived') && (
            <button
              type="button"
              class="link-button danger workflow-final"
              disabled={change.busy}
              onClick={() => setAsking('archived')}
            >
              {t('moveToStatus', { status: t('status_archived') })}
            </button>
          )}
        </div>
      )}
      {!asking && <FormError error={change.error} />}
      {asking && final && (
        <ConfirmDialog
          title={t(`confirm${final}Title`)}
          confirmLabel={t(`confirm${final}Yes`)}
          danger={asking === 'archived'}
          busy={change.busy}
          error={change.error}
          onConfirm={() => void change.run(asking)}
          onCancel={() => {
            setAsking(null);
            change.setError(null);
          }}
        >
          <p>{t(`confirm${final}Text`, { title: draft.title })}</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
