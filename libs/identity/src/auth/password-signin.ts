import type { AppConfig } from '@runde/platform';
import { AppError } from '@runde/platform';

/** PASSWORD_SIGNIN=off: the password routes answer 403 PASSWORD_SIGNIN_OFF; people sign in with a provider. */
export function assertPasswordSignin(config: AppConfig): void {
  if (config.PASSWORD_SIGNIN === 'off')
    throw AppError.forbidden(
      'Password sign-in is turned off here: sign in with your organisation’s identity provider',
    ).because('PASSWORD_SIGNIN_OFF');
}
