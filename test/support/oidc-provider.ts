import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface TestAccount {
  email: string;
  name: string;
  groups?: string[];
  email_verified?: boolean;
}

export interface TestJwks {
  keys: Array<Record<string, unknown>>;
}

/** A fresh RSA signing key as a JWKS (private parts included, as oidc-provider takes it). */
export function testJwks(): TestJwks {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
  return { keys: [{ ...jwk, kid: randomBytes(6).toString('hex'), use: 'sig', alg: 'RS256' }] };
}

export const TEST_CLIENT_ID = 'runde-test';
export const TEST_CLIENT_SECRET = 'runde-test-secret-0123456789abcdef';

/**
 * A real OpenID Connect provider (oidc-provider in its own Node process, test/support/oidc-provider-server.mjs)
 * behind a small HTTP proxy in this process: the issuer is the proxy's URL, so its port is known before runde
 * boots (runde reads OIDC_PROVIDERS at boot), while the provider starts once runde's URL (its redirect URI) is
 * known. The proxy passes everything through unchanged, unless a test asks it to tamper with the ID token of the
 * next token response (an attacker between runde and the provider).
 */
export class TestOidcProvider {
  private child?: ChildProcess;
  private upstreamPort = 0;
  private tamper?: (idToken: string) => string | Promise<string>;
  private stderr = '';

  private constructor(
    private readonly proxy: http.Server,
    readonly issuer: string,
  ) {}

  /** The proxy listens; `start` brings the provider up behind it. */
  static async listen(): Promise<TestOidcProvider> {
    const holder: { instance?: TestOidcProvider } = {};
    const proxy = http.createServer((req, res) => void holder.instance!.forward(req, res));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as AddressInfo;
    holder.instance = new TestOidcProvider(proxy, `http://127.0.0.1:${port}`);
    return holder.instance;
  }

  /** An OIDC_PROVIDERS entry for runde pointing at this provider. */
  providerConfig(extra: Record<string, unknown> & { id: string }): Record<string, unknown> {
    return {
      issuer: this.issuer,
      clientId: TEST_CLIENT_ID,
      clientSecret: TEST_CLIENT_SECRET,
      displayName: 'Test-IdP',
      scopes: ['profile', 'email', 'groups'],
      ...extra,
    };
  }

