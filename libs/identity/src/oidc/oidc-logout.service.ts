import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import * as client from 'openid-client';
import { DataSource } from 'typeorm';
import { streamName, UnitOfWork } from '@runde/events';
import { APP_CONFIG, AppConfig, AppError, prepared, type OidcProviderConfig } from '@runde/platform';
import { TokenService } from '../auth/token.service';
import { OidcClients } from './oidc-clients';
import { OidcPending } from './oidc-pending';
import { publicBase } from './oidc-sign-in.service';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** Logout tokens older than this are refused (their ids are remembered for as long). */
const MAX_TOKEN_AGE_SECONDS = 10 * 60;

/**
 * Back-channel logout (OpenID Connect Back-Channel Logout 1.0): the provider posts a logout token naming a
 * session (`sid`) or a person (`sub`); once it is valid (signature by the provider's keys, iss, aud, iat, jti,
 * the events claim, no nonce, not seen before), runde's sign-ins made through that session or person end as
 * signing out a device does: refresh tokens fail, access tokens fail at once, live sockets close (`session.ended`).
 */
@Injectable()
export class OidcLogout {
  private readonly log = new Logger(OidcLogout.name);
  private readonly keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly tokens: TokenService,
    private readonly clients: OidcClients,
    private readonly pending: OidcPending,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Signing out (OpenID Connect RP-Initiated Logout 1.0): ends runde's sign-in as /auth/logout does and, when it
   * was made through a provider, answers where to send the browser so that the provider's session ends too — its
   * end-session endpoint with runde's client_id and PUBLIC_URL/ to come back to (register it at the provider as a
   * post-logout redirect URI). Otherwise the next person at a shared office computer would be signed in by the
   * provider without being asked. `url` is null after a password sign-in, for an unknown token, and when the
   * provider has no end-session endpoint or does not answer (runde's sign-in has ended all the same).
   */
  async endSession(refreshToken: string, requestBase: string): Promise<{ url: string | null }> {
    const familyId = await this.tokens.revokeFamilyOf(refreshToken);
    if (!familyId) return { url: null };
    const [session] = await prepared<{ provider_id: string }>(
      this.dataSource.manager,
      `DELETE FROM oidc_sessions WHERE family_id = $1 RETURNING provider_id`,
      [familyId],
    );
    const provider = session && this.clients.list().find((p) => p.id === session.provider_id);
    if (!provider) return { url: null };
    try {
      const configuration = await this.clients.configuration(provider);
      if (!configuration.serverMetadata().end_session_endpoint) return { url: null };
      const url = client.buildEndSessionUrl(configuration, {
        post_logout_redirect_uri: `${publicBase(this.config, requestBase)}/`,
      });
      return { url: url.href };
    } catch (error) {
      this.log.warn({ provider: provider.id, err: String(error) }, 'no end-session URL from the provider');
      return { url: null };
    }
  }

  /** Returns how many runde sign-ins ended. */
  async backchannel(providerId: string, logoutToken: unknown): Promise<number> {
    const provider = this.clients.provider(providerId);
    if (typeof logoutToken !== 'string' || logoutToken.length === 0 || logoutToken.length > 8192)
      throw refused('logout_token is required');
    const claims = await this.verify(provider, logoutToken);
    const sid = typeof claims.sid === 'string' ? claims.sid : null;
    const sub = typeof claims.sub === 'string' ? claims.sub : null;
    const rows = await this.dataSource.query<Array<{ family_id: string; user_id: string }>>(
      `SELECT family_id, user_id FROM oidc_sessions
        WHERE provider_id = $1 AND ($2::text IS NULL OR sid = $2) AND ($3::text IS NULL OR subject = $3)`,
      [provider.id, sid, sub],
    );
    const byUser = new Map<string, string[]>();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.family_id]);
    let ended = 0;
    for (const [userId, families] of byUser) {
      await this.uow.run(async (tx) => {
        for (const familyId of families)
          ended += await this.tokens.revokeFamilies(userId, { only: familyId }, tx.manager);
        await tx.manager.query(`DELETE FROM oidc_sessions WHERE family_id = ANY($1::uuid[])`, [families]);
        tx.append(streamName('user', userId), 'session.ended', { userId, sessionIds: families }, userId);
      });
    }
    this.log.log({ provider: provider.id, sessions: ended }, 'back-channel logout');
    return ended;
  }

  private async verify(provider: OidcProviderConfig, token: string): Promise<JWTPayload> {
    const metadata = (await this.clients.configuration(provider)).serverMetadata();
    if (!metadata.jwks_uri) throw AppError.unavailable('The provider publishes no keys');
    let keys = this.keySets.get(provider.id);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: 10_000 });
      this.keySets.set(provider.id, keys);
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: metadata.issuer,
        audience: provider.clientId,
        algorithms: (metadata.id_token_signing_alg_values_supported ?? ['RS256']).filter(
          (alg) => alg !== 'none' && !alg.startsWith('HS'),
        ),
        requiredClaims: ['iat', 'jti', 'events'],
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      }));
    } catch (error) {
      this.log.warn({ provider: provider.id, err: String(error) }, 'logout token refused');
      throw refused('the logout token is invalid');
    }
    const events = payload.events as Record<string, unknown> | undefined;
    const event = events && typeof events === 'object' ? events[BACKCHANNEL_EVENT] : undefined;
    if (!event || typeof event !== 'object' || Array.isArray(event))
      throw refused('the logout token has no back-channel logout event');
    if (payload.nonce !== undefined) throw refused('a logout token carries no nonce');
    if (typeof payload.sid !== 'string' && typeof payload.sub !== 'string')
      throw refused('the logout token names neither sid nor sub');
    if (typeof payload.jti !== 'string' || payload.jti.length > 255)
      throw refused('the logout token has no jti');
    if (!(await this.pending.firstUseOfLogoutToken(provider.id, payload.jti, MAX_TOKEN_AGE_SECONDS * 2)))
      throw refused('the logout token was used before');
    return payload;
  }
}

function refused(message: string): AppError {
  return AppError.validation(`Back-channel logout refused: ${message}`).because('OIDC_LOGOUT_TOKEN_INVALID');
}
