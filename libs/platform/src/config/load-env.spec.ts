import { InvalidEnvironmentError, loadEnv } from './load-env';

describe('loadEnv', () => {
  it('gives working defaults for local development', () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/runde');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.PORT).toBe(3000);
    expect(env.NODE_ENV).toBe('development');
    expect(env.REGISTRATION_MODE).toBe('open');
    expect(env.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    ['DATABASE_URL', 'nonsense'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REDIS_URL', 'http://localhost'],
    ['PORT', 'eighty'],
    ['LOG_LEVEL', 'loud'],
    ['JWT_SECRET', 'short'],
    ['NODE_ENV', 'staging'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(InvalidEnvironmentError);
    expect(() => loadEnv({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('requires a JWT secret and defaults to invite-only registration in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    const env = loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    expect(env.REGISTRATION_MODE).toBe('invite');
  });
});
