/**
 * The api's shapes as the browser sees them (see /api/docs). What events carry comes from the server's own
 * catalogue (libs/events/src/catalogue/payloads.ts, `@runde/contract`), so that the two cannot drift apart; the
 * REST views add a few fields to it.
 */
import type {
  DraftAnchorPayload,
  DraftCommentPayload,
  DraftPayload,
  DraftStatus,
  DraftSuggestionPayload,
  MemberPayload,
  NotificationPayload,
  OrganisationPayload,
  PersonPayload,
  PostPayload,
  ThreadActivityPayload,
  ThreadPayload,
  TopicPayload,
} from '@runde/contract';

export { DRAFT_STATUSES, HIDE_REASONS } from '@runde/contract';
export type { DraftStatus, HideReason } from '@runde/contract';

export type Role = MemberPayload['role'];
export type Organisation = OrganisationPayload;
export type Person = PersonPayload;

export interface Group {
  id: string;
  name: string;
  description: string;
  myRole: Role | null;
  memberCount: number;
}

export type Member = MemberPayload;
export type Topic = TopicPayload;

/** In lists, with the reader's own progress. */
export interface Thread extends ThreadPayload {
  unreadCount?: number;
  lastReadSeq?: number;
}

/** A thread's list state in `topic.activity` (coalesced, at most one per topic and second). */
export type ThreadActivity = ThreadActivityPayload;

export interface Post extends PostPayload {
  /** Only for the author and moderators of a hidden post. */
  moderation?: { reasonCode: string | null; note: string | null; hiddenAt: string | null } | null;
}

/** About a thread's post (threadId, postId) or, for the draft kinds, about a strategy draft (draftId). */
export type Notification = NotificationPayload;

export interface SearchHit {
  type: 'thread' | 'post' | 'draft';
  id: string;
  threadId: string | null;
  topicId: string;
  groupId: string;
  title: string;
  snippet: string;
  seq: number | null;
  createdAt: string;
}

export interface Flag {
  id: string;
  reason: string;
  status: string;
  createdAt: string;
  reporter?: Person;
  post?: Post;
}

export interface LogEntry {
  id: string;
  at: string;
  actor: { id: string; displayName: string | null };
  action: string;
  targetType: string;
  targetId: string;
  reasonCode: string | null;
  note: string | null;
  details: Record<string, unknown>;
}

/** `GET /api/v1/drafts/:id` adds the Markdown text. */
export interface Draft extends DraftPayload {
  content?: string;
}

export type Anchor = DraftAnchorPayload;

/** In the list of a draft's comments: the section it is in, and its replies. */
export interface DraftComment extends DraftCommentPayload {
  section?: string | null;
  replies?: DraftComment[];
}

export interface Suggestion extends DraftSuggestionPayload {
  decision?: { outcome: string; reason: string | null } | null;
}

export interface Revision {
  id: string;
  number: number;
  label: string;
  kind: string;
  version: number;
  status: DraftStatus;
  createdAt: string;
  creator: Person | null;
}

export interface ParagraphDiff {
  ops: Array<{
    op: 'equal' | 'delete' | 'insert';
    fromIndex: number | null;
    toIndex: number | null;
    text: string;
  }>;
  unified: string;
  from: Revision;
  to: Revision | null;
  toVersion: number;
}

export const ALLOWED_NEXT: Record<DraftStatus, DraftStatus[]> = {
  draft: ['consultation', 'archived'],
  consultation: ['revision', 'archived'],
  revision: ['consultation', 'adopted', 'archived'],
  adopted: ['archived'],
  archived: [],
};

export function mayModerate(role: Role | null | undefined, isAdmin: boolean): boolean {
  return isAdmin || role === 'owner' || role === 'moderator';
}
