import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, AppError, RateLimitService } from '@runde/platform';
import { LoginThrottle } from '../auth/login-throttle';
import { PasswordHasher } from '../auth/password-hasher';
import { UserEntity } from '../entities/user.entity';

/**
 * A signed-in person confirms an action with their password (changing it, erasing the account). Throttled like
 * sign-in, and on the same counters: a stolen access token is no faster way to guess the password than the
 * sign-in form — per account per minute (LOGIN_RATE_LIMIT_PER_MINUTE), and failures here lock sign-in too.
 */
@Injectable()
export class OwnPasswordCheck {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The account when `password` is its password; `403` with `reason` when not (`PASSWORD_NOT_SET` for an account
   * without one), `429` when throttled.
   */
  async verify(userId: string, password: string, reason: string): Promise<UserEntity> {
    await this.limits.consume(
      { name: 'own-password', limit: this.config.LOGIN_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 },
      userId,
    );
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user || user.deletedAt) throw AppError.unauthorized('Account no longer exists');
    // An account made by single sign-on has no password until one is set with "forgot password": nothing to
    // guess, so no failure is counted against sign-in.
    if (!user.passwordHash)
      throw AppError.forbidden(
        'This account has no password: it signs in through a sign-in service. Set one with "forgot password" first',
      ).because('PASSWORD_NOT_SET');
    await this.throttle.assertAllowed(user.emailNormalized);
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      await this.throttle.recordFailure(user.emailNormalized);
      throw AppError.forbidden('Password does not match').because(reason);
    }
    await this.throttle.recordSuccess(user.emailNormalized);
    return user;
  }
}
