import { z } from 'zod';

/** What a group of the identity provider grants in runde: a role in the provider's organisation, or platform admin. */
export const OIDC_GROUP_GRANTS = ['admin', 'deputy', 'member', 'platform-admin'] as const;
export type OidcGroupGrant = (typeof OIDC_GROUP_GRANTS)[number];

const claimName = z.string().regex(/^[A-Za-z0-9_:.-]{1,100}$/, 'a claim name (letters, digits, _ : . -)');

/** One identity provider (an OpenID Connect issuer) runde accepts sign-ins from. */
export const oidcProviderSchema = z
  .object({
    /** Short name in the routes (`/api/v1/auth/oidc/<id>/login`) and in stored identities; never change it. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and - (at most 40)'),
    /** The issuer URL; its /.well-known/openid-configuration is read on the first sign-in. */
    issuer: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    clientId: z.string().min(1, 'is required'),
    clientSecret: z.string().min(1, 'is required'),
    /** The name on the sign-in page's button ("Anmelden mit <displayName>"). */
    displayName: z.string().min(1).max(60),
    /** The organisation (name or id of the register) whose people sign in here; group roles are granted in it. */
    organisation: z.string().min(1).optional(),
    claims: z
      .object({
        name: claimName.default('name'),
        email: claimName.default('email'),
        groups: claimName.default('groups'),
      })
      .strict()
      .default({ name: 'name', email: 'email', groups: 'groups' }),
    /** Group (a value of the group claim) → what it grants. */
    groups: z.record(z.string().min(1).max(200), z.enum(OIDC_GROUP_GRANTS)).default({}),
    /** Scopes asked for besides openid (default: profile email). */
    scopes: z.array(claimName).default(['profile', 'email']),
  })
  .strict()
  .superRefine((p, ctx) => {
    const roles = Object.values(p.groups).filter((grant) => grant !== 'platform-admin');
    if (roles.length > 0 && !p.organisation)
      ctx.addIssue({
        code: 'custom',
        path: ['organisation'],
        message: 'is required when a group grants an organisation role',
      });
  });

export type OidcProviderConfig = z.output<typeof oidcProviderSchema>;

/**
 * `OIDC_PROVIDERS`: a JSON array of providers, e.g.
 * `[{"id":"servicebw","issuer":"https://idp.example/realms/bw","clientId":"runde","clientSecret":"…",
 * "displayName":"Service-BW","organisation":"Landkreis Tübingen","groups":{"runde-admins":"admin"}}]`.
 */
export const oidcProvidersVariable = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of providers' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(oidcProviderSchema, { error: 'must be a JSON array of providers' })
      .max(20)
      .superRefine((providers, ctx) => {
        const seen = new Set<string>();
        providers.forEach((p, i) => {
          if (seen.has(p.id))
            ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${p.id}" is used twice` });
          seen.add(p.id);
        });
      }),
  );
