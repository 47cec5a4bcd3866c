import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@runde/events';
import { APP_CONFIG, AppConfig, AppError, RateLimitService } from '@runde/platform';
import type { UserView } from './caller';
import { UserEntity } from '../entities/user.entity';
import { RegisterDto } from '../dto/register.dto';
import { OrganisationMembers } from '../organisations/organisation-members.service';
import { LoginDto } from '../dto/login.dto';
import { userView } from '../users.service';
import { INVITATION_REDEEMER, InvitationRedeemer } from './invitation.port';
import { LoginThrottle } from './login-throttle';
import { assertAcceptablePassword } from './password-policy';
import { assertPasswordSignin } from './password-signin';
import { PasswordHasher } from './password-hasher';
import { TokenPair, TokenService } from './token.service';

export interface Session extends TokenPair {
  user: UserView;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly limits: RateLimitService,
    private readonly uow: UnitOfWork,
    private readonly organisationMembers: OrganisationMembers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(INVITATION_REDEEMER) private readonly invitations?: InvitationRedeemer,
  ) {}

  async register(dto: RegisterDto, ip: string, userAgent?: string): Promise<Session> {
    assertPasswordSignin(this.config);
    await this.limits.consume(
      { name: 'register', limit: this.config.REGISTER_RATE_LIMIT_PER_HOUR, windowSeconds: 3600 },
      ip,
    );
    assertAcceptablePassword(dto.password, dto.email);
    if (this.config.REGISTRATION_MODE === 'invite' && !dto.invitationToken) {
      throw AppError.forbidden('Registration is by invitation only').because('INVITATION_REQUIRED');
    }
    if (dto.invitationToken && !this.invitations)
      throw AppError.forbidden('Invitations are not available').because('INVITATIONS_UNAVAILABLE');
    const passwordHash = await this.hasher.hash(dto.password);
    const emailNormalized = dto.email.toLowerCase();
    const { user, pair } = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      // Serialises the check "is this the first account?" so exactly one first account becomes admin.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('runde:register'))`);
      if (await manager.existsBy(UserEntity, { emailNormalized })) {
        throw AppError.conflict('An account with this email exists already', [{ field: 'email' }]).because(
          'EMAIL_TAKEN',
        );
      }
      const isFirst = !(await manager.getRepository(UserEntity).exists());
      const created = await manager.save(
        manager.create(UserEntity, {
          email: dto.email,
          emailNormalized,
          passwordHash,
          displayName: dto.displayName,
          isAdmin: isFirst,
          organisationId: null,
          locale: dto.locale ?? 'de',
          deletedAt: null,
        }),
      );
      // The organisation named here is asked for; it shows next to the name once one of its admins confirms.
      if (dto.organisationId) await this.organisationMembers.chooseIn(tx, created.id, dto.organisationId);
      if (dto.invitationToken)
        await this.invitations!.redeem(dto.invitationToken, emailNormalized, created.id, tx);
      const pair = await this.tokens.issue(created.id, manager, userAgent);
      const user = await manager.findOneOrFail(UserEntity, {
        where: { id: created.id },
        relations: { organisation: true },
      });
      return { user, pair };
    });
    return { user: userView(user), ...pair };
  }

  async login(dto: LoginDto, ip: string, userAgent?: string): Promise<Session> {
    assertPasswordSignin(this.config);
    const email = dto.email.toLowerCase();
    const rule = { name: 'login', limit: this.config.LOGIN_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 };
    await this.limits.consume(rule, `${ip}:${email}`);
    await this.limits.consume({ ...rule, name: 'login-ip', limit: rule.limit * 10 }, ip);
    await this.throttle.assertAllowed(email);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { emailNormalized: email }, relations: { organisation: true } });
    const ok = await this.hasher.verify(user && !user.deletedAt ? user.passwordHash : null, dto.password);
    if (!user || user.deletedAt || !ok) {
      await this.throttle.recordFailure(email);
      throw AppError.unauthorized('Wrong email or password');
    }
    await this.throttle.recordSuccess(email);
    const pair = await this.tokens.issue(user.id, undefined, userAgent);
    return { user: userView(user), ...pair };
  }

  async refresh(refreshToken: string, ip: string, userAgent?: string): Promise<TokenPair> {
    await this.limits.consume({ name: 'refresh', limit: 60, windowSeconds: 60 }, ip);
    return (await this.tokens.rotate(refreshToken, userAgent)).pair;
  }

  async logout(refreshToken: string): Promise<void> {
    await this.tokens.revokeFamilyOf(refreshToken);
  }
}
