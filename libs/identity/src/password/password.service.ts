import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppError } from '@runde/platform';
import type { Caller } from '../auth/caller';
import { PasswordHasher } from '../auth/password-hasher';
import { assertAcceptablePassword } from '../auth/password-policy';
import { TokenService } from '../auth/token.service';
import { ChangePasswordDto } from '../dto/change-password.dto';
import { PasswordResetEntity } from '../entities/password-reset.entity';
import { UserEntity } from '../entities/user.entity';
import { Mailer } from '../mail/mailer';
import { OwnPasswordCheck } from './own-password-check';
import { passwordChangedMail } from './password-mails';

/** A signed-in person changes their password with the current one; their other sign-ins end. */
@Injectable()
export class PasswordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly check: OwnPasswordCheck,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly mailer: Mailer,
  ) {}

  async change(caller: Caller, dto: ChangePasswordDto): Promise<void> {
    const user = await this.check.verify(caller.id, dto.currentPassword, 'CURRENT_PASSWORD_WRONG');
    if (dto.newPassword === dto.currentPassword) {
      throw AppError.validation('The new password is the current one', [
        { field: 'newPassword', messages: ['newPassword must differ from currentPassword'] },
      ]).because('PASSWORD_UNCHANGED');
    }
    assertAcceptablePassword(dto.newPassword, user.email, 'newPassword');
    await this.setPassword(user.id, await this.hasher.hash(dto.newPassword), caller.sessionId ?? null);
    await this.mailer.sendOrLog(passwordChangedMail(user, this.mailer.link('/login')));
  }

  /**
   * Stores a new password hash and ends the account's sign-ins but `keep` (null: all of them); open reset links
   * are used up, since the person now knows their password.
   */
  async setPassword(
    userId: string,
    passwordHash: string,
    keep: string | null,
    manager?: EntityManager,
  ): Promise<void> {
    if (!manager)
      return this.dataSource.transaction((tx) => this.setPassword(userId, passwordHash, keep, tx));
    await manager.update(UserEntity, { id: userId }, { passwordHash });
    await manager.update(PasswordResetEntity, { userId, usedAt: IsNull() }, { usedAt: new Date() });
    await this.tokens.revokeFamilies(userId, { except: keep }, manager);
  }
}
