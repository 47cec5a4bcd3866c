export * from './auth/caller';
export * from './auth/public.decorator';
export * from './auth/current-user.decorator';
export * from './auth/auth.guard';
export * from './auth/authenticator';
export * from './auth/password-hasher';
export * from './auth/token.service';
export * from './auth/invitation.port';
export * from './mail/mailer';
export * from './privacy/personal-data';
export * from './notification-settings/notification-categories';
export * from './notification-settings/notification-settings.service';
export * from './notification-settings/mail-preferences';
export * from './notification-settings/mail-preferences.service';
export * from './users.service';
export * from './entities/user.entity';
export * from './entities/organisation.entity';
export * from './entities/organisation-member.entity';
export * from './organisations/organisation-membership';
export * from './organisations/organisation-sets';
export * from './organisations/organisation-members.service';
export * from './organisations/organisation-views';
export * from './entities/refresh-token.entity';
export * from './identity.module';

import { NotificationSettingEntity } from './entities/notification-setting.entity';
import { MailPreferencesEntity } from './notification-settings/mail-preferences.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { OrganisationMemberEntity } from './entities/organisation-member.entity';
import { PasswordResetEntity } from './entities/password-reset.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';
import { OidcIdentityEntity } from './oidc/oidc-identity.entity';
import { OidcSessionEntity } from './oidc/oidc-session.entity';
export const IDENTITY_ENTITIES = [
  OrganisationEntity,
  OrganisationMemberEntity,
  UserEntity,
  RefreshTokenEntity,
  PasswordResetEntity,
  NotificationSettingEntity,
  MailPreferencesEntity,
  OidcIdentityEntity,
  OidcSessionEntity,
];
export * from './auth/auth.service';
