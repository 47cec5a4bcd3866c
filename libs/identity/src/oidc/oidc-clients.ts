import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { APP_CONFIG, AppConfig, AppError, type OidcProviderConfig } from '@runde/platform';

/** How long a provider's discovery document and keys are trusted before they are read again. */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const REQUEST_TIMEOUT_SECONDS = 10;

/**
 * The configured identity providers and their discovered metadata (openid-client `Configuration`): read on first
 * use and kept for an hour, so a provider that is down at boot does not stop runde; one that does not answer makes
 * its sign-in answer 503.
 */
@Injectable()
export class OidcClients {
  private readonly log = new Logger(OidcClients.name);
  private readonly discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>();

  constructor(@Inject(APP_CONFIG) private readonly appConfig: AppConfig) {}

  /** The providers for the sign-in page, in the order configured. */
  list(): OidcProviderConfig[] {
    return this.appConfig.OIDC_PROVIDERS;
  }

  /** The provider of a route's `:provider`; 404 for one not configured. */
  provider(id: string): OidcProviderConfig {
    const found = this.appConfig.OIDC_PROVIDERS.find((p) => p.id === id);
    if (!found) throw AppError.notFound('Identity provider');
    return found;
  }

  /** The provider's discovered configuration (issuer metadata, client, key cache). */
  async configuration(provider: OidcProviderConfig): Promise<client.Configuration> {
    const cached = this.discovered.get(provider.id);
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
    const config = this.discover(provider);
    this.discovered.set(provider.id, { at: Date.now(), config });
    config.catch(() => this.discovered.delete(provider.id));
    return config;
  }

  private async discover(provider: OidcProviderConfig): Promise<client.Configuration> {
    const insecure = new URL(provider.issuer).protocol === 'http:';
    try {
      return await client.discovery(
        new URL(provider.issuer),
        provider.clientId,
        undefined,
        client.ClientSecretBasic(provider.clientSecret),
        {
          timeout: REQUEST_TIMEOUT_SECONDS,
          // The ID token's signature is checked also when it comes from the token endpoint (openid-client skips
          // that by default, trusting TLS); plain http only where the environment allows it (never in production).
          execute: insecure
            ? [client.enableNonRepudiationChecks, client.allowInsecureRequests]
            : [client.enableNonRepudiationChecks],
        },
      );
    } catch (error) {
      this.log.warn({ provider: provider.id, err: String(error) }, 'identity provider discovery failed');
      throw AppError.unavailable(`The identity provider ${provider.displayName} does not answer`).because(
        'OIDC_PROVIDER_UNAVAILABLE',
      );
    }
  }
}
