import type { Authenticator, Caller, TokenService, UsersService } from '@runde/identity';
import type { AppConfig, RateLimitService } from '@runde/platform';
import { AdminGate } from './admin-gate';

const admin = { id: 'a1', isAdmin: true } as Caller;

function gate(nodeEnv: AppConfig['NODE_ENV']): AdminGate {
  const tokens = { signAdminSession: (id: string) => `token-of-${id}` } as unknown as TokenService;
  return new AdminGate(
    {} as Authenticator,
    tokens,
    {} as UsersService,
    {} as RateLimitService,
    { NODE_ENV: nodeEnv } as AppConfig,
  );
}

describe('AdminGate session cookie', () => {
  it('is HttpOnly, SameSite=Strict, for /admin only, 15 minutes; Secure in production', () => {
    expect(gate('production').openSession(admin)).toBe(
      'runde_admin=token-of-a1; Path=/admin; Max-Age=900; HttpOnly; SameSite=Strict; Secure',
    );
    expect(gate('development').openSession(admin)).not.toContain('Secure');
  });

  it('is refused to anybody but a platform admin, and removed with Max-Age=0', () => {
    expect(() => gate('test').openSession({ ...admin, isAdmin: false })).toThrow(
      'Platform administrators only',
    );
    expect(gate('production').closeSession()).toBe(
      'runde_admin=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict; Secure',
    );
  });
});
