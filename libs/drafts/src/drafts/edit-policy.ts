import type { DraftStatus } from '@runde/events';
import type { Access, Role } from '@runde/groups';
import { AppError, ErrorCode } from '@runde/platform';

/**
 * How a person may change a draft's text: `edit` directly, `suggest` (only tracked changes of their own, the
 * Änderungsmodus), `comment` (no text changes; comments as the comment rules say) or `read`.
 */
export const EDIT_MODES = ['edit', 'suggest', 'comment', 'read'] as const;
export type EditMode = (typeof EDIT_MODES)[number];

/** The statuses and roles a draft's owners and moderators may set the mode for. */
export const POLICY_STATUSES = ['draft', 'consultation', 'revision'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
export const POLICY_ROLES = ['owner', 'moderator', 'member'] as const;
export type PolicyRole = (typeof POLICY_ROLES)[number];

/** What a draft stores: only the overridden entries. */
export type EditPolicy = Partial<Record<PolicyStatus, Partial<Record<PolicyRole, EditMode>>>>;
/** Every entry, the override over the defaults. */
export type EffectiveEditPolicy = Record<PolicyStatus, Record<PolicyRole, EditMode>>;

const all = (mode: EditMode): Record<PolicyRole, EditMode> => ({
  owner: mode,
  moderator: mode,
  member: mode,
});

/** Draft and revision: everyone who writes edits. Consultation: everyone suggests (and comments). */
export const DEFAULT_EDIT_POLICY: EffectiveEditPolicy = {
  draft: all('edit'),
  consultation: all('suggest'),
  revision: all('edit'),
};

export function effectiveEditPolicy(override?: EditPolicy | null): EffectiveEditPolicy {
  const out = {} as EffectiveEditPolicy;
  for (const status of POLICY_STATUSES)
    out[status] = { ...DEFAULT_EDIT_POLICY[status], ...override?.[status] };
  return out;
}

/**
 * The mode of a role in a status (pure). Observers (and callers who may only read) read; adopted and archived
 * drafts are read-only; a consultation is read-only once its deadline passed (comments close then too).
 */
export function editModeFor(
  status: DraftStatus,
  role: Role | null,
  policy?: EditPolicy | null,
  consultationDeadline?: Date | null,
  now: Date = new Date(),
): EditMode {
  if (!role || role === 'observer') return 'read';
  if (!(POLICY_STATUSES as readonly string[]).includes(status)) return 'read';
  if (status === 'consultation' && consultationDeadline && consultationDeadline <= now) return 'read';
  return effectiveEditPolicy(policy)[status as PolicyStatus][role];
}

/** The role a caller's access counts as: platform admins act as owners, others who may write as members. */
export function editorRoleOf(access: Pick<Access, 'role' | 'isAdmin' | 'write' | 'read'>): Role | null {
  if (access.isAdmin) return 'owner';
  if (access.role && access.role !== 'observer') return access.role;
  if (access.write) return 'member';
  return access.read ? 'observer' : null;
}

/**
 * Refuses a direct (untracked) change of the text unless the mode is `edit`. Where the status closes the text for
 * direct edits (consultation, adopted, archived), that is the contract's 409 DRAFT_LOCKED; where a draft's policy
 * narrows one role in an open status, 403 FORBIDDEN. The reason says SUGGESTIONS_ONLY where tracked changes would
 * be accepted.
 */
export function assertMayEditText(status: DraftStatus, mode: EditMode): void {
  if (mode === 'edit') return;
  const suggest = mode === 'suggest';
  if (status !== 'draft' && status !== 'revision') {
    const why =
      status !== 'consultation'
        ? `The draft is ${status}: its text can no longer be edited`
        : suggest
          ? 'The draft is in consultation: the text is closed for direct editing; suggest changes (tracked changes or suggestions) and comment'
          : 'The draft is in consultation: the text is closed for editing; comments and suggestions stay open where the rules allow';
    const error = new AppError(ErrorCode.DraftLocked, why);
    throw suggest ? error.because('SUGGESTIONS_ONLY') : error;
  }
  throw suggest
    ? AppError.forbidden(
        'In this draft you may only suggest changes (tracked changes or suggestions), not edit the text directly',
      ).because('SUGGESTIONS_ONLY')
    : AppError.forbidden('In this draft you may not change the text').because('EDIT_NOT_ALLOWED');
}

/** What decides the modes of a draft's writers: read with its row (under its lock, or checked by the commit). */
export interface DraftRules {
  status: DraftStatus;
  editPolicy: EditPolicy | null;
  consultationDeadline: Date | null;
}

/** The columns to select for `rulesOf`. */
export const RULES_COLUMNS = 'status, edit_policy, consultation_deadline';

export function rulesOf(row: {
  status: DraftStatus;
  edit_policy: EditPolicy | null;
  consultation_deadline: Date | null;
}): DraftRules {
  return {
    status: row.status,
    editPolicy: row.edit_policy ?? null,
    consultationDeadline: row.consultation_deadline ?? null,
  };
}
