/** `GET /api/v1/me/overview` as the browser sees it (libs/notifications/src/overview/overview-view.ts). */
import type { DraftStatus, Notification, Role } from '../../lib/types';

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
  isNew: boolean;
  lastActivityAt: string;
}

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

export interface Overview {
  groups: Array<{ id: string; name: string; myRole: Role }>;
  threads: { items: OverviewThread[]; more: boolean };
  notifications: { unreadCount: number; items: Notification[] };
  drafts: { items: OverviewDraft[]; more: boolean };
  streams: string[];
}
