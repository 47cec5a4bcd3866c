import type { DraftDecisionPayload, DraftPayload, DraftRevisionPayload, PersonPayload } from '@runde/events';
import type { DraftDecisionEntity } from './entities/draft-decision.entity';
import type { DraftRevisionEntity } from './entities/draft-revision.entity';
import type { DraftEntity } from './entities/draft.entity';
import { EditMode, editModeFor, editorRoleOf } from './drafts/edit-policy';

/**
 * The contract's `draft`: the payload plus the current Markdown text, and (where it is built for a caller) how
 * the caller may change the text now (`editMode`, edit-policy.ts).
 */
export interface DraftView extends DraftPayload {
  content: string;
  editMode?: EditMode;
}

export function draftPayload(d: DraftEntity): DraftPayload {
  return {
    id: d.id,
    topicId: d.topicId,
    groupId: d.groupId,
    title: d.title,
    status: d.status,
    version: d.version,
    consultationDeadline: d.consultationDeadline?.toISOString() ?? null,
    createdBy: d.createdBy,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function draftView(d: DraftEntity): DraftView {
  return { ...draftPayload(d), content: d.contentText };
}

/** The draft as `access`'s caller sees it, with their edit mode. */
export function draftViewFor(d: DraftEntity, access: Parameters<typeof editorRoleOf>[0]): DraftView {
  const mode = editModeFor(d.status, editorRoleOf(access), d.editPolicy, d.consultationDeadline);
  return { ...draftView(d), editMode: mode };
}

export function revisionPayload(r: DraftRevisionEntity): DraftRevisionPayload {
  return {
    id: r.id,
    draftId: r.draftId,
    number: r.number,
    label: r.label,
    kind: r.kind,
    version: r.version,
    status: r.status,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}

export interface RevisionView extends DraftRevisionPayload {
  creator: PersonPayload | null;
  authors: PersonPayload[];
}

export function revisionView(r: DraftRevisionEntity, people: Map<string, PersonPayload>): RevisionView {
  return {
    ...revisionPayload(r),
    creator: r.createdBy ? (people.get(r.createdBy) ?? null) : null,
    authors: r.authorIds.map((id) => people.get(id)!).filter(Boolean),
  };
}

export function decisionPayload(
  d: DraftDecisionEntity,
  discussionCommentIds: string[],
): DraftDecisionPayload {
  return {
    id: d.id,
    draftId: d.draftId,
    suggestionId: d.suggestionId,
    outcome: d.outcome,
    reason: d.reason,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt.toISOString(),
    revisionId: d.revisionId,
    discussionCommentIds,
  };
}
