import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig, AppError } from '@runde/platform';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';

interface AccessClaims {
  sub: string;
  typ: 'access';
  /** The sign-in (refresh-token family) the token was issued for; absent in tokens of older versions. */
  sid?: string;
}

/** Whom an access token speaks for, and for which sign-in (null: a token without one). */
export interface AccessSubject {
  userId: string;
  sessionId: string | null;
}

interface AdminSessionClaims {
  sub: string;
  typ: 'admin-session';
}

/** The audience of an admin-session token: the operator pages under /admin, nothing else. */
const ADMIN_SESSION_AUDIENCE = 'runde:admin';

/** How long an admin session (the cookie of the operator pages) lasts: 15 minutes at most. */
export const ADMIN_SESSION_TTL_SECONDS = 15 * 60;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Verified access tokens kept (token → subject and expiry); when full, the memo starts over. */
const VERIFIED_MEMO_SIZE = 4096;

/** Short-lived access tokens (JWT) and rotating, family-tracked refresh tokens (opaque, stored hashed). */
@Injectable()
export class TokenService {
  /**
   * A token's signature is checked once: a verified token string keeps its subject until its own expiry, which is
   * checked on every use. (Each request still reads the account, so a deleted or disabled account ends at once.)
   */
  private readonly verified = new Map<string, AccessSubject & { exp: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  signAccess(userId: string, sessionId: string): { token: string; expiresAt: string } {
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const token = this.jwt.sign({ sub: userId, typ: 'access', sid: sessionId } satisfies AccessClaims, {
      expiresIn: ttl,
      algorithm: 'HS256',
    });
    return { token, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() };
  }

  /**
   * The user and sign-in of a valid access token; 401 for anything else (expired, forged, wrong type). Whether
   * the sign-in is still live is checked with the account on every request (UsersService.caller).
   */
  verifyAccess(token: unknown): AccessSubject {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096)
      throw AppError.unauthorized('Missing token');
    const known = this.verified.get(token);
    if (known && known.exp > Date.now()) return { userId: known.userId, sessionId: known.sessionId };
    try {
      const claims = this.jwt.verify<AccessClaims & { exp: number }>(token, { algorithms: ['HS256'] });
      if (claims.typ !== 'access' || typeof claims.sub !== 'string') throw new Error('wrong token type');
      if (claims.sid !== undefined && !(typeof claims.sid === 'string' && UUID.test(claims.sid)))
        throw new Error('malformed sign-in id');
      const subject = { userId: claims.sub, sessionId: claims.sid?.toLowerCase() ?? null };
      if (this.verified.size >= VERIFIED_MEMO_SIZE) this.verified.clear();
      this.verified.set(token, { ...subject, exp: claims.exp * 1000 });
      return subject;
    } catch {
      this.verified.delete(token);
      throw AppError.unauthorized('Invalid or expired token');
    }
  }

  /**
   * A token for the operator pages' cookie: own type and audience, so it is never taken for an access token nor an
   * access token for it. Whether its holder is still an admin is checked on every use, not here.
   */
  signAdminSession(userId: string): string {
    return this.jwt.sign({ sub: userId, typ: 'admin-session' } satisfies AdminSessionClaims, {
      expiresIn: ADMIN_SESSION_TTL_SECONDS,
      audience: ADMIN_SESSION_AUDIENCE,
      algorithm: 'HS256',
    });
  }

