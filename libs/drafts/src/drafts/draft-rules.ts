import type { DraftStatus } from '@runde/events';
import { AppError, ErrorCode } from '@runde/platform';

/**
 * The workflow: draft → consultation → revision → adopted → archived. A revision may go back into another
 * consultation round; anything not yet archived may be archived.
 */
export const TRANSITIONS: Record<DraftStatus, DraftStatus[]> = {
  draft: ['consultation', 'archived'],
  consultation: ['revision', 'archived'],
  revision: ['consultation', 'adopted', 'archived'],
  adopted: ['archived'],
  archived: [],
};

/** Where the text may change (live, REST, accepted suggestions, restores). */
export const EDITABLE: readonly DraftStatus[] = ['draft', 'revision'];
/** Where comments, replies, suggestions, rejections and named revisions are taken (adopted is frozen). */
const DISCUSSABLE: readonly DraftStatus[] = ['draft', 'consultation', 'revision'];

export function assertEditable(status: DraftStatus): void {
  if (!EDITABLE.includes(status)) {
    const why =
      status === 'consultation'
        ? 'The draft is in consultation: the text is closed for editing; comments and suggestions stay open'
        : `The draft is ${status}: its text can no longer be edited`;
    throw new AppError(ErrorCode.DraftLocked, why);
  }
}

/** Comments and suggestions: open in draft and revision, and in consultation until its deadline. */
export function assertDiscussable(
  status: DraftStatus,
  consultationDeadline: Date | null,
  now = new Date(),
): void {
  if (!DISCUSSABLE.includes(status)) {
    throw new AppError(
      ErrorCode.DraftLocked,
      `The draft is ${status}: it is closed for comments and suggestions`,
    );
  }
  if (status === 'consultation' && consultationDeadline && consultationDeadline <= now) {
    throw new AppError(
      ErrorCode.DraftLocked,
      'The consultation has ended: comments and suggestions are closed',
    );
  }
}

/** Named revisions and decisions on suggestions: any status before adoption. */
export function assertOpen(status: DraftStatus): void {
  if (!DISCUSSABLE.includes(status)) {
    throw new AppError(ErrorCode.DraftLocked, `The draft is ${status} and frozen`);
  }
}

/**
 * Restoring an old revision replaces everyone's text at once: the group's owners and moderators (and platform
 * admins) may, and whoever started the draft, as long as they may write in it.
 */
export function assertMayRestore(access: { write: boolean; moderate: boolean }, startedIt: boolean): void {
  if (access.moderate || (access.write && startedIt)) return;
  throw AppError.forbidden(
    'Only the group’s owners and moderators and whoever started the draft may restore a revision',
  ).because('RESTORE_NOT_ALLOWED');
}

export function assertTransition(from: DraftStatus, to: DraftStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw AppError.conflict(`A draft cannot go from ${from} to ${to}`, [
      { from, to, allowed: TRANSITIONS[from] },
    ]).because('STATUS_TRANSITION');
  }
}
