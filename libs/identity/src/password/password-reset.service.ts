import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, AppError, RateLimitService } from '@runde/platform';
import { LoginThrottle } from '../auth/login-throttle';
import { PasswordHasher } from '../auth/password-hasher';
import { assertPasswordSignin } from '../auth/password-signin';
import { assertAcceptablePassword } from '../auth/password-policy';
import { ConfirmPasswordResetDto } from '../dto/confirm-password-reset.dto';
import { RequestPasswordResetDto } from '../dto/request-password-reset.dto';
import { PasswordResetEntity } from '../entities/password-reset.entity';
import { UserEntity } from '../entities/user.entity';
import { Mailer } from '../mail/mailer';
import { passwordChangedMail, passwordResetMail } from './password-mails';
import { PasswordService } from './password.service';

/** How long the link in a reset mail works. */
export const PASSWORD_RESET_TTL_MINUTES = 60;

/**
 * Requests per hour: from one network address (offices share one, so not too few), and for one e-mail address
 * (a mailbox is not flooded). Setting the password from a link: per network address.
 */
const REQUESTS_PER_IP = { name: 'password-reset-ip', limit: 30, windowSeconds: 3600 };
const REQUESTS_PER_EMAIL = { name: 'password-reset-email', limit: 5, windowSeconds: 3600 };
const CONFIRMS_PER_IP = { name: 'password-reset-confirm', limit: 30, windowSeconds: 3600 };

/** What every reset request is told, whether the address has an account or not. */
export const PASSWORD_RESET_ACCEPTED = {
  message: `If an account uses this address, a link to set a new password is on its way (valid for ${PASSWORD_RESET_TTL_MINUTES} minutes).`,
} as const;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

interface ResetTarget {
  email: string;
  display_name: string;
  locale: string;
}

/**
 * "Forgot your password": a mail with a single-use link that expires; only the token's hash is stored. A request
 * tells nothing about whether the address has an account: the same answer, the same work (a token, its hash and
 * one statement either way), and the mail goes out after the answer.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: RateLimitService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly passwords: PasswordService,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(dto: RequestPasswordResetDto, ip: string): Promise<typeof PASSWORD_RESET_ACCEPTED> {
    assertPasswordSignin(this.config);
    const email = dto.email.toLowerCase();
    await this.limits.consume(REQUESTS_PER_IP, ip);
    await this.limits.consume(REQUESTS_PER_EMAIL, email);
    const token = randomBytes(32).toString('base64url');
    const targets = await this.dataSource.query<ResetTarget[]>(
      `WITH target AS (
         SELECT id, email, display_name, locale FROM users WHERE email_normalized = $1 AND deleted_at IS NULL
       ), created AS (
         INSERT INTO password_resets (user_id, token_hash, expires_at)
         SELECT id, $2, now() + make_interval(mins => $3) FROM target
         RETURNING user_id
       )
       SELECT t.email, t.display_name, t.locale FROM target t JOIN created c ON c.user_id = t.id`,
      [email, sha256(token), PASSWORD_RESET_TTL_MINUTES],
    );
    const target = targets[0];
    if (target) {
      const link = this.mailer.link(`/password-reset?token=${token}`);
      const mail = passwordResetMail(
        { email: target.email, displayName: target.display_name, locale: target.locale },
        link,
        PASSWORD_RESET_TTL_MINUTES,
      );
      // Not awaited on purpose: the answer must not wait for the mail server, or its time would tell that the
      // address has an account. A mail lost to a crash is simply asked for again.
      void this.mailer.sendOrLog(mail);
    }
    return PASSWORD_RESET_ACCEPTED;
  }

  /** Sets the password from a link's token: uses the link up and ends every sign-in of the account. */
  async confirm(dto: ConfirmPasswordResetDto, ip: string): Promise<void> {
    assertPasswordSignin(this.config);
    await this.limits.consume(CONFIRMS_PER_IP, ip);
    const tokenHash = sha256(dto.token);
    const reset = await this.dataSource.getRepository(PasswordResetEntity).findOneBy({ tokenHash });
    const user = reset
      ? await this.dataSource.getRepository(UserEntity).findOneBy({ id: reset.userId })
      : null;
    if (!reset || !user || user.deletedAt) throw linkRefused('RESET_LINK_INVALID', 'This link is not valid');
    if (reset.usedAt) throw linkRefused('RESET_LINK_USED', 'This link has been used already');
    if (reset.expiresAt.getTime() <= Date.now())
      throw linkRefused('RESET_LINK_EXPIRED', 'This link has expired');
    assertAcceptablePassword(dto.newPassword, user.email, 'newPassword');
    const passwordHash = await this.hasher.hash(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      // Take the link first: of two confirmations at once, one sets the password, the other is refused.
      const taken = await manager.query<Array<{ id: string }>>(
        `WITH taken AS (
           UPDATE password_resets SET used_at = now()
            WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING id
         )
         SELECT id FROM taken`,
        [reset.id],
      );
      if (!taken.length) throw linkRefused('RESET_LINK_USED', 'This link has been used already');
      await this.passwords.setPassword(user.id, passwordHash, null, manager);
    });
    // Someone locked out by failed sign-ins can sign in with the new password at once.
    await this.throttle.recordSuccess(user.emailNormalized);
    this.logger.log({ userId: user.id }, 'password set from a reset link');
    await this.mailer.sendOrLog(passwordChangedMail(user, this.mailer.link('/login')));
  }
}

function linkRefused(reason: string, message: string): AppError {
  return AppError.validation(message, [{ field: 'token', messages: [message] }]).because(reason);
}
