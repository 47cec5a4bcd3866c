import type { DraftMode } from '../../lib/draft-session';
import { formatTime, t, type MessageKey } from '../../lib/i18n';
import type { DraftStatus, Revision } from '../../lib/types';

/** Why the text cannot be edited in a status that locks it. */
const LOCKED: Partial<Record<DraftStatus, MessageKey>> = {
  consultation: 'draftLocked_consultation',
  adopted: 'draftLocked_adopted',
  archived: 'draftLocked_archived',
};

/**
 * The line under a draft's title: for editors how their edits travel (live or merged) and whether they are saved;
 * for everyone else why the text is read-only (its workflow status, or their role). Then the draft's state as
 * people name it: the last saved revision ("Fassung 3, gespeichert am …"), and whether the text changed since.
 */
export function DraftState(props: {
  status: DraftStatus;
  mode: DraftMode;
  editable: boolean;
  /** The status allows editing, only this person's role does not. */
  lockedByRole: boolean;
  saving: boolean;
  /** The text's current version (the server's count of changes), to compare with the last revision's. */
  version: number;
  /** Newest first; null when this server keeps no revisions, undefined while loading. */
  revisions: Revision[] | null | undefined;
}) {
  const latest = props.revisions?.[0];
  return (
    <p class="meta draft-state" role="status">
      {props.editable ? (
        <>
          {props.mode === 'live' ? t('liveMode') : props.mode === 'rest' ? t('restMode') : t('loading')} ·{' '}
          <span data-testid="save-state">{props.saving ? t('saving') : t('saved')}</span>
        </>
      ) : (
        <strong class="draft-read-only">
          {props.lockedByRole ? t('draftReadOnlyRole') : t(LOCKED[props.status] ?? 'draftLocked')}
        </strong>
      )}
      {props.revisions && (
        <>
          {' · '}
          <span data-testid="revision-state">
            {latest ? (
              <>
                {t('revisionLatest', { number: latest.number, time: formatTime(latest.createdAt) })}
                {props.version > latest.version && ` (${t('revisionChangedSince')})`}
              </>
            ) : (
              t('revisionNone')
            )}
          </span>
        </>
      )}
    </p>
  );
}
