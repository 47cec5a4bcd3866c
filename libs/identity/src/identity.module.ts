import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@runde/platform';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { Authenticator } from './auth/authenticator';
import { LoginThrottle } from './auth/login-throttle';
import { PasswordHasher } from './auth/password-hasher';
import { TokenService } from './auth/token.service';
import { Mailer } from './mail/mailer';
import { MeController } from './me/me.controller';
import { MeService } from './me/me.service';
import { MailPreferencesController } from './notification-settings/mail-preferences.controller';
import { MailPreferencesService } from './notification-settings/mail-preferences.service';
import { NotificationSettingsController } from './notification-settings/notification-settings.controller';
import { NotificationSettingsPersonalData } from './notification-settings/notification-settings-personal-data';
import { NotificationSettingsService } from './notification-settings/notification-settings.service';
import { MyOrganisationsController } from './organisations/my-organisations.controller';
import { OrganisationMembersController } from './organisations/organisation-members.controller';
import { OrganisationMembersPersonalData } from './organisations/organisation-members-personal-data';
import { OrganisationMembers } from './organisations/organisation-members.service';
import { OrganisationMembership } from './organisations/organisation-membership';
import { OrganisationStreamReaders } from './organisations/organisation-stream-readers';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { OidcAccounts } from './oidc/oidc-accounts';
import { OidcClients } from './oidc/oidc-clients';
import { OidcController } from './oidc/oidc.controller';
import { OidcLogout } from './oidc/oidc-logout.service';
import { OidcPending } from './oidc/oidc-pending';
import { OidcPersonalData } from './oidc/oidc-personal-data';
import { OidcRoles } from './oidc/oidc-roles';
import { OidcSignIn } from './oidc/oidc-sign-in.service';
import { OwnPasswordCheck } from './password/own-password-check';
import { PasswordResetController } from './password/password-reset.controller';
import { PasswordResetService } from './password/password-reset.service';
import { PasswordController } from './password/password.controller';
import { PasswordService } from './password/password.service';
import { EraseFromEventLog } from './privacy/erase-from-event-log';
import { PersonalDataRegistry } from './privacy/personal-data';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { UsersService } from './users.service';

/** Accounts, sign-in, tokens, organisations and the caller's own data. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, made once: given a string, jsonwebtoken builds a new key object on every sign and verify.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [
    AuthController,
    PasswordResetController,
    MeController,
    PasswordController,
    SessionsController,
    NotificationSettingsController,
    MailPreferencesController,
    OrganisationsController,
    OrganisationMembersController,
    MyOrganisationsController,
    OidcController,
  ],
  providers: [
    AuthService,
    AuthGuard,
    Authenticator,
    LoginThrottle,
    PasswordHasher,
    TokenService,
    UsersService,
    MeService,
    Mailer,
    PersonalDataRegistry,
    EraseFromEventLog,
    OwnPasswordCheck,
    PasswordService,
    PasswordResetService,
    SessionsService,
    NotificationSettingsService,
    NotificationSettingsPersonalData,
    MailPreferencesService,
    OrganisationsService,
    OrganisationMembers,
    OrganisationMembership,
    OrganisationMembersPersonalData,
    OrganisationStreamReaders,
    OidcClients,
    OidcPending,
    OidcRoles,
    OidcAccounts,
    OidcSignIn,
    OidcLogout,
    OidcPersonalData,
  ],
  exports: [
    AuthGuard,
    Authenticator,
    UsersService,
    PasswordHasher,
    TokenService,
    Mailer,
    PersonalDataRegistry,
    NotificationSettingsService,
    MailPreferencesService,
    OrganisationMembership,
    OrganisationMembers,
  ],
})
export class IdentityModule {}
