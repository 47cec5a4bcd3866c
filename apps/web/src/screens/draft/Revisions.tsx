import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError, Section, personName, useAction, useId } from '../../components/common';
import { api } from '../../lib/api';
import { formatTime, t } from '../../lib/i18n';
import type { Revision } from '../../lib/types';
import type { RevisionDiff } from './diff-model';
import { DiffView } from './DiffView';

/**
 * The draft's saved revisions: save one, compare any two (or one with the current text) word by word, and (for
 * those the api lets restore: the group's owners and moderators and whoever started the draft, while the text may
 * change) restore one, after a confirmation that says what happens to the current text.
 */
export function Revisions(props: {
  draftId: string;
  items: Revision[] | null | undefined;
  canWrite: boolean;
  canRestore: boolean;
  onChanged: () => void;
}) {
  const [label, setLabel] = useState('');
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const [changesOnly, setChangesOnly] = useState(false);
  // What the two lists chose: revision ids, '' for the current text (the older side defaults to the newest).
  const [pick, setPick] = useState({ from: '', to: '' });
  const fromId = useId('diff-from');
  const toId = useId('diff-to');
  const [restoring, setRestoring] = useState<Revision | null>(null);
  const save = useAction(async () => {
    await api('POST', `/drafts/${props.draftId}/revisions`, { label: label.trim() });
    setLabel('');
    props.onChanged();
  });
  const compare = useAction(async (from: string, to: string) => {
    setPick({ from, to });
    const query = `from=${from}${to ? `&to=${to}` : ''}`;
    setDiff(await api<RevisionDiff>('GET', `/drafts/${props.draftId}/diff?${query}`));
  });
  const restore = useAction(async (revisionId: string) => {
    await api('POST', `/drafts/${props.draftId}/revisions/${revisionId}/restore`);
    setRestoring(null);
    props.onChanged();
  });
  if (props.items === null) return null;
  const items = props.items ?? [];
  const known = (id: string) => items.some((r) => r.id === id);
  const from = known(pick.from) ? pick.from : (items[0]?.id ?? '');
  const to = known(pick.to) ? pick.to : '';
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
                  onClick={() => void compare.run(r.id, '')}
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
      {items.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void compare.run(from, to);
          }}
        >
          <fieldset class="diff-pick">
            <legend>{t('compareTitle')}</legend>
            <div class="row wrap">
              <label for={fromId}>{t('diffBefore')}</label>
              <select
                id={fromId}
                value={from}
                onChange={(e) => setPick({ from: (e.target as HTMLSelectElement).value, to })}
              >
                {items.map((r) => (
                  <option key={r.id} value={r.id}>
                    #{r.number} {revisionTitle(r)}
                  </option>
                ))}
              </select>
              <label for={toId}>{t('diffAfter')}</label>
              <select
                id={toId}
                value={to}
                onChange={(e) => setPick({ from, to: (e.target as HTMLSelectElement).value })}
              >
                <option value="">{t('currentText')}</option>
                {items.map((r) => (
                  <option key={r.id} value={r.id}>
                    #{r.number} {revisionTitle(r)}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={compare.busy}>
                {t('compareRun')}
              </button>
            </div>
          </fieldset>
        </form>
      )}
      {diff && (
        <DiffView
          diff={diff}
          changesOnly={changesOnly}
          onChangesOnly={setChangesOnly}
          onClose={() => setDiff(null)}
        />
      )}
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