  /** Starts the provider with its people and one confidential client for runde at `appUrl`. */
  async start(options: {
    appUrl: string;
    providerIds: string[];
    accounts: Record<string, TestAccount>;
    jwks?: TestJwks;
  }): Promise<void> {
    const config = {
      issuer: this.issuer,
      jwks: options.jwks ?? testJwks(),
      cookieKey: randomBytes(16).toString('hex'),
      accounts: options.accounts,
      clients: [
        {
          client_id: TEST_CLIENT_ID,
          client_secret: TEST_CLIENT_SECRET,
          redirect_uris: options.providerIds.map((id) => `${options.appUrl}/api/v1/auth/oidc/${id}/callback`),
          post_logout_redirect_uris: [`${options.appUrl}/`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
          backchannel_logout_uri: `${options.appUrl}/api/v1/auth/oidc/${options.providerIds[0]}/backchannel-logout`,
          backchannel_logout_session_required: true,
        },
      ],
    };
    const child = spawn(process.execPath, [join(__dirname, 'oidc-provider-server.mjs')], {
      env: { ...process.env, OIDC_TEST_CONFIG: JSON.stringify(config), NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-8000);
    });
    const firstLine = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once('line', resolve);
      child.once('exit', (code) =>
        reject(new Error(`the test OIDC provider exited (${code}):\n${this.stderr}`)),
      );
    });
    this.upstreamPort = (JSON.parse(firstLine) as { port: number }).port;
  }

  /** What the provider process wrote to stderr lately (for failing tests). */
  get log(): string {
    return this.stderr;
  }

  /** The ID token in the next token-endpoint response is replaced by what `change` makes of it. */
  tamperNextIdToken(change: (idToken: string) => string | Promise<string>): void {
    this.tamper = change;
  }

  async close(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    this.proxy.closeAllConnections();
    await new Promise<void>((resolve) => this.proxy.close(() => resolve()));
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body: Buffer[] = [];
    for await (const chunk of req) body.push(chunk as Buffer);
    const upstream = http.request(
      { host: '127.0.0.1', port: this.upstreamPort, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        const tamper = this.tamper;
        if (!tamper || !req.url?.startsWith('/token')) {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        this.tamper = undefined;
        const parts: Buffer[] = [];
        up.on('data', (c: Buffer) => parts.push(c));
        up.on('end', () => {
          void (async () => {
            const json = JSON.parse(Buffer.concat(parts).toString()) as { id_token?: string };
            if (json.id_token) json.id_token = await tamper(json.id_token);
            const out = Buffer.from(JSON.stringify(json));
            res.writeHead(up.statusCode ?? 502, { ...up.headers, 'content-length': String(out.length) });
            res.end(out);
          })();
        });
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    upstream.end(Buffer.concat(body));
  }
}

interface Cookie {
  name: string;
  value: string;
  path: string;
}

/**
 * A minimal browser for the API tests: follows nothing by itself (each step is explicit), keeps cookies by name and
 * path (runde and the provider share the host 127.0.0.1, as in a real browser cookies ignore the port), submits the
 * provider's login and consent forms.
 */
export class FormBrowser {
  private readonly cookies = new Map<string, Cookie>();

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<{ status: number; location: string | null; body: string; url: string }> {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    const cookie = [...this.cookies.values()]
      .filter((c) => target.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) this.remember(line);
    const location = res.headers.get('location');
    return {
      status: res.status,
      location: location ? new URL(location, target).href : null,
      body: await res.text(),
      url: target.href,
    };
  }

  /** Follows redirects until a page answers (or `stop` says so); returns the last response. */
  async follow(url: string, stop: (url: string) => boolean = () => false) {
    let res = await this.request(url);
    for (let hops = 0; res.location && hops < 20 && !stop(res.location); hops++)
      res = await this.request(res.location);
    return res;
  }

  /**
   * The whole code flow: runde's login route (or an authorization request already made) → the provider's login
   * form (as `login`) → consent → runde's callback. Returns where runde sends the browser at the end
   * (`…/#/auth/oidc-done?code=…` or `?error=…`).
   */
  async signIn(
    appUrl: string,
    providerId: string,
    login: string,
    options: { authorization?: URL } = {},
  ): Promise<string> {
    const callbackUrl = `${appUrl}/api/v1/auth/oidc/${providerId}/callback`;
    const callback = await this.authorize(
      options.authorization?.href ?? `${appUrl}/api/v1/auth/oidc/${providerId}/login`,
      callbackUrl,
      login,
    );
    const done = await this.request(callback);
    if (done.status !== 302 || !done.location)
      throw new Error(`callback answered ${done.status}: ${done.body}`);
    return done.location;
  }

  /**
   * Walks an authorization request through the provider's forms until the provider redirects to `redirectUri`;
   * returns that redirect (with `code` and `state`) without following it.
   */
  async authorize(start: string, redirectUri: string, login: string): Promise<string> {
    const isCallback = (u: string) => u.startsWith(redirectUri);
    let res = await this.follow(start, isCallback);
    for (let step = 0; step < 4 && !res.location; step++) {
      const action = /<form[^>]*action="([^"]+)"/.exec(res.body)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(res.body)?.[1];
      if (!action || !prompt) throw new Error(`no provider form at ${res.url} (${res.status}): ${res.body}`);
      const fields: Record<string, string> =
        prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
      res = await this.request(new URL(action.replace(/&amp;/g, '&'), res.url).href, { form: fields });
      if (res.location && !isCallback(res.location)) res = await this.follow(res.location, isCallback);
    }
    if (!res.location || !isCallback(res.location))
      throw new Error(
        `the provider did not redirect to ${redirectUri} (${res.status} at ${res.url}): ${res.body}`,
      );
    return res.location;
  }

  /** The authorization request runde sent the browser to (state, nonce, PKCE challenge), without following it. */
  async authorizationRequest(appUrl: string, providerId: string): Promise<URL> {
    const res = await this.request(`${appUrl}/api/v1/auth/oidc/${providerId}/login`);
    if (res.status !== 302 || !res.location) throw new Error(`login answered ${res.status}: ${res.body}`);
    return new URL(res.location);
  }

  /** Signs out at the provider (RP-independent logout: the provider's end-session page, confirmed). */
  async logoutAtProvider(issuer: string): Promise<void> {
    const page = await this.request(`${issuer}/session/end`);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!xsrf) throw new Error(`no logout form (${page.status}): ${page.body}`);
    const res = await this.request(`${issuer}/session/end/confirm`, { form: { xsrf, logout: 'yes' } });
    if (res.status >= 400) throw new Error(`logout confirm answered ${res.status}: ${res.body}`);
  }

  private remember(line: string): void {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) || '/';
    const expired = attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=thu, 01 jan 1970/i.test(a));
    const key = `${name};${path}`;
    if (expired || value === '') this.cookies.delete(key);
    else this.cookies.set(key, { name, value, path });
  }
}

/** The one-time code or error of runde's final redirect (`/#/auth/oidc-done?code=…`). */
export function doneParams(location: string): URLSearchParams {
  const hash = new URL(location).hash;
  return new URLSearchParams(hash.slice(hash.indexOf('?') + 1));
}
