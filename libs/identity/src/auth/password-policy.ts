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

/** Returns why a password is too weak, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN) return `password must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `password must be at most ${PASSWORD_MAX} characters`;
  if (new Set(password).size < 4) return 'password must use at least 4 different characters';
  if (COMMON.has(password.toLowerCase())) return 'password is too common';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local))
    return 'password must not contain the email name';
  return null;
}
