import { AppError } from '@runde/platform';

const COMMON = new Set([
  'passwort123',
  'password123',
  'passwort1234',
  'password1234',
  '1234567890',
  '0123456789',
  'qwertzuiop',
  'qwertyuiop',
  'hallo12345',
  'sommer2024',
  'sommer2025',
  'sommer2026',
  'winter2025',
  'winter2026',
  'willkommen1',
  'abcdefghij',
]);

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** Why a password is refused: a stable reason (the clients word it) and an English message. */
export interface PasswordProblem {
  reason:
    | 'PASSWORD_TOO_SHORT'
    | 'PASSWORD_TOO_LONG'
    | 'PASSWORD_TOO_SIMPLE'
    | 'PASSWORD_TOO_COMMON'
    | 'PASSWORD_CONTAINS_EMAIL';
  message: string;
}

/** The rule every new password follows (registration, change, reset): why it is refused, or null. */
export function checkPassword(password: string, email?: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN)
    return { reason: 'PASSWORD_TOO_SHORT', message: `password must be at least ${PASSWORD_MIN} characters` };
  if (password.length > PASSWORD_MAX)
    return { reason: 'PASSWORD_TOO_LONG', message: `password must be at most ${PASSWORD_MAX} characters` };
  if (new Set(password).size < 4)
    return { reason: 'PASSWORD_TOO_SIMPLE', message: 'password must use at least 4 different characters' };
  if (COMMON.has(password.toLowerCase()))
    return { reason: 'PASSWORD_TOO_COMMON', message: 'password is too common' };
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local))
    return { reason: 'PASSWORD_CONTAINS_EMAIL', message: 'password must not contain the email name' };
  return null;
}

/** Returns why a password is too weak, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  return checkPassword(password, email)?.message ?? null;
}

/** Throws `400 VALIDATION_FAILED` (with the rule as `reason`) naming `field` when the password is refused. */
export function assertAcceptablePassword(password: string, email: string, field = 'password'): void {
  const problem = checkPassword(password, email);
  if (problem)
    throw AppError.validation(problem.message, [{ field, messages: [problem.message] }]).because(
      problem.reason,
    );
}
