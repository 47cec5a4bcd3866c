/**
 * The kinds of notification a person can switch, as the account screen shows them. Each notification kind of
 * libs/notifications belongs to one of them (its `categoryOf`).
 */
export const NOTIFICATION_CATEGORIES = [
  'mentions',
  'replies',
  'followedThreads',
  'drafts',
  'moderation',
  'organisation',
  'consultations',
] as const;

export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/** Where notifications of one category reach the person. */
export interface NotificationChannels {
  /** In the app: the bell, the notification list and the live `notification.created`. */
  inApp: boolean;
  /** Also by e-mail. */
  email: boolean;
}

export type NotificationSettings = Record<NotificationCategory, NotificationChannels>;

/** Without a choice of their own, a person gets every notification in the app and none by e-mail. */
export const DEFAULT_CHANNELS: NotificationChannels = { inApp: true, email: false };
