import type { NotificationCategory } from '@runde/identity';
import type { NotificationKind } from '../entities/notification.entity';

/**
 * The setting (on the account screen) each kind of notification answers to. A new kind must be given one here:
 * the type refuses a kind left out.
 */
export const CATEGORY_OF: Record<NotificationKind, NotificationCategory> = {
  mention: 'mentions',
  reply: 'replies',
  followed_thread: 'followedThreads',
  draft_comment: 'drafts',
  draft_suggestion: 'drafts',
  draft_reply: 'drafts',
  suggestion_accepted: 'drafts',
  suggestion_rejected: 'drafts',
  post_flagged: 'moderation',
  post_hidden: 'moderation',
  post_unhidden: 'moderation',
  org_request: 'organisation',
  org_confirmed: 'organisation',
  org_declined: 'organisation',
  org_role_changed: 'organisation',
  org_removed: 'organisation',
  consult_addressed: 'consultations',
  consult_reminder: 'consultations',
  consult_extended: 'consultations',
  consult_published: 'consultations',
  consult_released: 'consultations',
  consult_nil_return: 'consultations',
  needs_signal: 'needs',
};