  /** The user id of a valid admin-session token; 401 for anything else (expired, forged, wrong type). */
  verifyAdminSession(token: unknown): string {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096)
      throw AppError.unauthorized('Missing admin session');
    try {
      const claims = this.jwt.verify<AdminSessionClaims>(token, {
        algorithms: ['HS256'],
        audience: ADMIN_SESSION_AUDIENCE,
      });
      if (claims.typ !== 'admin-session' || typeof claims.sub !== 'string')
        throw new Error('wrong token type');
      return claims.sub;
    } catch {
      throw AppError.unauthorized('Invalid or expired admin session');
    }
  }

  /** When an access token runs out (ms since epoch), read without verifying; null when it cannot be read. */
  expiryOf(token: string): number | null {
    const claims = this.jwt.decode<{ exp?: number } | null>(token);
    return typeof claims?.exp === 'number' ? claims.exp * 1000 : null;
  }

  /**
   * Starts a new refresh-token family (a sign-in) and returns a token pair. `familyId`: the sign-in's id when the
   * caller records it elsewhere too (single sign-on keeps the provider's session beside it).
   */
  async issue(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
    userAgent?: string,
    familyId: string = randomUUID(),
  ): Promise<TokenPair> {
    return this.issueInFamily(userId, familyId, manager, userAgent);
  }

  private async issueInFamily(
    userId: string,
    familyId: string,
    manager: EntityManager,
    userAgent?: string,
  ): Promise<TokenPair> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await manager.insert(RefreshTokenEntity, {
      id,
      userId,
      familyId,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    const access = this.signAccess(userId, familyId);
    return {
      accessToken: access.token,
      refreshToken: `${id}.${secret}`,
      accessTokenExpiresAt: access.expiresAt,
    };
  }

  /**
   * Rotates a refresh token: the presented one is used up, a new one of the same family is returned.
   * A token presented a second time means it was stolen or replayed: the whole family is revoked.
   */
  async rotate(presented: string, userAgent?: string): Promise<{ userId: string; pair: TokenPair }> {
    const parsed = parseRefreshToken(presented);
    if (!parsed) throw AppError.unauthorized('Invalid refresh token');
    const outcome = await this.dataSource.transaction(async (manager) => {
      const row = await manager
        .getRepository(RefreshTokenEntity)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.id = :id', { id: parsed.id })
        .getOne();
      if (!row || !safeEqual(row.tokenHash, sha256(parsed.secret))) return { kind: 'invalid' as const };
      if (row.usedAt || row.revokedAt) {
        await manager.update(
          RefreshTokenEntity,
          { familyId: row.familyId, revokedAt: IsNull() },
          { revokedAt: new Date() },
        );
        return { kind: 'reused' as const };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
      const user: Array<{ deleted_at: Date | null }> = await manager.query(
        `SELECT deleted_at FROM users WHERE id = $1`,
        [row.userId],
      );
      if (!user.length || user[0].deleted_at) return { kind: 'invalid' as const };
      await manager.update(RefreshTokenEntity, { id: row.id }, { usedAt: new Date() });
      const pair = await this.issueInFamily(row.userId, row.familyId, manager, userAgent);
      return { kind: 'ok' as const, userId: row.userId, pair };
    });
    if (outcome.kind === 'reused')
      throw AppError.unauthorized('Refresh token was already used; please sign in again');
    if (outcome.kind === 'invalid') throw AppError.unauthorized('Invalid refresh token');
    return { userId: outcome.userId, pair: outcome.pair };
  }

  /** Ends the sign-in the refresh token belongs to. Unknown tokens are ignored (logout is idempotent). */
  /** Ends the sign-in this refresh token belongs to; its id (the family), or null for a token that is none. */
  async revokeFamilyOf(presented: string): Promise<string | null> {
    const parsed = parseRefreshToken(presented);
    if (!parsed) return null;
    const row = await this.dataSource.getRepository(RefreshTokenEntity).findOneBy({ id: parsed.id });
    if (!row || !safeEqual(row.tokenHash, sha256(parsed.secret))) return null;
    await this.dataSource
      .getRepository(RefreshTokenEntity)
      .update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return row.familyId;
  }

  async revokeAllOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.delete(RefreshTokenEntity, { userId });
  }

  /**
   * Ends sign-ins of an account (all, or all but `except`): their refresh tokens fail from now on, and so do their
   * access tokens (the caller lookup checks the sign-in). Returns how many sign-ins ended.
   */
  async revokeFamilies(
    userId: string,
    options: { only?: string; except?: string | null } = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const rows = await manager.query<Array<{ ended: number }>>(
      `WITH ended AS (
         UPDATE refresh_tokens SET revoked_at = now()
          WHERE user_id = $1 AND revoked_at IS NULL
            AND ($2::uuid IS NULL OR family_id = $2) AND ($3::uuid IS NULL OR family_id <> $3)
         RETURNING family_id
       )
       SELECT count(DISTINCT family_id)::int AS ended FROM ended`,
      [userId, options.only ?? null, options.except ?? null],
    );
    return rows[0].ended;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const [id, secret, ...rest] = token.split('.');
  if (rest.length || !id || !secret || !UUID.test(id) || secret.length > 100) return null;
  return { id, secret };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
