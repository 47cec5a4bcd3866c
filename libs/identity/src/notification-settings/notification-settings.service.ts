import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { prepared } from '@runde/platform';
import { UpdateNotificationSettingsDto } from '../dto/notification-settings.dto';
import { NotificationSettingEntity } from '../entities/notification-setting.entity';
import {
  DEFAULT_CHANNELS,
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
      if (row.category in settings) settings[row.category] = { inApp: row.inApp, email: row.email };
    }
    return settings;
  }

  /** Changes the categories given; the others keep their setting. */
  async update(userId: string, dto: UpdateNotificationSettingsDto): Promise<NotificationSettings> {
    const rows = NOTIFICATION_CATEGORIES.filter((category) => dto[category] !== undefined).map(
      (category) => ({
        userId,
        category,
        inApp: dto[category]!.inApp,
        email: dto[category]!.email,
      }),
    );
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

  /** For the fan-out, inside its transaction: which of these people chose e-mail for the category. */
  async wantEmail(
    manager: EntityManager,
    userIds: Iterable<string>,
    category: NotificationCategory,
  ): Promise<Set<string>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Set();
    const rows = await prepared<{ user_id: string }>(
      manager,
      `SELECT user_id FROM notification_settings WHERE user_id = ANY($1::uuid[]) AND category = $2 AND email`,
      [ids, category],
    );
    return new Set(rows.map((r) => r.user_id));
  }
}
