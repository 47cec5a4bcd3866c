/** Shapes that travel in event payloads (and so to browsers). Domains build them; they never import back. */

export interface OrganisationPayload {
  id: string;
  name: string;
  kind: string;
  detail: string | null;
}

export interface MemberPayload {
  userId: string;
  displayName: string | null;
  organisation: OrganisationPayload | null;
  role: 'owner' | 'moderator' | 'member' | 'observer';
  joinedAt: string;
  deleted: boolean;
}

export interface GroupPayload {
  id: string;
  name: string;
  description: string;
}

export type Visibility = 'group' | 'network';

export interface TopicPayload {
  id: string;
  groupId: string;
  title: string;
  description: string;
  visibility: Visibility;
  createdAt: string;
}

export interface PersonPayload {
  id: string;
  displayName: string | null;
  organisation: OrganisationPayload | null;
  deleted: boolean;
}

export interface ThreadPayload {
  id: string;
  topicId: string;
  groupId: string;
  title: string;
  authorId: string;
  author: PersonPayload;
  locked: boolean;
  pinned: boolean;
  slowModeSeconds: number;
  postCount: number;
  lastPostSeq: number;
  createdAt: string;
  lastActivityAt: string;
}

export const HIDE_REASONS = ['off_topic', 'personal_data', 'insult', 'spam', 'duplicate', 'other'] as const;
export type HideReason = (typeof HIDE_REASONS)[number];

/** A post as every reader of the thread may see it: hidden and deleted posts carry no body. */
export interface PostPayload {
  id: string;
  threadId: string;
  seq: number;
  authorId: string;
  author: PersonPayload;
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
}

export interface NotificationPayload {
  id: string;
  kind: 'mention' | 'reply' | 'followed_thread';
  threadId: string;
  threadTitle: string;
  postId: string | null;
  postSeq: number | null;
  actor: PersonPayload | null;
  count: number;
  createdAt: string;
  readAt: string | null;
}
