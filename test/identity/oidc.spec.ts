import { createHash, randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { expectEventually } from '../support/expect-eventually';
import { givenUser, PASSWORD } from '../support/factories';
import {
  doneParams,
  FormBrowser,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
  TestOidcProvider,
  testJwks,
  type TestAccount,
} from '../support/oidc-provider';
import { connectSocket, subscribe } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';

const ORGANISATION = 'Landkreis Tübingen';

/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider in its own process): the code flow with
 * PKCE driven through the provider's own login and consent forms, accounts created or linked, group roles,
 * back-channel logout, and tokens that must be refused.
 */
describe('single sign-on (OpenID Connect)', () => {
  let idp: TestOidcProvider;
  let app: TestApp;
  // The provider's signing key, shared with the second provider of the wrong-issuer test.
  const keys = testJwks();
  const people: Record<string, TestAccount> = {};
  const person = (groups: string[] = []): string => {
    const login = `p-${randomUUID().slice(0, 8)}`;
    people[login] = { email: `${login}@lra-tuebingen.example`, name: `Erika ${login}`, groups };
    return login;
  };

  beforeAll(async () => {
    idp = await TestOidcProvider.listen();
    app = await startTestApp({
      env: {
        OIDC_PROVIDERS: JSON.stringify([
          idp.providerConfig({
            id: 'lra',
            displayName: 'Landratsamt Tübingen',
            organisation: ORGANISATION,
            groups: {
              'integration-leitung': 'admin',
              'integration-vertretung': 'deputy',
              integration: 'member',
              'runde-betrieb': 'platform-admin',
            },
          }),
        ]),
      },
    });
    // People are added to `people` by the tests before they sign in: the provider reads them from this object.
    await idp.start({ appUrl: app.url, providerIds: ['lra'], accounts: people, jwks: keys });
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
  });

  // The provider process got a copy of the accounts at start: the people the tests use are made up front.
  const alice = person(['integration']);
  const bob = person(['integration-leitung', 'runde-betrieb']);
  const carol = person();
  const dave = person(['integration']);
  const erin = person();
  const gina = person();
  const hanna = person(['integration']);
  const ivo = person(['integration']);

  const exchange = (code: string) => request(app.url).post('/api/v1/auth/oidc/session').send({ code });
  const signInAs = async (login: string, browser = new FormBrowser()) => {
    const done = await browser.signIn(app.url, 'lra', login);
    const params = doneParams(done);
    expect(done.startsWith(`${app.url}/#/auth/oidc-done?`)).toBe(true);
    expect(params.get('error')).toBeNull();
    return { browser, code: params.get('code')! };
  };

  it('lists the providers for the sign-in page', async () => {
    const res = await request(app.url).get('/api/v1/auth/oidc').expect(200);
    expect(res.body).toEqual({
      items: [{ id: 'lra', displayName: 'Landratsamt Tübingen' }],
      passwordSignin: true,
    });
  });

  it('redirects to the provider with state, nonce and a PKCE challenge, bound to the browser by a cookie', async () => {
    const res = await request(app.url).get('/api/v1/auth/oidc/lra/login').expect(302);
    const url = new URL(res.headers.location);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('client_id')).toBe(TEST_CLIENT_ID);
    expect(url.searchParams.get('redirect_uri')).toBe(`${app.url}/api/v1/auth/oidc/lra/callback`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('scope')).toBe('openid profile email groups');
    expect(String(res.headers['set-cookie'])).toMatch(
      /runde_oidc_lra=[^;]+; Path=\/api\/v1\/auth\/oidc\/lra\/callback; Max-Age=600; HttpOnly; SameSite=Lax/,
    );
  });

  it('first sign-in creates the account from the claims and gives runde’s own tokens; the group gives the role', async () => {
    const { code } = await signInAs(alice);
    const res = await exchange(code).expect(200);
    expect(res.body.user).toMatchObject({
      email: people[alice].email,
      displayName: people[alice].name,
      isAdmin: false,
      organisation: { name: ORGANISATION, verified: true },
    });
    expect(res.body.refreshToken).toEqual(expect.any(String));
    // The code is used up.
    expect((await exchange(code).expect(401)).body.reason).toBe('OIDC_CODE_INVALID');
    // The same access and refresh tokens as a password sign-in.
    const me = await request(app.url)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.id).toBe(res.body.user.id);
    const mine = await request(app.url)
      .get('/api/v1/me/organisations')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ role: 'member', status: 'confirmed', organisation: expect.anything() }),
    ]);
    await request(app.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: res.body.refreshToken })
      .expect(200);
    // A second sign-in finds the same account (by the provider's subject), no second one.
    const again = await exchange((await signInAs(alice)).code).expect(200);
    expect(again.body.user.id).toBe(res.body.user.id);
    // No password: this account cannot sign in with one.
    await request(app.url)
      .post('/api/v1/auth/login')
      .send({ email: people[alice].email, password: '' })
      .expect(400);
    // Nor change one: the password change says why (set one first with "forgot password").
    const bearer = `Bearer ${again.body.accessToken}`;
    const change = await request(app.url)
      .post('/api/v1/me/password')
      .set('Authorization', bearer)
      .send({ currentPassword: 'irgendein Passwort 1', newPassword: 'Ein ganz neues Passwort 7' })
      .expect(403);
    expect(change.body.reason).toBe('PASSWORD_NOT_SET');
    await request(app.url).get('/api/v1/me').set('Authorization', bearer).expect(200);
  });

  it('a group mapped to admin and platform admin makes the person both', async () => {
    const res = await exchange((await signInAs(bob)).code).expect(200);
    expect(res.body.user.isAdmin).toBe(true);
    const rows = await app.dataSource.query(
      `SELECT m.role, m.status FROM organisation_members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.user_id = $1 AND o.name = $2`,
      [res.body.user.id, ORGANISATION],
    );
    expect(rows).toEqual([{ role: 'admin', status: 'confirmed' }]);
  });

  it('linking: the code alone gives nothing; a wrong password is refused; the right one links and signs in', async () => {
    // carol's e-mail at the provider belongs to a password account in runde.
    const res = await request(app.url)
      .post('/api/v1/auth/register')
      // The e-mail matches case-insensitively.
      .send({ email: people[carol].email.toUpperCase(), password: PASSWORD, displayName: 'Carola Vorhanden' })
      .expect(201);
    const { code } = await signInAs(carol);
    const ask = await exchange(code).expect(409);
    expect(ask.body).toMatchObject({
      code: 'CONFLICT',
      reason: 'OIDC_LINK_REQUIRED',
      details: [{ email: people[carol].email.toUpperCase(), provider: 'Landratsamt Tübingen' }],
    });
    const wrong = await request(app.url)
      .post('/api/v1/auth/oidc/link')
      .send({ code, password: 'not the password at all' })
      .expect(401);
    expect(wrong.body.reason).toBe('WRONG_PASSWORD');
    const linked = await request(app.url)
      .post('/api/v1/auth/oidc/link')
      .send({ code, password: PASSWORD })
      .expect(200);
    expect(linked.body.user.id).toBe(res.body.user.id);
    expect(linked.body.user.displayName).toBe('Carola Vorhanden');
    // Used up; and from now on the provider signs in as that account without a password.
    await request(app.url).post('/api/v1/auth/oidc/link').send({ code, password: PASSWORD }).expect(401);
    const next = await exchange((await signInAs(carol)).code).expect(200);
    expect(next.body.user.id).toBe(res.body.user.id);
  });

  it('an account without a password is erased after a fresh sign-in through the provider, not with an older one', async () => {
    const first = await exchange((await signInAs(hanna)).code).expect(200);
    const userId = first.body.user.id;
    const me = await request(app.url)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${first.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: userId, passwordSet: false });
    // That sign-in is eleven minutes old: erasing needs a new one (a password, which the account has not, is no way).
    await app.dataSource.query(
      `UPDATE oidc_sessions SET created_at = now() - interval '11 minutes' WHERE user_id = $1`,
      [userId],
    );
    for (const body of [{}, { password: 'irgendein Passwort 1' }]) {
      const refused = await request(app.url)
        .delete('/api/v1/me')
        .set('Authorization', `Bearer ${first.body.accessToken}`)
        .send(body)
        .expect(403);
      expect(refused.body).toMatchObject({
        statusCode: 403,
        code: 'FORBIDDEN',
        reason: 'RECENT_SIGN_IN_REQUIRED',
      });
    }
    const [still] = await app.dataSource.query(`SELECT deleted_at FROM users WHERE id = $1`, [userId]);
    expect(still.deleted_at).toBeNull();

    const again = await exchange((await signInAs(hanna)).code).expect(200);
    expect(again.body.user.id).toBe(userId);
    await request(app.url)
      .delete('/api/v1/me')
      .set('Authorization', `Bearer ${again.body.accessToken}`)
      .send({})
      .expect(204);
    const [row] = await app.dataSource.query(
      `SELECT email, display_name, deleted_at FROM users WHERE id = $1`,
      [userId],
    );
    expect(row).toMatchObject({ email: `deleted-${userId}@invalid`, display_name: '' });
    expect(row.deleted_at).not.toBeNull();
    const links = await app.dataSource.query(`SELECT 1 FROM oidc_identities WHERE user_id = $1`, [userId]);
    expect(links).toEqual([]);
    await request(app.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: again.body.refreshToken })
      .expect(401);
  });

  it('signing out after a sign-in through the provider answers its end-session URL; a password sign-in none', async () => {
    const session = await exchange((await signInAs(ivo)).code).expect(200);
    const ended = await request(app.url)
      .post('/api/v1/auth/oidc/end-session')
      .send({ refreshToken: session.body.refreshToken })
      .expect(200);
    expect(ended.headers['cache-control']).toBe('no-store');
    const url = new URL(ended.body.url);
    const discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
    expect(`${url.origin}${url.pathname}`).toBe(discovery.end_session_endpoint);
    expect(url.searchParams.get('client_id')).toBe(TEST_CLIENT_ID);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${app.url}/`);
    // runde's sign-in has ended, and its record of the provider's session is gone.
    await request(app.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.body.refreshToken })
      .expect(401);
    await request(app.url)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${session.body.accessToken}`)
      .expect(401);
    const rows = await app.dataSource.query(`SELECT 1 FROM oidc_sessions WHERE user_id = $1`, [
      session.body.user.id,
    ]);
    expect(rows).toEqual([]);
    // Again, or with a token that is none: nothing to end (as /auth/logout answers such tokens).
    for (const refreshToken of [session.body.refreshToken, 'not-a-token']) {
      const none = await request(app.url)
        .post('/api/v1/auth/oidc/end-session')
        .send({ refreshToken })
        .expect(200);
      expect(none.body).toEqual({ url: null });
    }
    // A password sign-in ends without a provider.
    const local = await givenUser(app);
    const plain = await request(app.url)
      .post('/api/v1/auth/oidc/end-session')
      .send({ refreshToken: local.refreshToken })
      .expect(200);
    expect(plain.body).toEqual({ url: null });
    await request(app.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: local.refreshToken })
      .expect(401);
    // Bad input: the contract's error body.
    for (const body of [{}, { refreshToken: 42 }, { refreshToken: 'x'.repeat(5000) }]) {
      const bad = await request(app.url).post('/api/v1/auth/oidc/end-session').send(body).expect(400);
      expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('back-channel logout from the provider ends the runde sign-in: the refresh token fails, a live socket closes', async () => {
    const browser = new FormBrowser();
    const { code } = await signInAs(dave, browser);
    const session = (await exchange(code).expect(200)).body;
    // A password-less second sign-in elsewhere (another browser) stays.
    const elsewhere = (await exchange((await signInAs(dave)).code).expect(200)).body;
    const socket = await connectSocket(app, session.accessToken);
    expect(await subscribe(socket, `user:${session.user.id}`)).toMatchObject({ ok: true });
    await browser.logoutAtProvider(idp.issuer);
    await expectEventually(() => expect(socket.connected).toBe(false));
    const refused = await request(app.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(401);
    expect(refused.body.code).toBe('UNAUTHORIZED');
    await request(app.url)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${session.accessToken}`)
      .expect(401);
    await request(app.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: elsewhere.refreshToken })
      .expect(200);
    socket.close();
  });

  it('refuses an ID token with a bad signature', async () => {
    const browser = new FormBrowser();
    idp.tamperNextIdToken((token) => {
      const [header, payload, signature] = token.split('.');
      const flipped = (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
      return [header, payload, signature.slice(0, 10) + flipped].join('.');
    });
    const done = await browser.signIn(app.url, 'lra', erin);
    expect(doneParams(done).get('error')).toBe('OIDC_TOKEN_INVALID');
    expect(doneParams(done).get('code')).toBeNull();
    const rows = await app.dataSource.query(`SELECT 1 FROM users WHERE email = $1`, [people[erin].email]);
    expect(rows).toHaveLength(0);
  });

  it('refuses an ID token from another issuer (a second provider with the same client and signing key)', async () => {
    const other = await TestOidcProvider.listen();
    try {
      await other.start({ appUrl: app.url, providerIds: ['lra'], accounts: people, jwks: keys });
      const browser = new FormBrowser();
      const authorization = await browser.authorizationRequest(app.url, 'lra');
      // The second provider issues a genuine ID token for the same client and the nonce runde asked for.
      const redirectUri = `${app.url}/api/v1/auth/oidc/lra/callback`;
      const verifier = randomBytes(32).toString('base64url');
      const otherAuth = new URL(`${other.issuer}/auth`);
      for (const [key, value] of Object.entries({
        client_id: TEST_CLIENT_ID,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'openid email',
        state: 'other',
        nonce: authorization.searchParams.get('nonce')!,
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      }))
        otherAuth.searchParams.set(key, value);
      const otherCode = new URL(
        await new FormBrowser().authorize(otherAuth.href, redirectUri, gina),
      ).searchParams.get('code')!;
      const tokenRes = await fetch(`${other.issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${TEST_CLIENT_ID}:${TEST_CLIENT_SECRET}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: otherCode,
          redirect_uri: redirectUri,
          code_verifier: verifier,
        }),
      });
      const foreign = ((await tokenRes.json()) as { id_token: string }).id_token;
      const claims = JSON.parse(Buffer.from(foreign.split('.')[1], 'base64url').toString());
      expect(claims).toMatchObject({ iss: other.issuer, aud: TEST_CLIENT_ID, sub: gina });
      // Runde's own flow at its provider; the token response carries the other issuer's ID token instead.
      idp.tamperNextIdToken(() => foreign);
      const done = await browser.signIn(app.url, 'lra', gina, { authorization });
      expect(doneParams(done).get('error')).toBe('OIDC_TOKEN_INVALID');
      const rows = await app.dataSource.query(`SELECT 1 FROM users WHERE email = $1`, [people[gina].email]);
      expect(rows).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('bad input on every route', async () => {
    await request(app.url).get('/api/v1/auth/oidc/nope/login').expect(404);
    expect((await request(app.url).get('/api/v1/auth/oidc/NOT_AN_ID/login').expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    await request(app.url).get('/api/v1/auth/oidc/nope/callback?code=x&state=y').expect(404);
    // A callback with an unknown state, without the browser's cookie, or without a state.
    for (const query of ['?code=abc&state=unknown', '?code=abc', '', '?error=access_denied']) {
      const res = await request(app.url).get(`/api/v1/auth/oidc/lra/callback${query}`).expect(302);
      const reason = doneParams(res.headers.location).get('error');
      expect(reason === 'OIDC_STATE_INVALID' || reason === 'OIDC_PROVIDER_ERROR').toBe(true);
    }
    // A real state, but the callback comes from another browser (no binding cookie): refused.
    const browser = new FormBrowser();
    const auth = await browser.authorizationRequest(app.url, 'lra');
    const stranger = await request(app.url)
      .get(`/api/v1/auth/oidc/lra/callback?code=abc&state=${auth.searchParams.get('state')}`)
      .expect(302);
    expect(doneParams(stranger.headers.location).get('error')).toBe('OIDC_STATE_INVALID');
    for (const body of [{}, { code: 1 }, { code: 'short' }, { code: 'x'.repeat(40), extra: true }]) {
      const res = await request(app.url).post('/api/v1/auth/oidc/session').send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await exchange('x'.repeat(43)).expect(401)).body.reason).toBe('OIDC_CODE_INVALID');
    await request(app.url)
      .post('/api/v1/auth/oidc/link')
      .send({ code: 'x'.repeat(43) })
      .expect(400);
    expect(
      (
        await request(app.url)
          .post('/api/v1/auth/oidc/link')
          .send({ code: 'x'.repeat(43), password: 'p' })
          .expect(401)
      ).body.reason,
    ).toBe('OIDC_CODE_INVALID');
    await request(app.url).post('/api/v1/auth/oidc/lra/backchannel-logout').type('form').send({}).expect(400);
    const forged = await request(app.url)
      .post('/api/v1/auth/oidc/lra/backchannel-logout')
      .type('form')
      .send({ logout_token: 'not.a.jwt' })
      .expect(400);
    expect(forged.body).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'OIDC_LOGOUT_TOKEN_INVALID' });
    await request(app.url)
      .post('/api/v1/auth/oidc/nope/backchannel-logout')
      .type('form')
      .send({ logout_token: 'a.b.c' })
      .expect(404);
  });
});

