/** When a person's digests go out (see MailPreferencesEntity). */
export interface MailPreferences {
  timeZone: string;
  digestHour: number;
  digestWeekday: number;
}

export const DEFAULT_MAIL_PREFERENCES: MailPreferences = {
  timeZone: 'Europe/Berlin',
  digestHour: 7,
  digestWeekday: 1,
};
