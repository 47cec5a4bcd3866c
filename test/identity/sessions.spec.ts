import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { givenUser, PASSWORD, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

interface SessionBody {
  id: string;
  userAgent: string | null;
  signedInAt: string;
  lastUsedAt: string;
  current: boolean;
}

/** Signed-in devices: one refresh-token family each; listed, and signed out one by one or all but this one. */
describe('signed-in devices', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  type Tokens = { accessToken: string; refreshToken: string };
  const signIn = async (user: TestUser, userAgent: string): Promise<Tokens> =>
    (
      await request(app.url)
        .post('/api/v1/auth/login')
        .set('User-Agent', userAgent)
        .send({ email: user.email, password: PASSWORD })
        .expect(200)
    ).body;
  const asTokens = (tokens: Tokens) => ({
    get: (path: string) => request(app.url).get(path).set('Authorization', `Bearer ${tokens.accessToken}`),
    delete: (path: string) =>
      request(app.url).delete(path).set('Authorization', `Bearer ${tokens.accessToken}`),
  });
  const sessionsOf = async (tokens: Tokens): Promise<SessionBody[]> =>
    (await asTokens(tokens).get('/api/v1/me/sessions').expect(200)).body.items;
  const refresh = (refreshToken: string) =>
    request(app.url).post('/api/v1/auth/refresh').send({ refreshToken });

  it('lists each sign-in with its device and times, the current one marked, most recently used first', async () => {
    const user = await givenUser(app);
    const firefox = await signIn(
      user,
      'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    );
    const phone = await signIn(user, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Safari/604.1');
    const fromPhone = await sessionsOf(phone);
    expect(fromPhone).toHaveLength(3);
    expect(fromPhone[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userAgent: expect.stringContaining('iPhone'),
      signedInAt: expect.any(String),
      lastUsedAt: expect.any(String),
      current: true,
    });
    expect(fromPhone.map((s) => s.current)).toEqual([true, false, false]);
    expect(fromPhone[1].userAgent).toContain('Firefox');
    const fromFirefox = await sessionsOf(firefox);
    expect(fromFirefox.find((s) => s.current)?.id).toBe(fromPhone[1].id);

    // Renewing keeps the sign-in (same family): still current, used just now, first in the list.
    const renewed = (await refresh(firefox.refreshToken).expect(200)).body as Tokens;
    const after = await sessionsOf(renewed);
    expect(after[0]).toMatchObject({ id: fromPhone[1].id, current: true });
    expect(Date.parse(after[0].lastUsedAt)).toBeGreaterThan(Date.parse(fromPhone[1].lastUsedAt));
    expect(after[0].signedInAt).toBe(fromPhone[1].signedInAt);
    expect(after).toHaveLength(3);

    // Signing out (logout) removes it from the list.
    await request(app.url)
      .post('/api/v1/auth/logout')
      .send({ refreshToken: renewed.refreshToken })
      .expect(204);
    expect((await sessionsOf(phone)).map((s) => s.id)).not.toContain(fromPhone[1].id);
  });

  it('signs out one device: its refresh token and its access token stop working at once', async () => {
    const user = await givenUser(app);
    const laptop = await signIn(user, 'Laptop');
    const tablet = await signIn(user, 'Tablet');
    const tabletId = (await sessionsOf(tablet)).find((s) => s.current)!.id;

    await asTokens(laptop).delete(`/api/v1/me/sessions/${tabletId}`).expect(204);
    const refused = await asTokens(tablet).get('/api/v1/me').expect(401);
    expect(refused.body).toMatchObject({ code: 'UNAUTHORIZED', reason: 'SESSION_ENDED' });
    await refresh(tablet.refreshToken).expect(401);
    const left = await sessionsOf(laptop);
    expect(left.map((s) => s.id)).not.toContain(tabletId);
    expect(left).toHaveLength(2);

    // Again, or a sign-in of someone else, or one that never was: 404; a malformed id 400.
    const again = await asTokens(laptop).delete(`/api/v1/me/sessions/${tabletId}`).expect(404);
    expect(again.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    const stranger = await givenUser(app);
    const strangerSession = (await sessionsOf(stranger))[0].id;
    await asTokens(laptop).delete(`/api/v1/me/sessions/${strangerSession}`).expect(404);
    await asTokens(stranger).get('/api/v1/me').expect(200);
    await asTokens(laptop).delete(`/api/v1/me/sessions/${randomUUID()}`).expect(404);
    const malformed = await asTokens(laptop).delete('/api/v1/me/sessions/not-a-uuid').expect(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });

    // Signing out this very device works too (as logout does).
    const laptopId = (await sessionsOf(laptop)).find((s) => s.current)!.id;
    await asTokens(laptop).delete(`/api/v1/me/sessions/${laptopId}`).expect(204);
    await asTokens(laptop).get('/api/v1/me').expect(401);
    await refresh(laptop.refreshToken).expect(401);
  });

  it('signs out every other device and keeps this one', async () => {
    const user = await givenUser(app);
    const others = [await signIn(user, 'A'), await signIn(user, 'B')];
    const here = await signIn(user, 'Hier');
    await asTokens(here).delete('/api/v1/me/sessions').expect(204);
    for (const other of [user, ...others]) {
      await asTokens(other).get('/api/v1/me').expect(401);
      await refresh(other.refreshToken).expect(401);
    }
    const left = await sessionsOf(here);
    expect(left).toEqual([expect.objectContaining({ current: true, userAgent: 'Hier' })]);
    const renewed = (await refresh(here.refreshToken).expect(200)).body as Tokens;
    await asTokens(renewed).get('/api/v1/me').expect(200);
  });

  it('pages with limit and cursor; bad queries are 400; no token 401', async () => {
    const user = await givenUser(app);
    for (const agent of ['Eins', 'Zwei', 'Drei', 'Vier']) await signIn(user, agent);
    const first = await asTokens(user).get('/api/v1/me/sessions?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await asTokens(user)
      .get(`/api/v1/me/sessions?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`)
      .expect(200);
    const third = await asTokens(user)
      .get(`/api/v1/me/sessions?limit=2&cursor=${encodeURIComponent(second.body.nextCursor)}`)
      .expect(200);
    expect(third.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items, ...third.body.items].map(
      (s: SessionBody) => s.id,
    );
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(ids).toEqual((await sessionsOf(user)).map((s) => s.id));

    const forged = Buffer.from(JSON.stringify({ t: '2026-13-45', id: 'x' })).toString('base64url');
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'cursor=%%%', `cursor=${forged}`, 'other=1']) {
      const res = await asTokens(user).get(`/api/v1/me/sessions?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
    await request(app.url).get('/api/v1/me/sessions').expect(401);
    await request(app.url).delete('/api/v1/me/sessions').expect(401);
    await request(app.url).delete(`/api/v1/me/sessions/${randomUUID()}`).expect(401);
  });

  it('an access token without a sign-in (issued before sign-ins were named) still works until it expires', async () => {
    const user = await givenUser(app);
    const legacy = app.api.get(JwtService).sign({ sub: user.id, typ: 'access' }, { expiresIn: 60 });
    await request(app.url).get('/api/v1/me').set('Authorization', `Bearer ${legacy}`).expect(200);
    const listed = await request(app.url)
      .get('/api/v1/me/sessions')
      .set('Authorization', `Bearer ${legacy}`)
      .expect(200);
    expect(listed.body.items.map((s: SessionBody) => s.current)).toEqual([false]);
    // A token naming a sign-in that is not a UUID is refused.
    const odd = app.api.get(JwtService).sign({ sub: user.id, typ: 'access', sid: 'x' }, { expiresIn: 60 });
    await request(app.url).get('/api/v1/me').set('Authorization', `Bearer ${odd}`).expect(401);
  });
});