describe('PASSWORD_SIGNIN=off', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      env: {
        PASSWORD_SIGNIN: 'off',
        OIDC_PROVIDERS: JSON.stringify([
          {
            id: 'lra',
            issuer: 'http://127.0.0.1:9/unused',
            clientId: 'runde',
            clientSecret: 'secret',
            displayName: 'Landratsamt',
          },
        ]),
      },
    });
  });
  afterAll(() => app?.close());

  it('the password routes answer 403 PASSWORD_SIGNIN_OFF; the sign-in page is told to show only the providers', async () => {
    const tag = randomUUID().slice(0, 8);
    const calls = [
      request(app.url)
        .post('/api/v1/auth/login')
        .send({ email: `x-${tag}@example.org`, password: PASSWORD }),
      request(app.url)
        .post('/api/v1/auth/register')
        .send({ email: `x-${tag}@example.org`, password: PASSWORD, displayName: 'X' }),
      request(app.url)
        .post('/api/v1/auth/password-reset')
        .send({ email: `x-${tag}@example.org` }),
    ];
    for (const call of calls) {
      const res = await call.expect(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN', reason: 'PASSWORD_SIGNIN_OFF' });
    }
    const list = await request(app.url).get('/api/v1/auth/oidc').expect(200);
    expect(list.body).toEqual({ items: [{ id: 'lra', displayName: 'Landratsamt' }], passwordSignin: false });
    // A provider that does not answer: the sign-in says so (503), it does not hang or crash.
    const down = await request(app.url).get('/api/v1/auth/oidc/lra/login').expect(503);
    expect(down.body.reason).toBe('OIDC_PROVIDER_UNAVAILABLE');
  });
});
