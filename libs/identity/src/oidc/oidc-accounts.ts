import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UnitOfWork } from '@runde/events';
import { AppError } from '@runde/platform';
import type { Session } from '../auth/auth.service';
import { TokenService } from '../auth/token.service';
import { UserEntity } from '../entities/user.entity';
import { userView } from '../users.service';
import { OidcClients } from './oidc-clients';
import { OidcIdentityEntity } from './oidc-identity.entity';
import type { Handoff, ProviderIdentity } from './oidc-pending';
import { OidcRoles } from './oidc-roles';
import { OidcSessionEntity } from './oidc-session.entity';

/**
 * Which runde account a provider's person is: the one linked to their subject; else a new one (name and e-mail
 * from the claims); else, when an account with that e-mail has a password, that account once the person proves
 * the password (linking). Issues runde's own sign-in (the refresh-token family password sign-in gives), recording
 * the provider's session beside it for back-channel logout.
 */
@Injectable()
export class OidcAccounts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly tokens: TokenService,
    private readonly clients: OidcClients,
    private readonly roles: OidcRoles,
  ) {}

  /** After the callback: whose sign-in this is, or that linking is needed. */
  async resolve(identity: ProviderIdentity): Promise<Handoff> {
    const linked = await this.linkedUser(this.dataSource.manager, identity);
    if (linked) return { kind: 'session', userId: linked, identity };
    const emailNormalized = identity.email.toLowerCase();
    return this.uow.run(async (tx) => {
      const manager = tx.manager;
      // The same lock as registration: one first account, one account per e-mail.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('runde:register'))`);
      const existing = await manager.findOneBy(UserEntity, { emailNormalized });
      if (existing) {
        if (existing.deletedAt || !existing.passwordHash)
          throw AppError.conflict('An account with this e-mail exists and cannot be linked').because(
            'OIDC_ACCOUNT_NOT_LINKABLE',
          );
        return { kind: 'link' as const, userId: existing.id, identity };
      }
      const isFirst = !(await manager.getRepository(UserEntity).exists());
      const created = await manager.save(
        manager.create(UserEntity, {
          email: identity.email,
          emailNormalized,
          // No password: this account signs in through its provider (a password can be set by a reset).
          passwordHash: '',
          displayName: displayNameOf(identity),
          isAdmin: isFirst,
          organisationId: null,
          locale: 'de',
          deletedAt: null,
        }),
      );
      await this.insertIdentity(manager, identity, created.id);
      return { kind: 'session' as const, userId: created.id, identity };
    });
  }

  /** Links the provider's subject to the account (after the password was proven) and signs in. */
  async linkAndSignIn(handoff: Handoff, userAgent?: string): Promise<Session> {
    await this.uow.run(async (tx) => {
      if (await this.linkedUser(tx.manager, handoff.identity))
        throw AppError.conflict('This provider account is linked already').because('OIDC_ALREADY_LINKED');
      const taken = await tx.manager.existsBy(OidcIdentityEntity, {
        providerId: handoff.identity.providerId,
        userId: handoff.userId,
      });
      if (taken)
        throw AppError.conflict('Your account is linked to another account of this provider').because(
          'OIDC_ALREADY_LINKED',
        );
      await this.insertIdentity(tx.manager, handoff.identity, handoff.userId);
    });
    return this.signIn(handoff, userAgent);
  }

  /** Applies the group claim and issues runde's sign-in for the account. */
  async signIn(handoff: Handoff, userAgent?: string): Promise<Session> {
    const provider = this.clients.provider(handoff.identity.providerId);
    await this.roles.apply(provider, handoff.userId, handoff.identity.groups);
    const familyId = randomUUID();
    const { user, pair } = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const user = await manager.findOne(UserEntity, {
        where: { id: handoff.userId },
        relations: { organisation: true },
      });
      if (!user || user.deletedAt) throw AppError.unauthorized('This account no longer exists');
      await manager.update(
        OidcIdentityEntity,
        { providerId: handoff.identity.providerId, subject: handoff.identity.subject },
        { lastSignInAt: new Date() },
      );
      const pair = await this.tokens.issue(user.id, manager, userAgent, familyId);
      await manager.insert(OidcSessionEntity, {
        familyId,
        providerId: handoff.identity.providerId,
        subject: handoff.identity.subject,
        sid: handoff.identity.sid,
        userId: user.id,
      });
      return { user, pair };
    });
    return { user: userView(user), ...pair };
  }

  /** The live account linked to the subject; a link to an erased account is dropped. */
  private async linkedUser(manager: EntityManager, identity: ProviderIdentity): Promise<string | null> {
    const row = await manager.findOne(OidcIdentityEntity, {
      where: { providerId: identity.providerId, subject: identity.subject },
      relations: { user: true },
    });
    if (!row) return null;
    if (row.user && !row.user.deletedAt) return row.userId;
    await manager.delete(OidcIdentityEntity, { providerId: identity.providerId, subject: identity.subject });
    return null;
  }

  private async insertIdentity(manager: EntityManager, identity: ProviderIdentity, userId: string) {
    await manager.insert(OidcIdentityEntity, {
      providerId: identity.providerId,
      subject: identity.subject,
      userId,
      lastSignInAt: new Date(),
    });
  }
}

function displayNameOf(identity: ProviderIdentity): string {
  const name = identity.name.trim().slice(0, 100);
  return name || identity.email.split('@')[0].slice(0, 100);
}
