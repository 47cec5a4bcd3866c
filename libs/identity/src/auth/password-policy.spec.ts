import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['short', /at least 10/],
    ['aaaaaaaaaaaa', /4 different/],
    ['Passwort123', /too common/],
    ['anna.meier-2026!', /email name/],
    ['x'.repeat(201) + 'abcd', /at most 200/],
  ])('rejects %s', (password, reason) => {
    expect(passwordProblem(password, 'anna.meier@example.org')).toMatch(reason);
  });

  it('accepts a reasonable passphrase', () => {
    expect(passwordProblem('Integration braucht Zeit', 'anna@example.org')).toBeNull();
  });
});
