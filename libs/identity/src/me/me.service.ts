import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@runde/events';
import { AppError } from '@runde/platform';
import type { Caller } from '../auth/caller';
import { UpdateMeDto } from '../dto/update-me.dto';
import { PasswordResetEntity } from '../entities/password-reset.entity';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';
import { UserEntity } from '../entities/user.entity';
import { OrganisationMembers } from '../organisations/organisation-members.service';
import { OwnPasswordCheck } from '../password/own-password-check';
import { PersonalDataRegistry } from '../privacy/personal-data';
import { userView, UsersService } from '../users.service';

/** How recent a sign-in through a provider confirms erasing an account without a password. */
export const RECENT_SIGN_IN_MINUTES = 10;

@Injectable()
export class MeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly ownPassword: OwnPasswordCheck,
    private readonly personalData: PersonalDataRegistry,
    private readonly uow: UnitOfWork,
    private readonly organisationMembers: OrganisationMembers,
  ) {}

  /** The user as everywhere, and whether the account has a password (accounts made by single sign-on do not). */
  async view(userId: string) {
    const user = await this.users.findActive(userId);
    if (!user) throw AppError.notFound('User');
    return { ...userView(user), passwordSet: !!user.passwordHash };
  }

  /**
   * `organisationId` is a request to belong (replacing open ones; another organisation than the confirmed one
   * means leaving it), not a label: the label is the confirmed organisation. `null` withdraws and leaves.
   */
  async update(userId: string, dto: UpdateMeDto) {
    const patch: Partial<UserEntity> = {};
    if (dto.displayName !== undefined) patch.displayName = dto.displayName;
    if (dto.locale !== undefined) patch.locale = dto.locale;
    if (Object.keys(patch).length || dto.organisationId !== undefined) {
      await this.uow.run(async (tx) => {
        if (dto.organisationId !== undefined)
          await this.organisationMembers.chooseIn(tx, userId, dto.organisationId);
        if (Object.keys(patch).length) await tx.manager.update(UserEntity, { id: userId }, patch);
      });
    }
    return this.view(userId);
  }

  async export(userId: string) {
    const profile = await this.users.view(userId);
    const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: userId });
    const sessions = await this.dataSource.getRepository(RefreshTokenEntity).find({
      where: { userId },
      order: { createdAt: 'ASC' },
    });
    const resets = await this.dataSource.getRepository(PasswordResetEntity).find({
      where: { userId },
      order: { createdAt: 'ASC' },
    });
    const parts: Record<string, unknown> = {};
    for (const contributor of this.personalData.list())
      parts[contributor.key] = await contributor.exportFor(userId);
    return {
      exportedAt: new Date().toISOString(),
      profile: { ...profile, createdAt: user.createdAt.toISOString() },
      sessions: sessions.map((s) => ({
        createdAt: s.createdAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        usedAt: s.usedAt?.toISOString() ?? null,
        revokedAt: s.revokedAt?.toISOString() ?? null,
        userAgent: s.userAgent,
      })),
      passwordResets: resets.map((r) => ({
        requestedAt: r.createdAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
        usedAt: r.usedAt?.toISOString() ?? null,
      })),
      ...parts,
    };
  }

  async erase(caller: Caller, password: string | undefined): Promise<void> {
    const userId = caller.id;
    await this.confirmErasure(caller, password);
    await this.uow.run(async (tx) => {
      // The account's row first: a notice being written about this person meanwhile (the worker reads the person
      // FOR SHARE) either finishes before — and its event is scrubbed below — or waits and reads the erased account.
      await tx.manager.query(`SELECT id FROM users WHERE id = $1 FOR UPDATE`, [userId]);
      for (const contributor of this.personalData.list()) await contributor.eraseFor(userId, tx);
      await tx.manager.delete(RefreshTokenEntity, { userId });
      await tx.manager.delete(PasswordResetEntity, { userId });
      await tx.manager.update(
        UserEntity,
        { id: userId },
        {
          email: `deleted-${userId}@invalid`,
          emailNormalized: `deleted-${userId}@invalid`,
          displayName: '',
          passwordHash: '',
          organisationId: null,
          isAdmin: false,
          deletedAt: new Date(),
        },
      );
    });
  }

  /**
   * Who erases must prove it is them, not only hold an access token: with the password (throttled like sign-in: a
   * stolen token must not make guessing it any faster), or — for an account without one, made by single sign-on,
   * perhaps where password sign-in is off — with this very session being a sign-in through the provider in the
   * last RECENT_SIGN_IN minutes (as "sudo mode" elsewhere: sign in again, then erase).
   */
  private async confirmErasure(caller: Caller, password: string | undefined): Promise<void> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { id: caller.id }, select: { id: true, passwordHash: true } });
    if (user?.passwordHash) {
      if (password === undefined)
        throw AppError.validation('Invalid request: password', [
          { field: 'password', messages: ['password is required for an account with a password'] },
        ]);
      await this.ownPassword.verify(caller.id, password, 'PASSWORD_MISMATCH');
      return;
    }
    const [recent] = caller.sessionId
      ? ((await this.dataSource.query(
          `SELECT 1 FROM oidc_sessions
            WHERE family_id = $1 AND user_id = $2 AND created_at > now() - make_interval(mins => $3)`,
          [caller.sessionId, caller.id, RECENT_SIGN_IN_MINUTES],
        )) as unknown[])
      : [];
    if (!recent)
      throw AppError.forbidden(
        `Sign in again through your sign-in service; then the account can be erased for ${RECENT_SIGN_IN_MINUTES} minutes`,
      ).because('RECENT_SIGN_IN_REQUIRED');
  }
}
