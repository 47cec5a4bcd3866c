import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@runde/events';
import { UpdateMeDto } from '../dto/update-me.dto';
import { PasswordResetEntity } from '../entities/password-reset.entity';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';
import { UserEntity } from '../entities/user.entity';
import { OrganisationMembers } from '../organisations/organisation-members.service';
import { OwnPasswordCheck } from '../password/own-password-check';
import { PersonalDataRegistry } from '../privacy/personal-data';
import { UsersService } from '../users.service';

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

  view(userId: string) {
    return this.users.view(userId);
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
    return this.users.view(userId);
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

  async erase(userId: string, password: string): Promise<void> {
    // Throttled like sign-in: a stolen access token must not make guessing the password any faster.
    await this.ownPassword.verify(userId, password, 'PASSWORD_MISMATCH');
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
}
