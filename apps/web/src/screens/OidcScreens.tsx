import { useEffect, useRef, useState } from 'preact/hooks';
import { FormError, TextField, useAction } from '../components/common';
import { HttpError } from '../lib/api';
import { t, useLocale, type MessageKey } from '../lib/i18n';
import { navigate } from '../lib/router';
import { session } from '../lib/session';

export interface SignInOptions {
  providers: Array<{ id: string; displayName: string }>;
  passwordSignin: boolean;
}

/** The identity providers and whether password sign-in is on (GET /api/v1/auth/oidc); null while loading. */
export function useSignInOptions(): SignInOptions | null {
  const [options, setOptions] = useState<SignInOptions | null>(null);
  useEffect(() => {
    void fetch('/api/v1/auth/oidc')
      .then((r) => (r.ok ? r.json() : { items: [], passwordSignin: true }))
      .then((b: { items: SignInOptions['providers']; passwordSignin: boolean }) =>
        setOptions({ providers: b.items, passwordSignin: b.passwordSignin }),
      )
      .catch(() => setOptions({ providers: [], passwordSignin: true }));
  }, []);
  return options;
}

/** "Anmelden mit <Anbieter>": a page navigation to the provider (through runde's login route). */
export function ProviderButtons({ providers }: { providers: SignInOptions['providers'] }) {
  useLocale();
  if (providers.length === 0) return null;
  return (
    <nav class="stack" aria-label={t('ssoProvidersLabel')}>
      {providers.map((p) => (
        <a
          key={p.id}
          class="button-link sso-button"
          href={`/api/v1/auth/oidc/${encodeURIComponent(p.id)}/login`}
        >
          {t('ssoSignInWith', { provider: p.displayName })}
        </a>
      ))}
    </nav>
  );
}

function ssoErrorText(reason: string | null | undefined): string {
  const key = `ssoError_${reason ?? ''}` as MessageKey;
  const text = t(key);
  return text === key ? t('ssoError_other') : text;
}

function reasonOf(error: unknown): string | undefined {
  return error instanceof HttpError ? (error.reason ?? error.code) : undefined;
}

/**
 * Where runde's callback sends the browser (`#/auth/oidc-done?code=…` or `?error=…`): the code is traded for the
 * session at once; when an existing account must be linked, its password is asked for first. The code leaves the
 * address bar as soon as it is read.
 */
export function OidcDoneScreen({ query }: { query: URLSearchParams }) {
  useLocale();
  const [code] = useState(() => query.get('code'));
  const [failure, setFailure] = useState<string | null>(() =>
    code ? null : (query.get('error') ?? 'other'),
  );
  const [link, setLink] = useState<{ email: string; provider: string } | null>(null);
  const [password, setPassword] = useState('');
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    // Out of the address bar and the history: the code is one-time, but need not be seen.
    window.history.replaceState(null, '', '#/auth/oidc-done');
    if (!code) return;
    session.signInWithProvider('session', { code }).then(
      () => navigate('/', true),
      (error: unknown) => {
        if (error instanceof HttpError && error.reason === 'OIDC_LINK_REQUIRED') {
          const details = (error.details as Array<{ email: string; provider: string }> | undefined)?.[0];
          setLink(details ?? { email: '', provider: '' });
        } else setFailure(reasonOf(error) ?? 'other');
      },
    );
  }, [code]);

  const linking = useAction(async () => {
    try {
      await session.signInWithProvider('link', { code: code!, password });
    } catch (error) {
      const reason = reasonOf(error);
      if (reason === 'WRONG_PASSWORD') throw new Error(t('ssoWrongPassword'), { cause: error });
      if (reason === 'OIDC_CODE_INVALID' || reason === 'OIDC_ALREADY_LINKED') {
        setFailure(reason);
        return;
      }
      throw new Error(ssoErrorText(reason), { cause: error });
    }
    navigate('/', true);
  });

  if (failure) {
    return (
      <div class="auth-card">
        <h1>{t('ssoErrorTitle')}</h1>
        <p class="notice" role="alert">
          {ssoErrorText(failure)}
        </p>
        <p>
          <a href="#/login">{t('ssoBackToSignIn')}</a>
        </p>
      </div>
    );
  }
  if (link) {
    return (
      <div class="auth-card">
        <h1>{t('ssoLinkTitle')}</h1>
        <p>{t('ssoLinkIntro', { email: link.email, provider: link.provider })}</p>
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void linking.run();
          }}
        >
          <TextField
            id="sso-link-password"
            label={t('password')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
          />
          <FormError error={linking.error} />
          <button type="submit" class="primary" disabled={linking.busy}>
            {t('ssoLinkSubmit')}
          </button>
        </form>
        <p>
          <a href="#/login">{t('ssoBackToSignIn')}</a>
        </p>
      </div>
    );
  }
  return (
    <div class="auth-card">
      <h1>{t('ssoDoneTitle')}</h1>
      <p role="status">{t('ssoSigningIn')}</p>
    </div>
  );
}
