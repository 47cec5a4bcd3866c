import { expectEventually } from '../support/expect-eventually';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { as, givenUser, PASSWORD } from '../support/factories';
import { withFreshApp } from '../support/fresh-app';
import { startTestApp, TestApp } from '../support/test-app';

describe('accounts and tokens', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('registers: 201 with user and both tokens; the user is `{id, email, displayName, isAdmin}` and more', async () => {
    const res = await request(app.url)
      .post('/api/v1/auth/register')
      .send({ email: 'Anna.Meier@Example.org', password: PASSWORD, displayName: 'Anna Meier' })
      .expect(201);
    expect(res.body).toEqual({
      user: expect.objectContaining({
        id: expect.any(String),
        email: 'Anna.Meier@Example.org',
        displayName: 'Anna Meier',
        isAdmin: expect.any(Boolean),
      }),
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      accessTokenExpiresAt: expect.any(String),
    });
    const me = await as(app, res.body).get('/api/v1/me').expect(200);
    expect(me.body).toMatchObject({
      id: res.body.user.id,
      email: 'Anna.Meier@Example.org',
      organisation: null,
      locale: 'de',
    });
    const stored = await app.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [
      res.body.user.id,
    ]);
    expect(stored[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=4096,/);
  });

  it('refuses a duplicate email case-insensitively with 409 CONFLICT', async () => {
    const user = await givenUser(app);
    const res = await request(app.url)
      .post('/api/v1/auth/register')
      .send({ email: user.email.toUpperCase(), password: PASSWORD, displayName: 'Twin' })
      .expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'CONFLICT' });
  });

  it('refuses a weak password with 400 naming the field', async () => {
    const res = await request(app.url)
      .post('/api/v1/auth/register')
      .send({ email: 'weak@example.org', password: 'short', displayName: 'Weak' })
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'password', messages: [expect.stringMatching(/10/)] }],
    });
  });

  it('logs in with the right password, 401 with a wrong one or an unknown email', async () => {
    const user = await givenUser(app);
    const ok = await request(app.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email.toUpperCase(), password: PASSWORD })
      .expect(200);
    expect(ok.body.user.id).toBe(user.id);
    const wrong = await request(app.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'not the password' })
      .expect(401);
    expect(wrong.body).toMatchObject({ code: 'UNAUTHORIZED' });
    await request(app.url)
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@example.org', password: PASSWORD })
      .expect(401);
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const user = await givenUser(app);
    const first = await request(app.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    expect(first.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    await as(app, first.body).get('/api/v1/me').expect(200);

    // The old token again: refused, and the new one (same family) dies with it.
    await request(app.url).post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await request(app.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(401);

    // Another sign-in is a separate family and still works.
    const login = await request(app.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
    await request(app.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: login.body.refreshToken })
      .expect(200);
  });

  it('logout ends the sign-in', async () => {
    const user = await givenUser(app);
    await request(app.url).post('/api/v1/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    await request(app.url).post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
  });

  it('401s missing, forged and expired access tokens', async () => {
    const user = await givenUser(app);
    await request(app.url).get('/api/v1/me').expect(401);
    await request(app.url).get('/api/v1/me').set('Authorization', 'Bearer nonsense').expect(401);
    await request(app.url).get('/api/v1/me').set('Authorization', 'Basic abc').expect(401);
    const forged = new JwtService({ secret: 'x'.repeat(40) }).sign({ sub: user.id, typ: 'access' });
    await request(app.url).get('/api/v1/me').set('Authorization', `Bearer ${forged}`).expect(401);
    const jwt = app.api.get(JwtService);
    const expired = jwt.sign({ sub: user.id, typ: 'access', exp: Math.floor(Date.now() / 1000) - 5 });
    const res = await request(app.url)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${expired}`)
      .expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
  });

  it('a token that worked is refused once it expires (verified tokens are remembered only until their expiry)', async () => {
    const user = await givenUser(app);
    const jwt = app.api.get(JwtService);
    const shortLived = jwt.sign({ sub: user.id, typ: 'access', exp: Math.floor(Date.now() / 1000) + 2 });
    await request(app.url).get('/api/v1/me').set('Authorization', `Bearer ${shortLived}`).expect(200);
    await request(app.url).get('/api/v1/me').set('Authorization', `Bearer ${shortLived}`).expect(200);
    await expectEventually(
      () => request(app.url).get('/api/v1/me').set('Authorization', `Bearer ${shortLived}`).expect(401),
      { timeoutMs: 5000 },
    );
    // The same memo never outlives the account: a deleted account's still-valid token is refused at once.
    await app.dataSource.query(`UPDATE users SET deleted_at = now() WHERE id = $1`, [user.id]);
    await request(app.url).get('/api/v1/me').set('Authorization', `Bearer ${user.accessToken}`).expect(401);
  });

  it('issues access tokens that live 15 minutes by default', async () => {
    const user = await givenUser(app);
    const claims = app.api.get(JwtService).decode<{ iat: number; exp: number }>(user.accessToken);
    expect(claims.exp - claims.iat).toBe(15 * 60);
  });

  it('updates the profile and lists organisations; the organisation named is a request, not a label', async () => {
    const user = await givenUser(app);
    const orgs = await request(app.url).get('/api/v1/organisations').expect(200);
    const org = orgs.body.items.find((o: { name: string }) => o.name === 'Landkreis Tübingen');
    expect(org).toMatchObject({ kind: 'Landkreis', regierungsbezirk: 'Tübingen', kreisschluessel: '08416' });
    const res = await as(app, user)
      .patch('/api/v1/me')
      .send({ displayName: 'Neu Name', organisationId: org.id, locale: 'en' })
      .expect(200);
    expect(res.body).toMatchObject({ displayName: 'Neu Name', locale: 'en', organisation: null });
    const mine = await as(app, user).get('/api/v1/me/organisations').expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ organisation: expect.objectContaining({ id: org.id }), status: 'requested' }),
    ]);
    await as(app, user)
      .patch('/api/v1/me')
      .send({ organisationId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
  });

  it('the 11th login inside a minute gets 429 with retryAfterSeconds', async () => {
    const user = await givenUser(app);
    for (let i = 0; i < 10; i++) {
      await request(app.url)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: PASSWORD })
        .expect(200);
    }
    const res = await request(app.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(429);
    expect(res.body).toMatchObject({
      statusCode: 429,
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    expect(res.body.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(res.body.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(res.headers['retry-after']).toBe(String(res.body.retryAfterSeconds));
  });

  it('the 11th wrong password inside a minute from one address gets 429 too (no unlimited password oracle)', async () => {
    const user = await givenUser(app);
    const statuses: number[] = [];
    let last!: request.Response;
    for (let i = 0; i < 11; i++) {
      last = await request(app.url)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: `wrong ${i} password` });
      statuses.push(last.status);
    }
    // The first five are checked and refused; from the sixth the account's slow-down (below) may answer 429 first.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    expect(last.status).toBe(429);
    expect(last.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(last.headers['retry-after']).toBe(String(last.body.retryAfterSeconds));
    // The address's one-minute window, not the slow-down: ten failures lock an account for 32 s at most.
    expect(last.body.retryAfterSeconds).toBeGreaterThan(32);
    expect(last.body.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('slows down logins after repeated failures for one account, even with the right password', async () => {
    const user = await givenUser(app);
    for (let i = 0; i < 5; i++) {
      await request(app.url)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: `wrong ${i} password` })
        .expect(401);
    }
    const res = await request(app.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(429);
    expect(res.body.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});

describe('the first account', () => {
  it('becomes platform admin, exactly one even when several register at once', async () => {
    await withFreshApp('first', async (app) => {
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          request(app.url)
            .post('/api/v1/auth/register')
            .send({ email: `first-${i}@example.org`, password: PASSWORD, displayName: `First ${i}` })
            .expect(201),
        ),
      );
      expect(results.filter((r) => r.body.user.isAdmin)).toHaveLength(1);
    });
  });
});
