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
import { OrganisationsController } from './organisations/organisations.controller';
import { EraseFromEventLog } from './privacy/erase-from-event-log';
import { PersonalDataRegistry } from './privacy/personal-data';
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
  controllers: [AuthController, MeController, OrganisationsController],
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
  ],
  exports: [
    AuthGuard,
    Authenticator,
    UsersService,
    PasswordHasher,
    TokenService,
    Mailer,
    PersonalDataRegistry,
  ],
})
export class IdentityModule {}
