import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { REDIS, RedisKeys } from '@runde/platform';
import { as, givenUser, PASSWORD } from '../support/factories';
import { expectEventually } from '../support/expect-eventually';
import { mailsTo, resetTokenOf, SentMail } from '../support/mailbox';
import { startTestApp, TestApp } from '../support/test-app';

const NEW_PASSWORD = 'Neue Wege in der Integration 7';

/** Changing the password with the current one, and setting a new one from a link by mail. */
describe('password change and reset', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /**
   * Every request of this file comes from one network address: its hourly reset allowance starts afresh before
   * each test (the limit itself is tested last).
   */
  beforeEach(async () => {
    const redis = app.api.get<Redis>(REDIS);
    const keys = await redis.keys(app.api.get(RedisKeys).key('rl', 'password-reset*'));
    if (keys.length) await redis.del(...keys);
  });

  const login = (email: string, password: string, userAgent = 'jest') =>
    request(app.url).post('/api/v1/auth/login').set('User-Agent', userAgent).send({ email, password });
  const refresh = (refreshToken: string) =>
    request(app.url).post('/api/v1/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) =>
    request(app.url).get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`);
  const changePassword = (user: { accessToken: string }, body: unknown) =>
    request(app.url)
      .post('/api/v1/me/password')
      .set('Authorization', `Bearer ${user.accessToken}`)
      .send(body as object);
  const requestReset = (email: string) =>
    request(app.url).post('/api/v1/auth/password-reset').send({ email });
  const confirmReset = (token: string, newPassword = NEW_PASSWORD) =>
    request(app.url).post('/api/v1/auth/password-reset/confirm').send({ token, newPassword });

  /** The newest mail to `email` whose subject matches. */
  const mailTo = (email: string, subject: RegExp, after = 0): Promise<SentMail> =>
    expectEventually(() => {
      const mail = mailsTo(email)
        .slice(after)
        .filter((m) => subject.test(m.subject))
        .pop();
      if (!mail) throw new Error(`no mail "${subject.source}" to ${email}`);
      return mail;
    });
  const RESET_MAIL = /Neues Passwort festlegen/;
  const CHANGED_MAIL = /Ihr Passwort wurde geändert/;

  describe('change with the current password', () => {
    it('sets the new password, ends the other sign-ins at once and keeps this one', async () => {
      const user = await givenUser(app);
      const other = (await login(user.email, PASSWORD, 'Firefox auf dem Dienstlaptop').expect(200)).body;
      await changePassword(user, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(204);

      // The other device: its access token stops working now, not when it expires; its refresh token too.
      const ended = await me(other.accessToken).expect(401);
      expect(ended.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED', reason: 'SESSION_ENDED' });
      await refresh(other.refreshToken).expect(401);
      // This device stays signed in and keeps renewing.
      await me(user.accessToken).expect(200);
      const renewed = await refresh(user.refreshToken).expect(200);
      await me(renewed.body.accessToken).expect(200);

      await login(user.email, PASSWORD).expect(401);
      await login(user.email, NEW_PASSWORD).expect(200);
      const notice = await mailTo(user.email, CHANGED_MAIL);
      expect(notice.text).toContain('andere Geräte wurden abgemeldet');
      expect(notice.text).toContain('/#/login');
    });

    it('refuses a wrong current password (403), a weak or unchanged new one (400), each naming the rule', async () => {
      const user = await givenUser(app);
      const wrong = await changePassword(user, {
        currentPassword: 'nicht das Passwort',
        newPassword: NEW_PASSWORD,
      }).expect(403);
      expect(wrong.body).toMatchObject({ code: 'FORBIDDEN', reason: 'CURRENT_PASSWORD_WRONG' });
      const weak = await changePassword(user, { currentPassword: PASSWORD, newPassword: 'kurz' }).expect(400);
      expect(weak.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        reason: 'PASSWORD_TOO_SHORT',
        details: [{ field: 'newPassword', messages: [expect.stringContaining('at least 10')] }],
      });
      const local = user.email.split('@')[0];
      const withEmail = await changePassword(user, {
        currentPassword: PASSWORD,
        newPassword: `${local}-Zukunft`,
      }).expect(400);
      expect(withEmail.body.reason).toBe('PASSWORD_CONTAINS_EMAIL');
      const same = await changePassword(user, { currentPassword: PASSWORD, newPassword: PASSWORD }).expect(
        400,
      );
      expect(same.body.reason).toBe('PASSWORD_UNCHANGED');
      // Nothing changed.
      await login(user.email, PASSWORD).expect(200);
    });

    it('is throttled like sign-in, on the same counters: failures here lock sign-in too', async () => {
      const user = await givenUser(app);
      for (let i = 0; i < 5; i++)
        await changePassword(user, { currentPassword: `falsch ${i}`, newPassword: NEW_PASSWORD }).expect(403);
      // The sixth attempt waits, even with the right password …
      const locked = await changePassword(user, {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      }).expect(429);
      expect(locked.body).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      expect(locked.headers['retry-after']).toBeDefined();
      // … and so does signing in with it.
      await login(user.email, PASSWORD).expect(429);
    });

    it('counts attempts per account per minute (LOGIN_RATE_LIMIT_PER_MINUTE)', async () => {
      const user = await givenUser(app);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        // A failure lock (after 5) would answer 429 too; a success in between clears it, as sign-in does.
        const body =
          i % 2 === 0
            ? { currentPassword: PASSWORD, newPassword: PASSWORD }
            : { currentPassword: 'falsch', newPassword: NEW_PASSWORD };
        statuses.push((await changePassword(user, body)).status);
      }
      expect(statuses.slice(0, 10)).toEqual([400, 403, 400, 403, 400, 403, 400, 403, 400, 403]);
      expect(statuses[10]).toBe(429);
    });
  });

  describe('reset by mail', () => {
    it('mails a single-use link; the token sets the password, is used up and ends every sign-in', async () => {
      const user = await givenUser(app);
      const laptop = (await login(user.email, PASSWORD, 'Laptop').expect(200)).body;
      const res = await requestReset(user.email.toUpperCase()).expect(202);
      expect(res.body).toEqual({ message: expect.stringContaining('If an account uses this address') });

      const mail = await mailTo(user.email, RESET_MAIL);
      expect(mail.text).toContain('Guten Tag');
      expect(mail.text).toContain('60 Minuten gültig');
      expect(mail.text).toContain('Falls Sie das nicht angefordert haben');
      const token = resetTokenOf(mail);
      // Only the token's hash is stored.
      const stored = await app.dataSource.query(
        `SELECT token_hash, expires_at - created_at AS ttl FROM password_resets WHERE user_id = $1`,
        [user.id],
      );
      expect(stored).toHaveLength(1);
      expect(stored[0].token_hash).not.toContain(token);
      expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(token);

      await confirmReset(token).expect(204);
      await login(user.email, PASSWORD).expect(401);
      await login(user.email, NEW_PASSWORD).expect(200);
      // Every sign-in that existed before ended: refresh and access tokens.
      for (const session of [user, laptop]) {
        await refresh(session.refreshToken).expect(401);
        await me(session.accessToken).expect(401);
      }
      // Single use.
      const again = await confirmReset(token, 'Noch ein anderes Passwort 8').expect(400);
      expect(again.body).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'RESET_LINK_USED' });
      await login(user.email, NEW_PASSWORD).expect(200);
      await mailTo(user.email, CHANGED_MAIL);
    });

    it('answers an unknown address exactly as a known one, and sends nothing', async () => {
      const user = await givenUser(app);
      const unknown = `niemand-${randomUUID().slice(0, 8)}@example.org`;
      const known = await requestReset(user.email).expect(202);
      const stranger = await requestReset(unknown).expect(202);
      expect(stranger.status).toBe(known.status);
      expect(stranger.body).toEqual(known.body);
      expect(stranger.text).toBe(known.text);
      for (const header of [
        'content-type',
        'content-length',
        'content-encoding',
        'cache-control',
        'set-cookie',
        'retry-after',
      ])
        expect([header, stranger.headers[header]]).toEqual([header, known.headers[header]]);
      // The same set of headers, whatever their values (X-Request-Id and Date differ by nature).
      expect(Object.keys(stranger.headers).sort()).toEqual(Object.keys(known.headers).sort());
      await mailTo(user.email, RESET_MAIL);
      expect(mailsTo(unknown)).toEqual([]);
      const rows = await app.dataSource.query(`SELECT count(*)::int AS n FROM password_resets`);
      expect(rows[0].n).toBeGreaterThan(0);
    });

    it('takes about as long for an unknown address as for a known one (the mail goes out after the answer)', async () => {
      const users = await Promise.all([1, 2, 3, 4, 5].map(() => givenUser(app)));
      const time = async (email: string) => {
        const start = process.hrtime.bigint();
        await requestReset(email).expect(202);
        return Number(process.hrtime.bigint() - start) / 1e6;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (const user of users) {
        known.push(await time(user.email));
        unknown.push(await time(`niemand-${randomUUID().slice(0, 8)}@example.org`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      // Generous: a mail sent before answering, or a password hash on one path only, would show.
      expect(Math.abs(median(known) - median(unknown))).toBeLessThan(40);
    });

    it('refuses an unknown, an expired and a used token, and a weak password (the link stays usable then)', async () => {
      const user = await givenUser(app);
      const invalid = await confirmReset('x'.repeat(43)).expect(400);
      expect(invalid.body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        reason: 'RESET_LINK_INVALID',
        details: [{ field: 'token', messages: [expect.any(String)] }],
      });

      await requestReset(user.email).expect(202);
      const token = resetTokenOf(await mailTo(user.email, RESET_MAIL));
      const weak = await confirmReset(token, 'aaaaaaaaaaaa').expect(400);
      expect(weak.body).toMatchObject({ reason: 'PASSWORD_TOO_SIMPLE', details: [{ field: 'newPassword' }] });

      await app.dataSource.query(
        `UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [user.id],
      );
      const expired = await confirmReset(token).expect(400);
      expect(expired.body.reason).toBe('RESET_LINK_EXPIRED');
      await login(user.email, PASSWORD).expect(200);
    });

    it('a newer link works beside an older one until one of them is used; then both are used up', async () => {
      const user = await givenUser(app);
      await requestReset(user.email).expect(202);
      const first = resetTokenOf(await mailTo(user.email, RESET_MAIL));
      const seen = mailsTo(user.email).length;
      await requestReset(user.email).expect(202);
      const second = resetTokenOf(await mailTo(user.email, RESET_MAIL, seen));
      expect(second).not.toBe(first);
      await confirmReset(second).expect(204);
      const old = await confirmReset(first, 'Ein ganz anderes Passwort 9').expect(400);
      expect(old.body.reason).toBe('RESET_LINK_USED');
      await login(user.email, NEW_PASSWORD).expect(200);
    });

    it('two confirmations of one link at once: one sets the password, the other is refused', async () => {
      const user = await givenUser(app);
      await requestReset(user.email).expect(202);
      const token = resetTokenOf(await mailTo(user.email, RESET_MAIL));
      const [a, b] = await Promise.all([
        confirmReset(token, 'Erstes neues Passwort 1'),
        confirmReset(token, 'Zweites neues Passwort 2'),
      ]);
      expect([a.status, b.status].sort()).toEqual([204, 400]);
      const winner = a.status === 204 ? 'Erstes neues Passwort 1' : 'Zweites neues Passwort 2';
      await login(user.email, winner).expect(200);
    });

    it('a reset also lifts a sign-in lock from failed attempts', async () => {
      const user = await givenUser(app);
      for (let i = 0; i < 5; i++) await login(user.email, `falsch ${i}`).expect(401);
      await login(user.email, PASSWORD).expect(429);
      await requestReset(user.email).expect(202);
      await confirmReset(resetTokenOf(await mailTo(user.email, RESET_MAIL))).expect(204);
      await login(user.email, NEW_PASSWORD).expect(200);
    });

    it('an erased account gets no mail and its old link no longer works', async () => {
      const user = await givenUser(app);
      await requestReset(user.email).expect(202);
      const token = resetTokenOf(await mailTo(user.email, RESET_MAIL));
      await as(app, user).delete('/api/v1/me').send({ password: PASSWORD }).expect(204);
      const res = await confirmReset(token).expect(400);
      expect(res.body.reason).toBe('RESET_LINK_INVALID');
      const count = mailsTo(user.email).length;
      await requestReset(user.email).expect(202);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(mailsTo(user.email)).toHaveLength(count);
    });

    it('bad input: a 400 in the contract’s body, never a 5xx', async () => {
      const cases: Array<[string, unknown]> = [
        ['/api/v1/auth/password-reset', {}],
        ['/api/v1/auth/password-reset', { email: 42 }],
        ['/api/v1/auth/password-reset', { email: 'not-an-email' }],
        ['/api/v1/auth/password-reset', { email: `${'a'.repeat(250)}@example.org` }],
        ['/api/v1/auth/password-reset', { email: 'a@b.de', extra: true }],
        ['/api/v1/auth/password-reset', [{ email: 'a@b.de' }]],
        ['/api/v1/auth/password-reset', { email: 'a\u0000@b.de' }],
        ['/api/v1/auth/password-reset/confirm', {}],
        ['/api/v1/auth/password-reset/confirm', { token: 'abc' }],
        ['/api/v1/auth/password-reset/confirm', { token: 42, newPassword: NEW_PASSWORD }],
        ['/api/v1/auth/password-reset/confirm', { token: '', newPassword: NEW_PASSWORD }],
        ['/api/v1/auth/password-reset/confirm', { token: 'x'.repeat(201), newPassword: NEW_PASSWORD }],
        ['/api/v1/auth/password-reset/confirm', { token: 'abc', newPassword: 'x'.repeat(1001) }],
        ['/api/v1/auth/password-reset/confirm', { token: { $ne: 1 }, newPassword: NEW_PASSWORD }],
      ];
      for (const [path, body] of cases) {
        const res = await request(app.url)
          .post(path)
          .send(body as object);
        expect([path, body, res.status]).toEqual([path, body, 400]);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      }
      const huge = await request(app.url)
        .post('/api/v1/auth/password-reset')
        .send({ email: 'x'.repeat(1024 * 1024) });
      expect(huge.status).toBe(413);
      expect(huge.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });

      const user = await givenUser(app);
      const changeCases: unknown[] = [
        {},
        { currentPassword: PASSWORD },
        { newPassword: NEW_PASSWORD },
        { currentPassword: 42, newPassword: NEW_PASSWORD },
        { currentPassword: '', newPassword: NEW_PASSWORD },
        { currentPassword: PASSWORD, newPassword: null },
        { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, isAdmin: true },
        'text',
      ];
      for (const body of changeCases) {
        const res = await changePassword(user, body);
        expect([body, res.status]).toEqual([body, 400]);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      }
      const anonymous = await request(app.url)
        .post('/api/v1/me/password')
        .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
        .expect(401);
      expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
      await login(user.email, PASSWORD).expect(200);
    });

    it('is limited per e-mail address (5 an hour), the same for unknown addresses', async () => {
      const user = await givenUser(app);
      const unknown = `niemand-${randomUUID().slice(0, 8)}@example.org`;
      for (const email of [user.email, unknown]) {
        for (let i = 0; i < 5; i++) await requestReset(email).expect(202);
        const limited = await requestReset(email.toUpperCase()).expect(429);
        expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      }
    });

    it('is limited per network address (30 an hour)', async () => {
      let limited: request.Response | undefined;
      for (let i = 0; i < 40 && !limited; i++) {
        const res = await requestReset(`viele-${i}-${randomUUID().slice(0, 6)}@example.org`);
        if (res.status === 429) limited = res;
        else expect(res.status).toBe(202);
      }
      expect(limited?.body).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      // Setting a password from a link is limited per network address too (30 an hour).
      let confirmLimited = false;
      for (let i = 0; i < 40 && !confirmLimited; i++)
        confirmLimited = (await confirmReset(`falsch-${i}`)).status === 429;
      expect(confirmLimited).toBe(true);
    });
  });
});
