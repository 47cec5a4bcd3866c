import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError, Section, personName, useAction } from '../../components/common';
import { api } from '../../lib/api';
import { formatTime, t } from '../../lib/i18n';
import type { ParagraphDiff, Revision } from '../../lib/types';
import { DiffView } from './DiffView';

/**
 * The draft's saved revisions: save one, compare one with the current text, and (for those the api lets restore:
 * the group's owners and moderators and whoever started the draft, while the text may change) restore one, after
 * a confirmation that says what happens to the current text.
 */
export function Revisions(props: {
  draftId: string;
  items: Revision[] | null | undefined;
  canWrite: boolean;
  canRestore: boolean;
  onChanged: () => void;
}) {
  const [label, setLabel] = useState('');
  const [diff, setDiff] = useState<ParagraphDiff | null>(null);
  const [restoring, setRestoring] = useState<Revision | null>(null);
  const save = useAction(async () => {
    await api('POST', `/drafts/${props.draftId}/revisions`, { label: label.trim() });
    setLabel('');
    props.onChanged();
  });
  const compare = useAction(async (revisionId: string) =>
    setDiff(await api<ParagraphDiff>('GET', `/drafts/${props.draftId}/diff?from=${revisionId}`)),
  );
  const restore = useAction(async (revisionId: string) => {
    await api('POST', `/drafts/${props.draftId}/revisions/${revisionId}/restore`);
    setRestoring(null);
    props.onChanged();
  });
  if (props.items === null) return null;
  const items = props.items ?? [];
  return (
    <Section title={t('revisions')}>
      {props.canWrite && (
        <form
          class="row wrap"
          onSubmit={(e) => {
            e.preventDefault();
            void save.run();
          }}
        >
          <label for="revision-label">{t('revisionLabel')}</label>
          <input
            id="revision-label"
            required
            maxLength={200}
            value={label}
            onInput={(e) => setLabel((e.target as HTMLInputElement).value)}
          />
          <button type="submit" disabled={save.busy}>
            {t('saveRevision')}
          </button>
        </form>
      )}
      <FormError error={save.error ?? compare.error ?? (restoring ? null : restore.error)} />
      {items.length === 0 ? (
        <p class="muted">{t('revisionsEmpty')}</p>
      ) : (
        <ul class="revision-list">
          {items.map((r) => (
            <li key={r.id}>
              <span>
                <strong>#{r.number}</strong> {revisionTitle(r)} · {t(`status_${r.status}`)} ·{' '}
                <time dateTime={r.createdAt}>{formatTime(r.createdAt)}</time>
                {r.creator && <> · {personName(r.creator)}</>}
              </span>
              <span class="row">
                <button
                  type="button"
                  class="link-button"
                  aria-label={t('compareRevision', { number: r.number })}
                  onClick={() => void compare.run(r.id)}
                >
                  {t('compare')}
                </button>
                {props.canRestore && (
                  <button
                    type="button"
                    class="link-button"
                    aria-label={t('restoreRevision', { number: r.number })}
                    onClick={() => {
                      restore.setError(null);
                      setRestoring(r);
                    }}
                  >
                    {t('restore')}
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {diff && <DiffView diff={diff} onClose={() => setDiff(null)} />}
      {restoring && (
        <ConfirmDialog
          title={t('confirmRestoreTitle', { number: restoring.number })}
          confirmLabel={t('confirmRestoreYes')}
          busy={restore.busy}
          error={restore.error}
          onConfirm={() => void restore.run(restoring.id)}
          onCancel={() => setRestoring(null)}
        >
          <p>{t('confirmRestoreText', { number: restoring.number, label: revisionTitle(restoring) })}</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}

/** Status revisions are named in the reader's language; the others by what their label says. */
function revisionTitle(r: Revision): string {
  return r.kind === 'status' ? t(`revisionStatus_${r.status}`) : r.label;
}
