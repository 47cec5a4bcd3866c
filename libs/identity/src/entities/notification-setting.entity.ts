import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { EmailDelivery, NotificationCategory } from '../notification-settings/notification-categories';

/** One person's choice for one category of notification; no row means the default (in the app, no e-mail). */
@Entity('notification_settings')
export class NotificationSettingEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 30 })
  category: NotificationCategory;

  @Column({ name: 'in_app', type: 'boolean' })
  inApp: boolean;

  /** Whether mails go at all (`email_delivery` is not `none`); kept for readers of the older setting. */
  @Column({ type: 'boolean' })
  email: boolean;

  /** `immediate`, `daily`, `weekly` (the digests) or `none`. */
  @Column({ name: 'email_delivery', type: 'varchar', length: 10, default: 'none' })
  emailDelivery: EmailDelivery;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
