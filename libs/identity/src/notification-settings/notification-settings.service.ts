import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { prepared } from '@runde/platform';
import { UpdateNotificationSettingsDto } from '../dto/notification-settings.dto';
import { NotificationSettingEntity } from '../entities/notification-setting.entity';
import {
  DEFAULT_CHANNELS,
  EmailDelivery,
  NOTIFICATION_CATEGORIES,
  NotificationCategory,
  NotificationSettings,
} from './notification-categories';

/**
 * Which notifications reach a person, per category: in the app, and also by e-mail. The fan-out asks
 * `mutedInApp` before it writes notifications.
 */
@Injectable()
export class NotificationSettingsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<NotificationSettings> {
    const rows = await this.dataSource.getRepository(NotificationSettingEntity).findBy({ userId });
    const settings = Object.fromEntries(
      NOTIFICATION_CATEGORIES.map((category) => [category, { ...DEFAULT_CHANNELS }]),
    ) as NotificationSettings;
    for (const row of rows) {
      if (row.category in settings)
        settings[row.category] = {
          inApp: row.inApp,
          email: row.emailDelivery !== 'none',
          emailDelivery: row.emailDelivery,
        };
    }
    return settings;
  }

  /** Changes the categories given; the others keep their setting. */
  async update(userId: string, dto: UpdateNotificationSettingsDto): Promise<NotificationSettings> {
    const current = await this.get(userId);
    const rows = NOTIFICATION_CATEGORIES.filter((category) => dto[category] !== undefined).map((category) => {
      const { inApp, email, emailDelivery } = dto[category]!;
      // `emailDelivery` says how; `email` switches mails on (keeping a digest chosen before) or off, and wins when the
      // two disagree (a client that knows only `email` sends back the `emailDelivery` it was given).
      const was = current[category].emailDelivery;
      const delivery: EmailDelivery =
        email === undefined
          ? (emailDelivery ?? was)
          : !email
            ? 'none'
            : emailDelivery && emailDelivery !== 'none'
              ? emailDelivery
              : was === 'none'
                ? 'immediate'
                : was;
      return { userId, category, inApp, email: delivery !== 'none', emailDelivery: delivery };
    });
    if (rows.length)
      await this.dataSource
        .getRepository(NotificationSettingEntity)
        .upsert(rows, { conflictPaths: ['userId', 'category'] });
    return this.get(userId);
  }

  /**
   * For the fan-out, inside its transaction: the categories each of these people does not want in the app.
   * People with no entry get everything.
   */
  async mutedInApp(
    manager: EntityManager,
    userIds: Iterable<string>,
  ): Promise<Map<string, Set<NotificationCategory>>> {
    const ids = [...new Set(userIds)];
    const muted = new Map<string, Set<NotificationCategory>>();
    if (ids.length === 0) return muted;
    const rows = await prepared<{ user_id: string; category: NotificationCategory }>(
      manager,
      `SELECT user_id, category FROM notification_settings WHERE user_id = ANY($1::uuid[]) AND NOT in_app`,
      [ids],
    );
    for (const row of rows) {
      const categories = muted.get(row.user_id) ?? new Set<NotificationCategory>();
      categories.add(row.category);
      muted.set(row.user_id, categories);
    }
    return muted;
  }

  /**
   * One-click unsubscribe: no more mails of these categories for the person (in the app stays as it was).
   * Returns the categories that were mailed before.
   */
  async stopMails(userId: string, categories: NotificationCategory[]): Promise<NotificationCategory[]> {
    const current = await this.get(userId);
    const mailed = categories.filter((c) => current[c].emailDelivery !== 'none');
    if (mailed.length)
      await this.dataSource.getRepository(NotificationSettingEntity).upsert(
        mailed.map((category) => ({
          userId,
          category,
          inApp: current[category].inApp,
          email: false,
          emailDelivery: 'none' as const,
        })),
        { conflictPaths: ['userId', 'category'] },
      );
    return mailed;
  }

  /**
   * For the fan-out, inside its transaction: how each of these people gets mails of each category they chose
   * mails for (categories without mail are left out).
   */
  async deliveries(
    manager: EntityManager,
    userIds: Iterable<string>,
  ): Promise<Map<string, Map<NotificationCategory, Exclude<EmailDelivery, 'none'>>>> {
    const ids = [...new Set(userIds)];
    const found = new Map<string, Map<NotificationCategory, Exclude<EmailDelivery, 'none'>>>();
    if (ids.length === 0) return found;
    const rows = await prepared<{
      user_id: string;
      category: NotificationCategory;
      email_delivery: Exclude<EmailDelivery, 'none'>;
    }>(
      manager,
      `SELECT user_id, category, email_delivery FROM notification_settings
        WHERE user_id = ANY($1::uuid[]) AND email_delivery <> 'none'`,
      [ids],
    );
    for (const row of rows) {
      const mine = found.get(row.user_id) ?? new Map();
      mine.set(row.category, row.email_delivery);
      found.set(row.user_id, mine);
    }
    return found;
  }

  /** For the fan-out, inside its transaction: which of these people chose a mail at once for the category. */
  async wantEmail(
    manager: EntityManager,
    userIds: Iterable<string>,
    category: NotificationCategory,
  ): Promise<Set<string>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Set();
    const rows = await prepared<{ user_id: string }>(
      manager,
      `SELECT user_id FROM notification_settings
        WHERE user_id = ANY($1::uuid[]) AND category = $2 AND email_delivery = 'immediate'`,
      [ids, category],
    );
    return new Set(rows.map((r) => r.user_id));
  }
}
