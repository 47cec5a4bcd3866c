import { useState } from 'preact/hooks';
import { FormError, Loading, Section, useAction, useAsync, useId } from '../../components/common';
import { api } from '../../lib/api';
import { t, weekdayName, type MessageKey } from '../../lib/i18n';

const CATEGORIES = [
  'mentions',
  'replies',
  'followedThreads',
  'drafts',
  'moderation',
  'organisation',
  'consultations',
  'needs',
] as const;
type Category = (typeof CATEGORIES)[number];
type Channel = 'inApp' | 'email';
type Delivery = 'immediate' | 'daily' | 'weekly' | 'none';
type Settings = Record<Category, Record<Channel, boolean> & { emailDelivery?: Delivery }>;

/** Per kind of notification: in the app, and also by e-mail. Each change is saved at once. */
export function NotificationSettingsSection() {
  const id = useId('notify');
  const settings = useAsync(() => api<Settings>('GET', '/me/notification-settings'), []);
  const [saved, setSaved] = useState(false);
  const save = useAction(
    async (category: Category, channel: Channel | 'emailDelivery', value: boolean | Delivery) => {
      setSaved(false);
      const before = settings.data!;
      const changed = { ...before[category], [channel]: value };
      settings.setData({ ...before, [category]: changed });
      try {
        settings.setData(await api<Settings>('PUT', '/me/notification-settings', { [category]: changed }));
        setSaved(true);
      } catch (error) {
        settings.setData(before);
        throw error;
      }
    },
  );
  return (
    <Section title={t('notificationSettingsSection')}>
      <p class="muted">{t('notificationSettingsIntro')}</p>
      {settings.error !== undefined && <FormError error={settings.error} />}
      {!settings.data && settings.error === undefined && <Loading />}
      {settings.data && (
        <table class="notify-settings">
          <thead>
            <tr>
              <td />
              <th scope="col" id={`${id}-inApp`}>
                {t('notifyInApp')}
              </th>
              <th scope="col" id={`${id}-email`}>
                {t('notifyEmail')}
              </th>
            </tr>
          </thead>
          <tbody>
            {CATEGORIES.map((category) => (
              <tr key={category}>
                <th scope="row" id={`${id}-${category}`}>
                  {t(`category_${category}` as MessageKey)}
                </th>
                {(['inApp', 'email'] as const).map((channel) => (
                  <td key={channel}>
                    <input
                      type="checkbox"
                      name={`${category}.${channel}`}
                      aria-labelledby={`${id}-${category} ${id}-${channel}`}
                      checked={settings.data![category][channel]}
                      disabled={save.busy}
                      onChange={(e) =>
                        void save.run(category, channel, (e.target as HTMLInputElement).checked)
                      }
                    />
                    {channel === 'email' && settings.data![category].email && (
                      <select
                        name={`${category}.emailDelivery`}
                        aria-label={`${t(`category_${category}` as MessageKey)}: ${t('notifyDelivery')}`}
                        value={settings.data![category].emailDelivery ?? 'immediate'}
                        disabled={save.busy}
                        onChange={(e) =>
                          void save.run(
                            category,
                            'emailDelivery',
                            (e.target as HTMLSelectElement).value as Delivery,
                          )
                        }
                      >
                        {(['immediate', 'daily', 'weekly'] as const).map((d) => (
                          <option key={d} value={d}>
                            {t(`delivery_${d}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint">{t('notificationSettingsEmailNote')}</p>
      <FormError error={save.error} />
      {saved && <p role="status">{t('notificationSettingsSaved')}</p>}
      {settings.data && <DigestTiming />}
    </Section>
  );
}

interface MailPreferences {
  timeZone: string;
  digestHour: number;
  digestWeekday: number;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The time zones the browser knows (IANA names, as the api checks them), the person's own among them. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}

/** When the daily and weekly digests go out: hour, weekday and time zone, each saved at once. */
function DigestTiming() {
  const id = useId('digest');
  const prefs = useAsync(() => api<MailPreferences>('GET', '/me/mail-preferences'), []);
  const [saved, setSaved] = useState(false);
  const save = useAction(async (change: Partial<MailPreferences>) => {
    setSaved(false);
    const before = prefs.data!;
    prefs.setData({ ...before, ...change });
    try {
      prefs.setData(await api<MailPreferences>('PUT', '/me/mail-preferences', change));
      setSaved(true);
    } catch (error) {
      prefs.setData(before);
      throw error;
    }
  });
  if (prefs.error !== undefined) return <FormError error={prefs.error} />;
  if (!prefs.data) return <Loading />;
  const p = prefs.data;
  const number = (e: Event) => Number((e.target as HTMLSelectElement).value);
  return (
    <fieldset class="digest-timing">
      <legend>{t('digestTiming')}</legend>
      <div class="row wrap">
        <div class="field">
          <label for={`${id}-hour`}>{t('digestHour')}</label>
          <select
            id={`${id}-hour`}
            value={String(p.digestHour)}
            disabled={save.busy}
            onChange={(e) => void save.run({ digestHour: number(e) })}
          >
            {Array.from({ length: 24 }, (_, h) => (
              <option key={h} value={String(h)}>
                {t('digestHourOption', { hour: String(h).padStart(2, '0') })}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-weekday`}>{t('digestWeekday')}</label>
          <select
            id={`${id}-weekday`}
            value={String(p.digestWeekday)}
            disabled={save.busy}
            onChange={(e) => void save.run({ digestWeekday: number(e) })}
          >
            {WEEKDAYS.map((d) => (
              <option key={d} value={String(d)}>
                {weekdayName(d)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-zone`}>{t('digestTimeZone')}</label>
          <select
            id={`${id}-zone`}
            value={p.timeZone}
            disabled={save.busy}
            onChange={(e) => void save.run({ timeZone: (e.target as HTMLSelectElement).value })}
          >
            {timeZones(p.timeZone).map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FormError error={save.error} />
      {saved && <p role="status">{t('digestTimingSaved')}</p>}
    </fieldset>
  );
}
