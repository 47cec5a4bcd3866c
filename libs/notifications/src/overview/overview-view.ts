import type { DraftStatus, NotificationPayload } from '@runde/events';
import type { Role } from '@runde/groups';

/** A thread in one of the caller's groups with posts they have not read. */
export interface OverviewThread {
  id: string;
  title: string;
  topicId: string;
  topicTitle: string;
  groupId: string;
  groupName: string;
  postCount: number;
  lastPostSeq: number;
  lastReadSeq: number;
  unreadCount: number;
  /** Never opened by the caller: the whole thread is new to them. */
  isNew: boolean;
  lastActivityAt: string;
}

/** Why a draft concerns the caller. */
export type DraftInvolvement = 'started' | 'commented' | 'suggested' | 'consultation' | 'new';

export interface OverviewDraft {
  id: string;
  title: string;
  status: DraftStatus;
  topicId: string;
  topicTitle: string;
  groupId: string;
  groupName: string;
  consultationDeadline: string | null;
  updatedAt: string;
  involvement: DraftInvolvement[];
}

export interface OverviewGroup {
  id: string;
  name: string;
  myRole: Role;
}

/** `GET /api/v1/me/overview`: the start page in one answer. */
export interface Overview {
  groups: OverviewGroup[];
  threads: { items: OverviewThread[]; more: boolean };
  notifications: { unreadCount: number; items: NotificationPayload[] };
  drafts: { items: OverviewDraft[]; more: boolean };
  /** The streams whose events change this answer (the caller's own, their groups' and their groups' topics'). */
  streams: string[];
}
