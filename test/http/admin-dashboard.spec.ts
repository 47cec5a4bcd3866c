import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { as, givenAdmin, givenUser, PASSWORD, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const SESSION = '/api/v1/admin-session';
const CONTRACT_ERROR = {
  statusCode: expect.any(Number),
  code: expect.any(String),
  message: expect.any(String),
};

/** The `runde_admin` cookie a response sets (its whole `Set-Cookie` line), or undefined. */
function sessionCookie(res: request.Response): string | undefined {
  const lines = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return lines.find((line) => line.startsWith('runde_admin='));
}

/** `runde_admin=<value>`, as a browser sends it back. */
const cookieHeader = (setCookie: string) => setCookie.split(';')[0];

async function openSession(app: TestApp, admin: TestUser): Promise<string> {
  const res = await as(app, admin).post(SESSION).expect(204);
  return cookieHeader(sessionCookie(res)!);
}

describe('queue dashboard: the admin gate', () => {
  let app: TestApp;
  let admin: TestUser;
  let plain: TestUser;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await givenAdmin(app);
    plain = await givenUser(app);
  });
  afterAll(() => app.close());

  it('checks no password: an admin’s right e-mail and password as Basic is 401, without a Basic challenge', async () => {
    for (const who of [admin, plain]) {
      const res = await request(app.url).get('/admin/queues').auth(who.email, PASSWORD).expect(401);
      expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: expect.any(String) });
      expect(res.headers['www-authenticate']).toBeUndefined();
    }
    const none = await request(app.url).get('/admin/queues').expect(401);
    expect(none.body).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: expect.any(String) });
    expect(none.headers['www-authenticate']).toBeUndefined();
  });

  it('Bearer: a platform admin gets the board and its api, anybody else 403, a bad token 401', async () => {
    const page = await request(app.url)
      .get('/admin/queues')
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(200);
    expect(page.text).toMatch(/<html/i);
    const api = await request(app.url)
      .get('/admin/queues/api/queues')
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(200);
    expect(JSON.stringify(api.body)).toContain('events');
    const refused = await request(app.url)
      .get('/admin/queues')
      .auth(plain.accessToken, { type: 'bearer' })
      .expect(403);
    expect(refused.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: expect.any(String) });
    await request(app.url).get('/admin/queues').auth('not-a-token', { type: 'bearer' }).expect(401);
  });

  it('session: an admin gets a short HttpOnly, SameSite=Strict cookie for /admin that opens the board', async () => {
    const res = await as(app, admin).post(SESSION).expect(204);
    const setCookie = sessionCookie(res)!;
    expect(setCookie).toBeDefined();
    const attributes = setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/admin']));
    expect(attributes).not.toContain('secure'); // only when NODE_ENV=production
    const maxAge = Number(attributes.find((a) => a.startsWith('max-age='))!.split('=')[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(900);

    const cookie = cookieHeader(setCookie);
    const page = await request(app.url).get('/admin/queues').set('Cookie', cookie).expect(200);
    expect(page.text).toMatch(/<html/i);
    await request(app.url).get('/admin/queues/api/queues').set('Cookie', `other=1; ${cookie}`).expect(200);
    // A browser may still send Basic credentials it remembers from before: they are ignored, the cookie counts.
    await request(app.url).get('/admin/queues').set('Cookie', cookie).auth(admin.email, PASSWORD).expect(200);
    // The session is no access token, and an access token is no session.
    await request(app.url).get('/api/v1/me').auth(cookie.split('=')[1], { type: 'bearer' }).expect(401);
    await request(app.url).get('/admin/queues').set('Cookie', `runde_admin=${admin.accessToken}`).expect(401);
  });

  it('session: DELETE clears the cookie', async () => {
    const res = await as(app, admin).delete(SESSION).expect(204);
    const setCookie = sessionCookie(res)!;
    expect(setCookie).toMatch(/^runde_admin=;/);
    expect(setCookie.toLowerCase()).toContain('max-age=0');
    expect(setCookie.toLowerCase()).toContain('path=/admin');
  });

  it('session: anybody else gets 403 and no cookie; without a token 401', async () => {
    const res = await as(app, plain).post(SESSION).expect(403);
    expect(res.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: expect.any(String) });
    expect(sessionCookie(res)).toBeUndefined();
    const anonymous = await request(app.url).post(SESSION).expect(401);
    expect(anonymous.body).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: expect.any(String) });
    expect(sessionCookie(anonymous)).toBeUndefined();
  });

  it('a tampered, forged or expired session cookie is 401', async () => {
    const cookie = await openSession(app, admin);
    const [header, payload, signature] = cookie.slice('runde_admin='.length).split('.');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const otherSubject = Buffer.from(JSON.stringify({ ...claims, sub: plain.id })).toString('base64url');
    const jwt = app.api.get(JwtService);
    const expired = jwt.sign({
      sub: admin.id,
      typ: 'admin-session',
      aud: 'runde:admin',
      exp: Math.floor(Date.now() / 1000) - 5,
    });
    const forged = new JwtService({ secret: 'x'.repeat(40) }).sign({
      sub: admin.id,
      typ: 'admin-session',
      aud: 'runde:admin',
    });
    for (const value of [
      `${header}.${payload}.${flipped}`,
      `${header}.${otherSubject}.${signature}`,
      expired,
      forged,
      'junk',
      '',
    ]) {
      const res = await request(app.url)
        .get('/admin/queues')
        .set('Cookie', `runde_admin=${value}`)
        .expect(401);
      expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: expect.any(String) });
    }
  });

  it('the cookie of an admin demoted since is 403; of a deleted account 401', async () => {
    const former = await givenAdmin(app);
    const cookie = await openSession(app, former);
    await request(app.url).get('/admin/queues').set('Cookie', cookie).expect(200);
    await app.dataSource.query(`UPDATE users SET is_admin = false WHERE id = $1`, [former.id]);
    const res = await request(app.url).get('/admin/queues').set('Cookie', cookie).expect(403);
    expect(res.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: expect.any(String) });
    // Demoted, the same person cannot get a new one either.
    await as(app, former).post(SESSION).expect(403);

    const gone = await givenAdmin(app);
    const goneCookie = await openSession(app, gone);
    await app.dataSource.query(`UPDATE users SET deleted_at = now() WHERE id = $1`, [gone.id]);
    await request(app.url).get('/admin/queues').set('Cookie', goneCookie).expect(401);
  });

  it('bad input to the session endpoint is a 4xx in the contract’s body, never a 5xx', async () => {
    const caller = () => request(app.url).post(SESSION).auth(admin.accessToken, { type: 'bearer' });
    const answers = [
      await caller().set('Content-Type', 'application/json').send('{"broken":'),
      await caller().set('Content-Type', 'text/plain').send('junk'),
      await caller().send([1, 2]),
      await caller().send({ sessionMinutes: 600 }),
      await caller().send({ userId: plain.id }),
      await caller().set('Content-Type', 'application/json').send('"text"'),
      await caller().set('Content-Type', 'application/json').send('42'),
      await caller().set('Content-Type', 'application/json').send('null'),
      await request(app.url).post(SESSION).set('Authorization', 'Bearer'),
      await request(app.url)
        .post(SESSION)
        .set('Authorization', `Basic ${'x'.repeat(5000)}`),
    ];
    for (const res of answers) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body).toEqual(expect.objectContaining({ ...CONTRACT_ERROR, statusCode: res.status }));
      expect(sessionCookie(res)).toBeUndefined();
    }
  });
});

describe('queue dashboard: the API’s per-address rate limit', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(() => app.close());

  it('covers every request under /admin, before any credential is looked at', async () => {
    // An address of its own (the app trusts X-Forwarded-For from loopback), so no other request here counts.
    const from = '203.0.113.17';
    for (let i = 0; i < 5; i++) {
      await request(app.url)
        .get('/admin/queues')
        .set('X-Forwarded-For', from)
        .auth('someone@example.org', `guess ${i}`)
        .expect(401);
    }
    const res = await request(app.url)
      .get('/admin/queues/api/queues')
      .set('X-Forwarded-For', from)
      .auth('someone@example.org', 'guess 6')
      .expect(429);
    expect(res.body).toMatchObject({
      statusCode: 429,
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    expect(res.headers['retry-after']).toBe(String(res.body.retryAfterSeconds));
    // Another address is not held up.
    await request(app.url).get('/admin/queues').set('X-Forwarded-For', '203.0.113.18').expect(401);
  });
});
