import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, AppError, RateLimitService, type OidcProviderConfig } from '@runde/platform';
import type { Session } from '../auth/auth.service';
import { LoginThrottle } from '../auth/login-throttle';
import { PasswordHasher } from '../auth/password-hasher';
import { UserEntity } from '../entities/user.entity';
import { OidcAccounts } from './oidc-accounts';
import { OidcClients } from './oidc-clients';
import { bindingHashOf, OidcPending, randomSecret, type ProviderIdentity } from './oidc-pending';

/** The cookie that ties a callback to the browser that started the sign-in (login CSRF). */
export const bindingCookieName = (providerId: string) => `runde_oidc_${providerId.replace(/-/g, '_')}`;
export const callbackPath = (providerId: string) => `/api/v1/auth/oidc/${providerId}/callback`;

/** Where the browser client picks up the outcome (`code` or `error`). */
const DONE_ROUTE = '/#/auth/oidc-done';

export interface Redirect {
  location: string;
  cookie?: string;
}

/**
 * Sign-in with an identity provider, authorization code flow with PKCE (openid-client): the redirect to the
 * provider (state and nonce kept server-side, bound to the browser by a cookie), the callback (code exchange and
 * ID-token validation: issuer, audience, signature, nonce), and the browser's exchange of the one-time code for
 * runde's own sign-in — or the linking step that proves an existing account's password first.
 */
