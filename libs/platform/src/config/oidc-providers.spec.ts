import { InvalidEnvironmentError, loadEnv } from './load-env';

const provider = {
  id: 'lra',
  issuer: 'https://idp.example/realms/bw',
  clientId: 'runde',
  clientSecret: 'secret',
  displayName: 'Landratsamt',
};
const env = (providers: unknown, extra: Record<string, string> = {}) => ({
  OIDC_PROVIDERS: JSON.stringify(providers),
  ...extra,
});

describe('OIDC_PROVIDERS and PASSWORD_SIGNIN', () => {
  it('reads providers with defaults for the claims, scopes and groups', () => {
    const parsed = loadEnv(env([provider]));
    expect(parsed.OIDC_PROVIDERS).toEqual([
      {
        ...provider,
        claims: { name: 'name', email: 'email', groups: 'groups' },
        groups: {},
        scopes: ['profile', 'email'],
      },
    ]);
    expect(parsed.PASSWORD_SIGNIN).toBe('on');
    expect(loadEnv({}).OIDC_PROVIDERS).toEqual([]);
  });

  it.each([
    ['not JSON', '{nope', /OIDC_PROVIDERS: must be a JSON array of providers/],
    ['not an array', '{}', /OIDC_PROVIDERS: must be a JSON array/],
    ['a bad issuer', JSON.stringify([{ ...provider, issuer: 'idp' }]), /OIDC_PROVIDERS\.0\.issuer:/],
    ['a bad id', JSON.stringify([{ ...provider, id: 'Land Amt' }]), /OIDC_PROVIDERS\.0\.id:/],
    [
      'no client secret',
      JSON.stringify([{ ...provider, clientSecret: '' }]),
      /OIDC_PROVIDERS\.0\.clientSecret/,
    ],
    [
      'an unknown grant',
      JSON.stringify([{ ...provider, organisation: 'X', groups: { g: 'owner' } }]),
      /OIDC_PROVIDERS\.0\.groups\.g:/,
    ],
    [
      'a role without an organisation',
      JSON.stringify([{ ...provider, groups: { g: 'admin' } }]),
      /OIDC_PROVIDERS\.0\.organisation: is required when a group grants an organisation role/,
    ],
    ['an unknown field', JSON.stringify([{ ...provider, secret: 'x' }]), /OIDC_PROVIDERS\.0:/],
    ['the same id twice', JSON.stringify([provider, provider]), /OIDC_PROVIDERS\.1\.id: "lra" is used twice/],
  ])('refuses %s, naming the variable', (_what, value, message) => {
    expect(() => loadEnv({ OIDC_PROVIDERS: value })).toThrow(InvalidEnvironmentError);
    expect(() => loadEnv({ OIDC_PROVIDERS: value })).toThrow(message);
  });

  it('turns password sign-in off only with a provider; production wants https issuers and PUBLIC_URL', () => {
    expect(() => loadEnv({ PASSWORD_SIGNIN: 'off' })).toThrow(/PASSWORD_SIGNIN: can be off only when/);
    expect(loadEnv(env([provider], { PASSWORD_SIGNIN: 'off' })).PASSWORD_SIGNIN).toBe('off');
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };
    expect(() => loadEnv(env([provider], production))).toThrow(/PUBLIC_URL: is required in production/);
    expect(() =>
      loadEnv(
        env([{ ...provider, issuer: 'http://idp.example' }], {
          ...production,
          PUBLIC_URL: 'https://r.example',
        }),
      ),
    ).toThrow(/OIDC_PROVIDERS\.0\.issuer: must be an https:\/\/ URL in production/);
  });
});
