import { useState } from 'preact/hooks';
import { FormError, Loading, Section, useAction, useAsync } from '../../components/common';
import { all, api } from '../../lib/api';
import { formatTime, t } from '../../lib/i18n';
import { describeUserAgent } from './device-label';

/** A signed-in device (one sign-in of the account), as GET /me/sessions lists it. */
interface Device {
  id: string;
  userAgent: string | null;
  signedInAt: string;
  lastUsedAt: string;
  current: boolean;
}

function deviceName(device: Device): string {
  const known = describeUserAgent(device.userAgent);
  return known ? t('deviceOn', known) : t('deviceUnknown');
}

/** The devices signed in to this account, each with "Sign out", and "Sign out all others". */
export function DevicesSection({ version }: { version: number }) {
  const devices = useAsync(() => all<Device>('/me/sessions'), [version]);
  const [done, setDone] = useState<string | null>(null);
  const signOut = useAction(async (device: Device) => {
    setDone(null);
    await api('DELETE', `/me/sessions/${device.id}`);
    setDone(t('deviceSignedOut', { device: deviceName(device) }));
    devices.reload();
  });
  const signOutOthers = useAction(async () => {
    setDone(null);
    await api('DELETE', '/me/sessions');
    setDone(t('devicesSignedOutOthers'));
    devices.reload();
  });
  const list = devices.data ?? [];
  const others = list.filter((d) => !d.current);
  return (
    <Section title={t('devicesSection')}>
      <p class="muted">{t('devicesIntro')}</p>
      {devices.error !== undefined && <FormError error={devices.error} />}
      {!devices.data && devices.error === undefined && <Loading />}
      {devices.data && (
        <ul class="device-list">
          {list.map((device) => (
            <li
              key={device.id}
              class={device.current ? 'device current' : 'device'}
              data-session-id={device.id}
            >
              <div class="device-what">
                <strong>{deviceName(device)}</strong>
                {device.current && <span class="badge">{t('deviceThis')}</span>}
                {!describeUserAgent(device.userAgent) && device.userAgent && (
                  <span class="meta device-agent">{device.userAgent}</span>
                )}
                <span class="meta">
                  {t('deviceSignedInAt', { time: formatTime(device.signedInAt) })} ·{' '}
                  {t('deviceLastUsed', { time: formatTime(device.lastUsedAt) })}
                </span>
              </div>
              {!device.current && (
                <button
                  type="button"
                  aria-label={t('deviceSignOutLabel', {
                    device: deviceName(device),
                    time: formatTime(device.lastUsedAt),
                  })}
                  disabled={signOut.busy || signOutOthers.busy}
                  onClick={() => void signOut.run(device)}
                >
                  {t('deviceSignOut')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {devices.data && others.length === 0 && <p class="muted">{t('devicesOnlyThis')}</p>}
      <FormError error={signOut.error ?? signOutOthers.error} />
      {done && <p role="status">{done}</p>}
      {others.length > 0 && (
        <button
          type="button"
          disabled={signOut.busy || signOutOthers.busy}
          onClick={() => void signOutOthers.run()}
        >
          {t('devicesSignOutOthers')}
        </button>
      )}
    </Section>
  );
}