@Injectable()
export class OidcSignIn {
  private readonly log = new Logger(OidcSignIn.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clients: OidcClients,
    private readonly pending: OidcPending,
    private readonly accounts: OidcAccounts,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  providers(): { items: Array<{ id: string; displayName: string }>; passwordSignin: boolean } {
    return {
      items: this.clients.list().map((p) => ({ id: p.id, displayName: p.displayName })),
      passwordSignin: this.config.PASSWORD_SIGNIN === 'on',
    };
  }

  async start(providerId: string, requestBase: string, ip: string): Promise<Redirect> {
    const provider = this.clients.provider(providerId);
    await this.limits.consume({ name: 'oidc-start', limit: 30, windowSeconds: 60 }, ip);
    const configuration = await this.clients.configuration(provider);
    const baseUrl = this.baseUrl(requestBase);
    const redirectUri = `${baseUrl}${callbackPath(provider.id)}`;
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const binding = randomSecret();
    await this.pending.saveLogin(state, {
      providerId: provider.id,
      nonce,
      codeVerifier,
      redirectUri,
      baseUrl,
      bindingHash: bindingHashOf(binding),
    });
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: ['openid', ...provider.scopes].join(' '),
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    const secure = baseUrl.startsWith('https:') ? '; Secure' : '';
    return {
      location: url.href,
      cookie: `${bindingCookieName(provider.id)}=${binding}; Path=${callbackPath(provider.id)}; Max-Age=600; HttpOnly; SameSite=Lax${secure}`,
    };
  }

  /**
   * The provider sends the browser back here. Always answers with a redirect to the browser client: `code` for the
   * next step, or `error` with a reason it explains (the cookie is cleared either way).
   */
  async callback(
    providerId: string,
    query: string,
    cookieHeader: string | undefined,
    requestBase: string,
    ip: string,
  ): Promise<Redirect> {
    const provider = this.clients.provider(providerId);
    const clear = `${bindingCookieName(provider.id)}=; Path=${callbackPath(provider.id)}; Max-Age=0; HttpOnly; SameSite=Lax`;
    let base = this.baseUrl(requestBase);
    try {
      await this.limits.consume({ name: 'oidc-callback', limit: 30, windowSeconds: 60 }, ip);
      const params = new URLSearchParams(query);
      const state = params.get('state');
      if (params.get('error') && !state)
        throw AppError.unauthorized('The provider refused').because('OIDC_PROVIDER_ERROR');
      if (!state || state.length > 200) throw invalidState();
      const login = await this.pending.takeLogin(state);
      if (!login || login.providerId !== provider.id) throw invalidState();
      base = login.baseUrl;
      const binding = readCookie(cookieHeader, bindingCookieName(provider.id));
      if (!binding || bindingHashOf(binding) !== login.bindingHash) throw invalidState();
      if (params.get('error')) {
        const reason = params.get('error') === 'access_denied' ? 'OIDC_CANCELLED' : 'OIDC_PROVIDER_ERROR';
        throw AppError.unauthorized('The provider refused').because(reason);
      }
      const identity = await this.identify(provider, login, query, state);
      const handoff = await this.accounts.resolve(identity);
      const code = await this.pending.saveHandoff(handoff);
      return { location: `${base}${DONE_ROUTE}?code=${encodeURIComponent(code)}`, cookie: clear };
    } catch (error) {
      const reason = error instanceof AppError ? (error.reason ?? error.code) : 'OIDC_FAILED';
      if (!(error instanceof AppError))
        this.log.error({ err: error, provider: provider.id }, 'oidc callback failed');
      return { location: `${base}${DONE_ROUTE}?error=${encodeURIComponent(reason)}`, cookie: clear };
    }
  }

  /** The one-time code → runde's sign-in; 409 OIDC_LINK_REQUIRED when the account's password must be proven. */
  async exchange(code: string, ip: string, userAgent?: string): Promise<Session> {
    await this.limits.consume({ name: 'oidc-exchange', limit: 30, windowSeconds: 60 }, ip);
    const handoff = await this.pending.readHandoff(code);
    if (!handoff) throw invalidCode();
    if (handoff.kind === 'link') {
      const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: handoff.userId });
      throw AppError.conflict('An account with this e-mail exists: prove its password to link it', [
        {
          email: user?.email ?? handoff.identity.email,
          provider: this.clients.provider(handoff.identity.providerId).displayName,
        },
      ]).because('OIDC_LINK_REQUIRED');
    }
    if (!(await this.pending.takeHandoff(code))) throw invalidCode();
    return this.accounts.signIn(handoff, userAgent);
  }

  /** The linking step: the existing account's password, then the provider's subject is linked and signs in. */
  async link(code: string, password: string, ip: string, userAgent?: string): Promise<Session> {
    const rule = { name: 'login', limit: this.config.LOGIN_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 };
    await this.limits.consume({ ...rule, name: 'login-ip', limit: rule.limit * 10 }, ip);
    const handoff = await this.pending.readHandoff(code);
    if (!handoff) throw invalidCode();
    if (handoff.kind !== 'link')
      throw AppError.conflict('This sign-in needs no linking').because('OIDC_LINK_NOT_NEEDED');
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: handoff.userId });
    const email = user?.emailNormalized ?? '';
    await this.limits.consume(rule, `${ip}:${email}`);
    // The same counter as password sign-in: linking is no faster way to guess the password.
    await this.throttle.assertAllowed(email);
    const ok = await this.hasher.verify(user && !user.deletedAt ? user.passwordHash : null, password);
    if (!ok) {
      await this.throttle.recordFailure(email);
      throw AppError.unauthorized('Wrong password').because('WRONG_PASSWORD');
    }
    await this.throttle.recordSuccess(email);
    if (!(await this.pending.takeHandoff(code))) throw invalidCode();
    return this.accounts.linkAndSignIn(handoff, userAgent);
  }

  /** Code exchange and ID-token validation (openid-client), then the mapped claims. */
  private async identify(
    provider: OidcProviderConfig,
    login: { nonce: string; codeVerifier: string; redirectUri: string },
    query: string,
    state: string,
  ): Promise<ProviderIdentity> {
    const configuration = await this.clients.configuration(provider);
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, new URL(`${login.redirectUri}?${query}`), {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      this.log.warn({ provider: provider.id, err: describe(error) }, 'oidc code exchange refused');
      throw AppError.unauthorized('The sign-in could not be confirmed').because(
        error instanceof client.ResponseBodyError ? 'OIDC_PROVIDER_ERROR' : 'OIDC_TOKEN_INVALID',
      );
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw AppError.unauthorized('No ID token').because('OIDC_TOKEN_INVALID');
    let claims: Record<string, unknown> = { ...idClaims };
    const { name, email, groups } = provider.claims;
    if (claims[email] === undefined || claims[name] === undefined || claims[groups] === undefined) {
      try {
        const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        claims = { ...info, ...claims };
      } catch (error) {
        this.log.warn({ provider: provider.id, err: describe(error) }, 'oidc userinfo failed');
      }
    }
    const mail = claims[email];
    if (typeof mail !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(mail) || mail.length > 254)
      throw AppError.unauthorized('The provider gave no e-mail address').because('OIDC_EMAIL_MISSING');
    if (claims.email_verified === false)
      throw AppError.unauthorized('The provider has not verified the e-mail address').because(
        'OIDC_EMAIL_UNVERIFIED',
      );
    const rawGroups = claims[groups];
    return {
      providerId: provider.id,
      subject: idClaims.sub,
      sid: typeof idClaims.sid === 'string' ? idClaims.sid : null,
      email: mail,
      name: typeof claims[name] === 'string' ? claims[name] : '',
      groups: (Array.isArray(rawGroups)
        ? rawGroups
        : typeof rawGroups === 'string'
          ? [rawGroups]
          : []
      ).filter((g): g is string => typeof g === 'string'),
    };
  }

  private baseUrl(requestBase: string): string {
    return publicBase(this.config, requestBase);
  }
}

/** PUBLIC_URL when set (production requires it), else where the request came to (development, tests). */
export function publicBase(config: AppConfig, requestBase: string): string {
  return (config.PUBLIC_URL ?? requestBase).replace(/\/+$/, '');
}

const invalidState = () =>
  AppError.unauthorized('The sign-in expired or was started elsewhere; please start again').because(
    'OIDC_STATE_INVALID',
  );
const invalidCode = () =>
  AppError.unauthorized('The sign-in code is invalid, used or expired; please sign in again').because(
    'OIDC_CODE_INVALID',
  );

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    return `${error.name}${code ? ` ${code}` : ''}: ${error.message}`;
  }
  return String(error);
}
