import { useState } from 'preact/hooks';
import {
  CreateBox,
  ErrorView,
  FormError,
  Loading,
  Section,
  TextField,
  useAction,
  useAsync,
} from '../components/common';
import { api, apiBlob, downloadBlob, HttpError } from '../lib/api';
import { t, useLocale } from '../lib/i18n';
import { navigate } from '../lib/router';
import { session, type User } from '../lib/session';
import type { Organisation } from '../lib/types';
import { CalendarSection } from './account/CalendarSection';
import { DevicesSection } from './account/DevicesSection';
import { NotificationSettingsSection } from './account/NotificationSettingsSection';
import { PasswordSection } from './account/PasswordSection';
import './account/account.css';
import { MembershipSection } from './organisations/MembershipSection';

type Me = User & { organisation: Organisation | null; passwordSet: boolean };

/**
 * The person's own account: profile, organisation, password, signed-in devices, notification settings, the
 * calendar feed, a copy of their data, erasure (GDPR Art. 15, 17, 20); operations for admins.
 */
export function AccountScreen() {
  useLocale();
  const me = useAsync(() => api<Me>('GET', '/me'), []);
  // A password change signs out the other devices: their list is loaded again.
  const [devicesVersion, setDevicesVersion] = useState(0);
  if (me.error !== undefined) return <ErrorView error={me.error} onRetry={me.reload} />;
  if (!me.data) return <Loading />;
  return (
    <div class="page">
      <h1>{t('accountTitle')}</h1>
      <Profile me={me.data} onSaved={me.setData} />
      <MembershipSection />
      <PasswordSection passwordSet={me.data.passwordSet} onChanged={() => setDevicesVersion((v) => v + 1)} />
      <DevicesSection version={devicesVersion} />
      <NotificationSettingsSection />
      <CalendarSection />
      <MyData />
      {me.data.isAdmin && <Operations />}
      <DeleteAccount passwordSet={me.data.passwordSet} />
    </div>
  );
}

function Profile({ me, onSaved }: { me: Me; onSaved: (me: Me) => void }) {
  const [displayName, setDisplayName] = useState(me.displayName);
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    setSaved(false);
    const next = await api<Me>('PATCH', '/me', { displayName: displayName.trim() });
    onSaved(next);
    session.setUser(next);
    setSaved(true);
  });
  return (
    <Section title={t('profile')}>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <p class="meta">
          {t('email')}: {me.email}
        </p>
        <TextField
          id="account-name"
          label={t('displayName')}
          required
          maxLength={100}
          value={displayName}
          onValue={setDisplayName}
        />
        <FormError error={save.error} />
        {saved && <p role="status">{t('profileSaved')}</p>}
        <button type="submit" class="primary" disabled={save.busy}>
          {t('save')}
        </button>
      </form>
    </Section>
  );
}

function MyData() {
  const download = useAction(async () => {
    const { blob, filename } = await apiBlob('/me/export');
    downloadBlob(blob, filename ?? 'runde-daten.json');
  });
  return (
    <Section title={t('myData')}>
      <p>{t('exportIntro')}</p>
      <FormError error={download.error} />
      <button type="button" onClick={() => void download.run()} disabled={download.busy}>
        {t('exportDownload')}
      </button>
    </Section>
  );
}

/** Platform admins: the queue dashboard, opened with a short-lived cookie (a page cannot send the bearer token). */
function Operations() {
  const open = useAction(async () => {
    await api('POST', '/admin-session');
    window.location.assign('/admin/queues');
  });
  return (
    <Section title={t('operations')}>
      <p>{t('operationsIntro')}</p>
      <FormError error={open.error} />
      <button type="button" onClick={() => void open.run()} disabled={open.busy}>
        {t('queueDashboard')}
      </button>
    </Section>
  );
}

function DeleteAccount({ passwordSet }: { passwordSet: boolean }) {
  const [password, setPassword] = useState('');
  const [sure, setSure] = useState(false);
  const erase = useAction(async () => {
    // A wrong password is PASSWORD_MISMATCH; without a password, a sign-in older than 10 minutes is
    // RECENT_SIGN_IN_REQUIRED: both worded by errorMessage.
    await api('DELETE', '/me', passwordSet ? { password } : {});
    await session.logout();
    navigate('/login', true);
  });
  // By way of the provider's sign-out: the new sign-in must really be one (asked for again), not the provider's
  // session still open in this browser.
  const signInAgain = () => session.signOut();
  const needsSignIn = erase.error instanceof HttpError && erase.error.reason === 'RECENT_SIGN_IN_REQUIRED';
  return (
    <Section title={t('deleteAccount')}>
      <CreateBox
        summary={t('deleteAccount')}
        action={erase}
        buttons={
          <button
            type="submit"
            class="danger-button"
            disabled={erase.busy || !sure || (passwordSet && !password)}
          >
            {t('deleteAccount')}
          </button>
        }
      >
        <p>{t('deleteIntro')}</p>
        {passwordSet ? (
          <TextField
            id="delete-password"
            label={t('deletePassword')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
          />
        ) : (
          <p class="muted">{t('deleteWithoutPassword')}</p>
        )}
        {needsSignIn && (
          <button type="button" onClick={() => void signInAgain()}>
            {t('deleteSignInAgain')}
          </button>
        )}
        <label class="checkbox">
          <input
            type="checkbox"
            checked={sure}
            onChange={(e) => setSure((e.target as HTMLInputElement).checked)}
          />{' '}
          {t('deleteConfirm')}
        </label>
      </CreateBox>
    </Section>
  );
}
