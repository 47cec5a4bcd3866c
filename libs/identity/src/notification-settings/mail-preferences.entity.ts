import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * When a person's digests go out: at `digest_hour` (0–23) in `time_zone` (IANA), daily, and weekly on
 * `digest_weekday` (1 Monday … 7 Sunday). No row: Europe/Berlin, 7 o'clock, Monday.
 */
@Entity('mail_preferences')
export class MailPreferencesEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_mail_preferences' })
  userId: string;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ name: 'digest_hour', type: 'smallint' })
  digestHour: number;

  @Column({ name: 'digest_weekday', type: 'smallint' })
  digestWeekday: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
