/** The api's shapes as the browser sees them (see /api/docs and libs/events/src/catalogue/payloads.ts). */

export type Role = 'owner' | 'moderator' | 'member' | 'observer';

export interface Organisation {
  id: string;
  name: string;
  kind: string;
  detail: string | null;
}

export interface Person {
  id: string;
  displayName: string | null;
  organisation: Organisation | null;
  deleted: boolean;
}

export interface Group {
  id: string;
  name: string;
  description: string;
  myRole: Role | null;
  memberCount: number;
}

export interface Member {
  userId: string;
  displayName: string | null;
  organisation: Organisation | null;
  role: Role;
  deleted: boolean;
}

export interface Topic {
  id: string;
  groupId: string;
  title: string;
  description: string;
  visibility: 'group' | 'network';
}

export interface Thread {
  id: string;
  topicId: string;
  groupId: string;
  title: string;
  authorId: string;
  author: Person;
  locked: boolean;
  pinned: boolean;
  slowModeSeconds: number;
  postCount: number;
  lastPostSeq: number;
  createdAt: string;
  lastActivityAt: string;
  unreadCount?: number;
  lastReadSeq?: number;
}

/** A thread's list state in `topic.activity` (coalesced, at most one per topic and second). */
export type ThreadActivity = Pick<
  Thread,
  'id' | 'postCount' | 'lastPostSeq' | 'lastActivityAt' | 'locked' | 'pinned'
>;

export const HIDE_REASONS = ['off_topic', 'personal_data', 'insult', 'spam', 'duplicate', 'other'] as const;
export type HideReason = (typeof HIDE_REASONS)[number];

export interface Post {
  id: string;
  threadId: string;
  seq: number;
  authorId: string;
  author: Person;
  body: string | null;
  replyToId: string | null;
  replyTo: {
    id: string;
    seq: number;
    authorId: string;
    authorName: string | null;
    excerpt: string | null;
  } | null;
  createdAt: string;
  editedAt: string | null;
  hidden: boolean;
  deleted: boolean;
  /** Only for the author and moderators of a hidden post. */
  moderation?: { reasonCode: string | null; note: string | null; hiddenAt: string | null } | null;
}

/** About a thread's post (threadId, postId) or, for the draft kinds, about a strategy draft (draftId). */
export interface Notification {
  id: string;
  kind:
    | 'mention'
    | 'reply'
    | 'followed_thread'
    | 'draft_comment'
    | 'draft_suggestion'
    | 'draft_reply'
    | 'suggestion_accepted'
    | 'suggestion_rejected';
  threadId: string | null;
  threadTitle: string | null;
  postId: string | null;
  postSeq: number | null;
  draftId: string | null;
  draftTitle: string | null;
  actor: Person | null;
  count: number;
  createdAt: string;
  readAt: string | null;
}

export interface SearchHit {
  type: 'thread' | 'post';
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

export const DRAFT_STATUSES = ['draft', 'consultation', 'revision', 'adopted', 'archived'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export interface Draft {
  id: string;
  topicId: string;
  groupId: string;
  title: string;
  status: DraftStatus;
  version: number;
  consultationDeadline: string | null;
  createdBy: string;
  content?: string;
}

export interface Anchor {
  start: number;
  end: number;
  detached: boolean;
  quote: string;
  relStart: string;
  relEnd: string;
}

export interface DraftComment {
  id: string;
  parentId: string | null;
  suggestionId: string | null;
  authorId: string;
  author: Person;
  body: string;
  anchor: Anchor | null;
  resolved: boolean;
  createdAt: string;
  section?: string | null;
  replies?: DraftComment[];
}

export interface Suggestion {
  id: string;
  authorId: string;
  author: Person;
  anchor: Anchor;
  replacement: string;
  rationale: string;
  status: 'open' | 'accepted' | 'rejected';
  createdAt: string;
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
