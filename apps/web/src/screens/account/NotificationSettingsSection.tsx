import { useState } from 'preact/hooks';
import { FormError, Loading, Section, useAction, useAsync, useId } from '../../components/common';
import { api } from '../../lib/api';
import { t, type MessageKey } from '../../lib/i18n';

const CATEGORIES = [
  'mentions',
  'replies',
  'followedThreads',
  'drafts',
  'moderation',
  'organisation',
  'consultations',
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
    </Section>
  );
}
