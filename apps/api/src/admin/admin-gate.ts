import { Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { DataSource } from 'typeorm';
import { Authenticator, PasswordHasher, UserEntity } from '@runde/identity';
import { AppError } from '@runde/platform';

/**
 * Who may open the operator pages under /admin (the queue dashboard): platform administrators only.
 * Browsers sign in with HTTP Basic (email and password, over HTTPS in production); scripts may send a Bearer token.
 */
@Injectable()
export class AdminGate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly hasher: PasswordHasher,
    private readonly dataSource: DataSource,
  ) {}

  async check(req: { headers: IncomingHttpHeaders }): Promise<void> {
    const header = req.headers.authorization ?? '';
    if (/^Bearer /i.test(header)) {
      const caller = await this.authenticator.authenticate(Authenticator.bearer(header));
      if (!caller.isAdmin) throw AppError.forbidden('Platform administrators only');
      return;
    }
    const basic = /^Basic\s+(\S+)$/i.exec(header);
    if (!basic) throw AppError.unauthorized('Platform administrators only');
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const email = decoded.slice(0, colon).trim().toLowerCase();
    const password = decoded.slice(colon + 1);
    const user =
      colon > 0
        ? await this.dataSource.getRepository(UserEntity).findOneBy({ emailNormalized: email })
        : null;
    const ok = await this.hasher.verify(user && !user.deletedAt ? user.passwordHash : null, password);
    if (!user || !ok) throw AppError.unauthorized('Platform administrators only');
    if (!user.isAdmin) throw AppError.forbidden('Platform administrators only');
  }
}
