import { useSharedDraft, type SaveState } from '../../lib/shared-draft';
import type { Statement } from './model';
import { fromServer, merge, sameContent, savedState, toBody } from './statement-draft';

export type { SaveState };

/**
 * The organisation's statement while its people draft it (useSharedDraft): saved with PUT after a pause,
 * colleagues' saves (`statement.updated` on `organisation:<id>`) merged in, a stale save merged and saved again.
 * A correction is a new statement (a new id): taken in whatever its version.
 */
export function useStatementDraft(consultationId: string, orgId: string, initial: Statement) {
  const draft = useSharedDraft(
    {
      path: `/consultations/${consultationId}/statements/${orgId}`,
      stream: `organisation:${orgId}`,
      incoming: (event) => {
        if (event.type !== 'statement.updated') return null;
        const statement = (event.data as { statement: Statement }).statement;
        return statement.consultationId === consultationId ? statement : null;
      },
      replaces: (incoming, shown) => !!shown.id && incoming.id !== shown.id,
      fromServer,
      merge,
      sameContent,
      toBody,
      savedState,
      delayMs: 700,
    },
    initial,
  );
  // A statement has nothing that keeps it from being saved: never `incomplete`.
  return {
    ...draft,
    statement: draft.server,
    saveState: draft.saveState as Exclude<SaveState, 'incomplete'>,
  };
}
