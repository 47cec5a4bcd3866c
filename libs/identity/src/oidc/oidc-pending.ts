import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppError, REDIS, RedisKeys } from '@runde/platform';

/** A sign-in started at a provider, kept until its callback (one use, 10 minutes). */
export interface PendingLogin {
  providerId: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  /** The base URL the browser came from, where the callback sends it back to. */
  baseUrl: string;
  /** sha256 of the browser-binding cookie set with the redirect: the callback must come from the same browser. */
  bindingHash: string;
}

/** What the provider said about the person, kept between the callback and the browser's exchange. */
export interface ProviderIdentity {
  providerId: string;
  subject: string;
  sid: string | null;
  email: string;
  name: string;
  groups: string[];
}

/**
 * The callback's outcome, handed to the browser as a one-time code: a sign-in ready to be issued, or an existing
 * password account that the person must first prove theirs (linking).
 */
export type Handoff =
  | { kind: 'session'; userId: string; identity: ProviderIdentity }
  | { kind: 'link'; userId: string; identity: ProviderIdentity };

const LOGIN_TTL_SECONDS = 10 * 60;
/** Long enough to type a password in the linking step; the code is still usable only once. */
const HANDOFF_TTL_SECONDS = 5 * 60;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const randomSecret = () => randomBytes(32).toString('base64url');

/** Short-lived single sign-on state in Redis (shared by every api process); codes are stored only as hashes. */
@Injectable()
export class OidcPending {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async saveLogin(state: string, login: PendingLogin): Promise<void> {
    await this.redis
      .set(this.keys.key('oidc-state', sha256(state)), JSON.stringify(login), 'EX', LOGIN_TTL_SECONDS)
      .catch(() => {
        throw AppError.unavailable();
      });
  }

  /** The pending sign-in of a state, once; null when unknown, used or expired. */
  async takeLogin(state: string): Promise<PendingLogin | null> {
    return parse<PendingLogin>(await this.redis.getdel(this.keys.key('oidc-state', sha256(state))));
  }

  /** Stores the outcome and returns the one-time code for the browser. */
  async saveHandoff(handoff: Handoff): Promise<string> {
    const code = randomSecret();
    await this.redis.set(this.handoffKey(code), JSON.stringify(handoff), 'EX', HANDOFF_TTL_SECONDS);
    return code;
  }

  /** Reads an outcome without using up its code (the linking step asks for the password first). */
  async readHandoff(code: string): Promise<Handoff | null> {
    return parse<Handoff>(await this.redis.get(this.handoffKey(code)));
  }

  /** Uses up a code: only one of two concurrent requests gets the outcome. */
  async takeHandoff(code: string): Promise<Handoff | null> {
    return parse<Handoff>(await this.redis.getdel(this.handoffKey(code)));
  }

  /** Remembers a back-channel logout token's id until it expires; false when it was seen already (a replay). */
  async firstUseOfLogoutToken(providerId: string, jti: string, ttlSeconds: number): Promise<boolean> {
    const key = this.keys.key('oidc-logout-jti', providerId, sha256(jti));
    return (await this.redis.set(key, '1', 'EX', Math.max(1, ttlSeconds), 'NX')) === 'OK';
  }

  private handoffKey(code: string): string {
    return this.keys.key('oidc-handoff', sha256(code));
  }
}

export const bindingHashOf = sha256;

function parse<T>(raw: string | null): T | null {
  return raw ? (JSON.parse(raw) as T) : null;
}
