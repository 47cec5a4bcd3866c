import { Injectable } from '@nestjs/common';
import type { Caller } from './caller';
import { TokenService } from './token.service';
import { UsersService } from '../users.service';

/** Turns an access token into the live caller. HTTP and the socket gateway both use this one path. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UsersService,
  ) {}

  async authenticate(token: unknown): Promise<Caller> {
    const { userId, sessionId } = this.tokens.verifyAccess(token);
    return this.users.caller(userId, sessionId);
  }

  /** Reads `Authorization: Bearer <token>`; null when the header is absent. */
  static bearer(header: unknown): string | null {
    if (typeof header !== 'string') return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    return match ? match[1] : '';
  }
}
