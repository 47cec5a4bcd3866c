import { useState } from 'preact/hooks';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { FormError, TextField, useAction } from '../components/common';
import { HttpError } from '../lib/api';
import { t, useLocale } from '../lib/i18n';
import { navigate } from '../lib/router';

/** A request of the signed-out pages (no token to send); a refusal is the api's HttpError. */
async function publicPost(path: string, body: unknown): Promise<void> {
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await HttpError.from(res);
}

/** "Forgot your password": asks for a link by mail. The answer is the same whether the address has an account. */
export function ForgotPasswordScreen() {
  useLocale();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const action = useAction(async () => {
    const address = email.trim();
    await publicPost('/auth/password-reset', { email: address });
    setSentTo(address);
  });
  return (
    <div class="auth-card">
      <h1>{t('forgotTitle')}</h1>
      {sentTo ? (
        <p class="notice" role="status">
          {t('forgotSent', { email: sentTo })}
        </p>
      ) : (
        <>
          <p class="muted">{t('forgotIntro')}</p>
          <form
            class="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void action.run();
            }}
          >
            <TextField
              id="forgot-email"
              label={t('email')}
              type="email"
              autoComplete="username"
              required
              maxLength={254}
              value={email}
              onValue={setEmail}
            />
            <FormError error={action.error} />
            <button type="submit" class="primary" disabled={action.busy}>
              {t('forgotSubmit')}
            </button>
          </form>
        </>
      )}
      <p>
        <a href="#/login">{t('backToSignIn')}</a>
      </p>
    </div>
  );
}

const LINK_REASONS = new Set(['RESET_LINK_INVALID', 'RESET_LINK_USED', 'RESET_LINK_EXPIRED']);

/** The page of the link in the mail: sets a new password with the link's token, then on to sign-in. */
export function ResetPasswordScreen({ token }: { token: string }) {
  useLocale();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction(async () => {
    if (password !== repeat) throw new Error(t('passwordsDiffer'));
    await publicPost('/auth/password-reset/confirm', { token, newPassword: password });
    setDone(true);
  });
  // The link is used up (or was never valid): asking for a new one is the way on.
  const linkRefused = action.error instanceof HttpError && LINK_REASONS.has(action.error.reason ?? '');
  if (done) {
    return (
      <div class="auth-card">
        <h1>{t('resetTitle')}</h1>
        <p class="notice" role="status">
          {t('resetDone')}
        </p>
        <p>
          {/* Replaces the page of the link: the token leaves the address bar and the history. */}
          <a
            href="#/login"
            class="button primary"
            onClick={(e) => {
              e.preventDefault();
              navigate('/login', true);
            }}
          >
            {t('signIn')}
          </a>
        </p>
      </div>
    );
  }
  return (
    <div class="auth-card">
      <h1>{t('resetTitle')}</h1>
      <p class="muted">{t('resetIntro')}</p>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run();
        }}
      >
        <NewPasswordFields
          ids={['reset-password', 'reset-password-repeat']}
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
        />
        <FormError error={action.error} />
        {linkRefused && (
          <p>
            <a href="#/password-reset">{t('requestNewLink')}</a>
          </p>
        )}
        <button type="submit" class="primary" disabled={action.busy}>
          {t('resetSubmit')}
        </button>
      </form>
      <p>
        <a href="#/login">{t('backToSignIn')}</a>
      </p>
    </div>
  );
}
