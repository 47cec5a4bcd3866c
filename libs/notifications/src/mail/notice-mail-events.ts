import type { EventType } from '@runde/events';

/**
 * The events whose notices may be mailed at once, each with the consumer that writes those notices (and their
 * mails, into the ledger): the mails go once that consumer's transaction has committed. Consultation rounds have
 * their own (NotificationsConsumer.sendRoundMails).
 */
export const NOTICES_CONSUMER_OF = {
  'post.created': 'notifications.post-created',
  'post.updated': 'notifications.post-updated',
  'draft.comment_added': 'notifications.draft-comment-added',
  'draft.suggestion_added': 'notifications.suggestion-added',
  'draft.suggestion_accepted': 'notifications.suggestion-decided',
  'draft.suggestion_rejected': 'notifications.suggestion-decided',
  'flag.created': 'notifications.flag-created',
  'post.hidden': 'notifications.post-moderated',
  'post.unhidden': 'notifications.post-moderated',
  'organisation.membership_requested': 'notifications.organisation-membership',
  'organisation.member_confirmed': 'notifications.organisation-membership',
  'organisation.member_role_changed': 'notifications.organisation-membership',
  'organisation.member_removed': 'notifications.organisation-membership',
  'needs_signal.raised': 'notifications.needs-signals',
} as const satisfies Partial<Record<EventType, string>>;

export type NoticeMailEvent = keyof typeof NOTICES_CONSUMER_OF;

export const NOTICE_MAIL_EVENTS = Object.keys(NOTICES_CONSUMER_OF) as NoticeMailEvent[];
