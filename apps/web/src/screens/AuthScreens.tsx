import { useEffect, useState } from 'preact/hooks';
import { FormError, TextField, useAction } from '../components/common';
import { OrganisationSelect, useOrganisations } from '../components/OrganisationSelect';
import { HttpError } from '../lib/api';
import { locale, t, useLocale } from '../lib/i18n';
import { navigate } from '../lib/router';
import { session } from '../lib/session';
import { ProviderButtons, useSignInOptions } from './OidcScreens';

function authError(error: unknown, conflictKey: 'registerConflict' | 'signInFailed'): unknown {
  if (error instanceof HttpError) {
    if (error.status === 401) return new Error(t('signInFailed'));
    if (error.status === 409) return new Error(t(conflictKey));
  }
  return error;
}

export function LoginScreen({ expired }: { expired: boolean }) {
  useLocale();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const options = useSignInOptions();
  const action = useAction(async () => {
    try {
      await session.login(email.trim(), password);
    } catch (error) {
      throw authError(error, 'signInFailed');
    }
    if (window.location.hash.startsWith('#/login')) navigate('/', true);
  });
  const providers = options?.providers ?? [];
  // Until the options are known, the password form shows (as it always did); with password sign-in off, only the
  // providers do.
  const passwordSignin = options?.passwordSignin ?? true;
  return (
    <div class="auth-card">
      <h1>{t('signInTitle')}</h1>
      {expired && (
        <p class="notice" role="alert">
          {t('sessionExpired')}
        </p>
      )}
      {passwordSignin ? <p class="muted">{t('signInIntro')}</p> : <p class="muted">{t('ssoOnlyIntro')}</p>}
      <ProviderButtons providers={providers} />
      {passwordSignin && providers.length > 0 && <p class="muted">{t('ssoOr')}</p>}
      {passwordSignin && (
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run();
          }}
        >
          <TextField
            id="login-email"
            label={t('email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onValue={setEmail}
          />
          <TextField
            id="login-password"
            label={t('password')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
          />
          <FormError error={action.error} />
          <button type="submit" class="primary" disabled={action.busy}>
            {t('signIn')}
          </button>
        </form>
      )}
      {passwordSignin && (
        <>
          <p>
            <a href="#/password-reset">{t('forgotPasswordLink')}</a>
          </p>
          <p>
            {t('noAccount')} <a href="#/register">{t('registerLink')}</a>
          </p>
        </>
      )}
    </div>
  );
}

export function RegisterScreen({ invitation }: { invitation: string | null }) {
  useLocale();
  const [form, setForm] = useState({ email: '', displayName: '', password: '', organisationId: '' });
  const organisations = useOrganisations();
  const [mode, setMode] = useState<string>('open');
  useEffect(() => {
    void fetch('/api/v1/meta')
      .then((r) => (r.ok ? r.json() : {}))
      .then((b: { registrationMode?: string }) => setMode(b.registrationMode ?? 'open'))
      .catch(() => undefined);
  }, []);
  const action = useAction(async () => {
    try {
      await session.register({
        email: form.email.trim(),
        password: form.password,
        displayName: form.displayName.trim(),
        locale: locale(),
        ...(form.organisationId ? { organisationId: form.organisationId } : {}),
        ...(invitation ? { invitationToken: invitation } : {}),
      });
    } catch (error) {
      throw authError(error, 'registerConflict');
    }
    // Leave the page without the invitation token in the address bar or the history.
    navigate('/', true);
  });
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const inviteOnly = mode === 'invite' && !invitation;
  return (
    <div class="auth-card">
      <h1>{invitation ? t('registerInvitationTitle') : t('registerTitle')}</h1>
      {invitation && <p>{t('registerInvitationIntro')}</p>}
      {inviteOnly ? (
        <p class="notice" role="alert">
          {t('registerInviteOnly')}
        </p>
      ) : (
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run();
          }}
        >
          <TextField
            id="reg-email"
            label={t('email')}
            type="email"
            autoComplete="email"
            required
            value={form.email}
            onValue={set('email')}
          />
          <TextField
            id="reg-name"
            label={t('displayName')}
            autoComplete="name"
            required
            maxLength={100}
            value={form.displayName}
            onValue={set('displayName')}
          />
          <TextField
            id="reg-password"
            label={t('password')}
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            hint={t('passwordHint')}
            value={form.password}
            onValue={set('password')}
          />
          <OrganisationSelect
            id="reg-org"
            organisations={organisations}
            value={form.organisationId}
            onChange={(organisationId) => setForm((f) => ({ ...f, organisationId }))}
          />
          <FormError error={action.error} />
          <button type="submit" class="primary" disabled={action.busy}>
            {t('register')}
          </button>
        </form>
      )}
      <p>
        {t('haveAccount')} <a href="#/login">{t('signIn')}</a>
      </p>
    </div>
  );
}
