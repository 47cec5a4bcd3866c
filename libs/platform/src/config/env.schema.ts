import { z } from 'zod';
import { oidcProvidersVariable } from './oidc-providers';

const durationSeconds = z.coerce.number().int().positive();

/** Every environment variable runde reads, with its default for local development. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: z.url().optional(),
    /** Links in every page's footer (the imprint and the privacy notice the operator publishes). */
    IMPRINT_URL: z.url().optional(),
    PRIVACY_URL: z.url().optional(),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
      .default('postgres://postgres@127.0.0.1:5432/runde'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    REDIS_URL: z
      .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
      .default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'letters, digits, _ and - only')
      .default('runde'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_SECONDS: durationSeconds.default(15 * 60),
    REFRESH_TOKEN_TTL_SECONDS: durationSeconds.default(30 * 24 * 3600),
    REGISTRATION_MODE: z.enum(['open', 'invite']).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'a size such as 512kb or 1mb')
      .default('512kb'),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    WRITE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
    LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
    REGISTER_RATE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(30),
    // Streams one socket may follow at once (a browser tab follows a handful; each costs a room entry).
    SOCKET_MAX_STREAMS: z.coerce.number().int().positive().default(500),
    // Connections one account may hold at once in one api process (a browser tab holds one; a script in a loop
    // would otherwise hold thousands, each costing memory).
    SOCKET_MAX_PER_USER: z.coerce.number().int().positive().default(50),
    // How long a connection refused by that limit is told to wait before it tries again.
    SOCKET_RETRY_AFTER_SECONDS: z.coerce.number().int().positive().default(30),
    MAIL_TRANSPORT: z.enum(['log', 'file', 'smtp']).default('log'),
    MAIL_DIR: z.string().default('.data/mail'),
    MAIL_FROM: z.string().default('runde <no-reply@runde.local>'),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    /** Key of the signed tokens in mails (unsubscribe links, reply addresses); default: derived from JWT_SECRET. */
    MAIL_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Replies by e-mail: the inbound SMTP endpoint's port (off when unset) and address. */
    INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    INBOUND_SMTP_HOST: z.string().min(1).default('0.0.0.0'),
    /** The domain of reply addresses (reply+<token>@INBOUND_DOMAIN), whose MX points at the endpoint. */
    INBOUND_DOMAIN: z
      .string()
      .regex(
        /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i,
        'a domain name',
      )
      .optional(),
    /** How long a reply address in a mail is good for. */
    INBOUND_REPLY_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(60),
    /** PEM files for STARTTLS on the inbound endpoint (both, or neither: then plain SMTP). */
    INBOUND_SMTP_TLS_KEY: z.string().min(1).optional(),
    INBOUND_SMTP_TLS_CERT: z.string().min(1).optional(),
    INVITATION_TTL_HOURS: durationSeconds.default(7 * 24),
    /** argon2id memory cost; the default follows the library's recommendation. Tests lower it for speed. */
    ARGON2_MEMORY_KIB: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024)
      .default(65536),
    OUTBOX_SWEEP_SECONDS: durationSeconds.default(5),
    /** How long the event log keeps events (catch-up before that answers `resync`). */
    EVENT_RETENTION_DAYS: durationSeconds.default(90),
    /** Single sign-on: the OpenID Connect providers (a JSON array; see oidc-providers.ts). */
    OIDC_PROVIDERS: oidcProvidersVariable.default([]),
    /** `off`: only the providers sign people in (the password routes answer 403 PASSWORD_SIGNIN_OFF). */
    PASSWORD_SIGNIN: z.enum(['on', 'off']).default('on'),
  })
  .transform((env) => ({
    ...env,
    REGISTRATION_MODE: env.REGISTRATION_MODE ?? (env.NODE_ENV === 'production' ? 'invite' : 'open'),
    JWT_SECRET:
      env.JWT_SECRET ??
      (env.NODE_ENV === 'production' ? undefined : 'runde-development-secret-change-me-0123456789'),
  }))
  .superRefine((env, ctx) => {
    if (env.MAIL_TRANSPORT === 'smtp' && !env.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required when MAIL_TRANSPORT=smtp' });
    }
    if (env.INBOUND_SMTP_PORT !== undefined && !env.INBOUND_DOMAIN) {
      ctx.addIssue({
        code: 'custom',
        path: ['INBOUND_DOMAIN'],
        message: 'is required when INBOUND_SMTP_PORT is set (the domain of the reply addresses)',
      });
    }
    if (!env.INBOUND_SMTP_TLS_KEY !== !env.INBOUND_SMTP_TLS_CERT) {
      ctx.addIssue({
        code: 'custom',
        path: [env.INBOUND_SMTP_TLS_KEY ? 'INBOUND_SMTP_TLS_CERT' : 'INBOUND_SMTP_TLS_KEY'],
        message: 'INBOUND_SMTP_TLS_KEY and INBOUND_SMTP_TLS_CERT go together',
      });
    }
    if (env.PASSWORD_SIGNIN === 'off' && env.OIDC_PROVIDERS.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['PASSWORD_SIGNIN'],
        message: 'can be off only when OIDC_PROVIDERS names at least one provider',
      });
    }
    if (env.NODE_ENV === 'production') {
      env.OIDC_PROVIDERS.forEach((p, i) => {
        if (!p.issuer.startsWith('https:'))
          ctx.addIssue({
            code: 'custom',
            path: ['OIDC_PROVIDERS', i, 'issuer'],
            message: 'must be an https:// URL in production',
          });
      });
    }
    if (env.NODE_ENV === 'production' && env.OIDC_PROVIDERS.length > 0 && !env.PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'is required in production with OIDC_PROVIDERS (the providers redirect back to it)',
      });
    }
    if (!env.JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'is required in production (32+ characters)',
      });
    }
  });

export type Env = Omit<z.output<typeof envSchema>, 'JWT_SECRET' | 'REGISTRATION_MODE'> & {
  JWT_SECRET: string;
  REGISTRATION_MODE: 'open' | 'invite';
};
