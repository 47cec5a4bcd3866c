import { AppError } from '@runde/platform';
import { assertAcceptablePassword, checkPassword, passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each([
    ['short', /at least 10/, 'PASSWORD_TOO_SHORT'],
    ['aaaaaaaaaaaa', /4 different/, 'PASSWORD_TOO_SIMPLE'],
    ['Passwort123', /too common/, 'PASSWORD_TOO_COMMON'],
    ['anna.meier-2026!', /email name/, 'PASSWORD_CONTAINS_EMAIL'],
    ['x'.repeat(201) + 'abcd', /at most 200/, 'PASSWORD_TOO_LONG'],
  ])('rejects %s', (password, message, reason) => {
    expect(passwordProblem(password, 'anna.meier@example.org')).toMatch(message);
    expect(checkPassword(password, 'anna.meier@example.org')?.reason).toBe(reason);
  });

  it('accepts a reasonable passphrase', () => {
    expect(passwordProblem('Integration braucht Zeit', 'anna@example.org')).toBeNull();
    expect(() => assertAcceptablePassword('Integration braucht Zeit', 'anna@example.org')).not.toThrow();
  });

  it('refuses with a 400 that names the field and the rule', () => {
    let error: unknown;
    try {
      assertAcceptablePassword('short', 'anna@example.org', 'newPassword');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      reason: 'PASSWORD_TOO_SHORT',
      details: [{ field: 'newPassword', messages: ['password must be at least 10 characters'] }],
    });
  });
});
