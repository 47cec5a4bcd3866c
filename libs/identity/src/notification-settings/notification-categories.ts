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
  // New categories go last: a category's bit in digests and unsubscribe links is its index here.
  'needs',
] as const;

export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/**
 * How notices of one category reach the person by e-mail: one mail each at once, in the daily or the weekly digest
 * (at the person's digest hour in their time zone), or not at all.
 */
export const EMAIL_DELIVERIES = ['immediate', 'daily', 'weekly', 'none'] as const;

export type EmailDelivery = (typeof EMAIL_DELIVERIES)[number];

/** Where notifications of one category reach the person. */
export interface NotificationChannels {
  /** In the app: the bell, the notification list and the live `notification.created`. */
  inApp: boolean;
  /** Also by e-mail (`emailDelivery` is not `none`). */
  email: boolean;
  emailDelivery: EmailDelivery;
}

export type NotificationSettings = Record<NotificationCategory, NotificationChannels>;

/** Without a choice of their own, a person gets every notification in the app and none by e-mail. */
export const DEFAULT_CHANNELS: NotificationChannels = { inApp: true, email: false, emailDelivery: 'none' };

/** The categories a digest or an unsubscribe link names, as a bit set (a category's bit is its index above). */
export function categoryMask(categories: Iterable<NotificationCategory>): number {
  let mask = 0;
  for (const c of categories) mask |= 1 << NOTIFICATION_CATEGORIES.indexOf(c);
  return mask;
}

export function categoriesOfMask(mask: number): NotificationCategory[] {
  return NOTIFICATION_CATEGORIES.filter((_, i) => (mask & (1 << i)) !== 0);
}
