import { Inject, Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import {
  ADMIN_SESSION_TTL_SECONDS,
  Authenticator,
  Caller,
  TokenService,
  UsersService,
} from '@runde/identity';
import { APP_CONFIG, AppConfig, AppError, RateLimitService } from '@runde/platform';
import { apiRateRules } from '../http/api-rate-limit.guard';

/** The cookie of the operator pages: sent by the browser to /admin only. */
export const ADMIN_SESSION_COOKIE = 'runde_admin';
const ADMIN_PATH = '/admin';

/**
 * Who may open the operator pages under /admin (the queue dashboard): platform administrators only, signed in as
 * everywhere else. Scripts send `Authorization: Bearer <access token>`; a browser, which cannot send that header on
 * a page navigation, first gets a short-lived session cookie from `POST /api/v1/admin-session`. No password is ever
 * checked here, and every request counts against the API's per-address limits before anything else.
 */
@Injectable()
export class AdminGate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly tokens: TokenService,
    private readonly users: UsersService,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Lets a request to /admin through, or throws 429, 401 (not signed in) or 403 (not an admin). */
  async check(req: { headers: IncomingHttpHeaders; ip: string; method: string }): Promise<Caller> {
    await this.limits.consumeAll(apiRateRules(this.config, req.method), `ip:${req.ip || 'unknown'}`);
    // Any other scheme (a browser may still send Basic credentials it remembers) counts as no header at all.
    const bearer = Authenticator.bearer(req.headers.authorization);
    const caller = bearer
      ? await this.authenticator.authenticate(bearer)
      : await this.sessionCaller(readCookie(req.headers.cookie, ADMIN_SESSION_COOKIE));
    this.assertAdmin(caller);
    return caller;
  }

  /** The `Set-Cookie` value that opens the operator pages to this admin for 15 minutes. */
  openSession(caller: Caller): string {
    this.assertAdmin(caller);
    return this.cookie(this.tokens.signAdminSession(caller.id), ADMIN_SESSION_TTL_SECONDS);
  }

  /** The `Set-Cookie` value that removes the session cookie. */
  closeSession(): string {
    return this.cookie('', 0);
  }

  private async sessionCaller(token: string | null): Promise<Caller> {
    if (!token) throw AppError.unauthorized('Platform administrators only: sign in first');
    return this.users.caller(this.tokens.verifyAdminSession(token));
  }

  private assertAdmin(caller: Caller): void {
    if (!caller.isAdmin) throw AppError.forbidden('Platform administrators only');
  }

  private cookie(value: string, maxAgeSeconds: number): string {
    const secure = this.config.NODE_ENV === 'production' ? '; Secure' : '';
    return `${ADMIN_SESSION_COOKIE}=${value}; Path=${ADMIN_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`;
  }
}

/** One cookie's value from a `Cookie` header; null when it is not there. */
function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
