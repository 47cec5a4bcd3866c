// A real OpenID Connect provider for the tests (oidc-provider, the certified Node implementation), run as its own
// Node process: test/support/oidc-provider.ts starts it with its configuration in OIDC_TEST_CONFIG and reads the
// port it listens on from the first line it prints. Its log lines go to stderr.
import http from 'node:http';
import process from 'node:process';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG ?? '{}');
const accounts = config.accounts ?? {};

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: config.jwks,
  cookies: { keys: [config.cookieKey] },
  // The people of this provider, by login name (the dev login form accepts any password).
  async findAccount(_ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account }) };
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  scopes: ['openid', 'profile', 'email', 'groups'],
  features: {
    devInteractions: { enabled: true },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => true },
  // runde listens on 127.0.0.1 in the tests: without the provider's guard against special-use addresses
  // (its dispatcher), which would refuse the back-channel logout requests to it.
  fetch: (url, options) => globalThis.fetch(url, { ...options, dispatcher: undefined }),
  // No web fonts from elsewhere in the pages the tests' browser loads.
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!DOCTYPE html><title>error</title><pre id="error">${JSON.stringify(out)}</pre>`;
  },
});

provider.on('backchannel.error', (_ctx, error, clientId) => {
  process.stderr.write(
    `backchannel logout to ${clientId?.clientId ?? clientId} failed: ${error} ${error?.cause ?? ''}\n`,
  );
});
provider.on('server_error', (_ctx, error) => process.stderr.write(`server_error: ${error.stack}\n`));

const server = http.createServer(provider.callback());
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
