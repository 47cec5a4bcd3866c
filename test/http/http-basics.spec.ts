import { connect, Socket } from 'node:net';
import request from 'supertest';
import { expectEventually } from '../support/expect-eventually';
import { as, givenUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('HTTP basics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('GET /health is 200 when Postgres and Redis answer', async () => {
    const res = await request(app.url).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });
  });

  it('an idle keep-alive connection outlives Node’s 5 s default, so a client’s next request is not reset', async () => {
    const raw = rawConnection(app.url);
    const { socket } = raw;
    const ask = async (n: number) => {
      socket.write(`GET /health HTTP/1.1\r\nHost: ${raw.hostname}\r\n\r\n`);
      await expectEventually(() => expect(raw.received.split('HTTP/1.1 200').length - 1).toBe(n));
    };
    try {
      await ask(1);
      // Idle for longer than Node's default keep-alive timeout (5 s, closed at about 6 s): the waiting is what is tested.
      await new Promise((resolve) => setTimeout(resolve, 7_000));
      expect(raw.closed).toBe(false);
      await ask(2);
    } finally {
      socket.destroy();
    }
  }, 15_000);

  it('unknown routes get the contract error body with 404', async () => {
    const res = await request(app.url).get('/api/v1/no-such-thing').expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
    await request(app.url).delete('/nowhere').expect(404);
  });

  it('malformed JSON is 400 VALIDATION_FAILED, not a stack trace', async () => {
    const res = await request(app.url)
      .post('/api/v1/meta')
      .set('content-type', 'application/json')
      .send('{"broken": ')
      .expect(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Malformed JSON body' });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('an empty body sent as JSON is read as {} (as clients that always send the header expect)', async () => {
    const user = await givenUser(app);
    const res = await as(app, user)
      .post('/api/v1/notifications/read-all')
      .set('content-type', 'application/json')
      .send('')
      .expect(200);
    expect(res.body).toEqual({ updated: 0 });
  });

  it('a body that is not JSON is 415 VALIDATION_FAILED with the contract body', async () => {
    const user = await givenUser(app);
    const res = await as(app, user)
      .post('/api/v1/notifications/read-all')
      .set('content-type', 'text/plain')
      .send('hello')
      .expect(415);
    expect(res.body).toEqual({
      statusCode: 415,
      code: 'VALIDATION_FAILED',
      message: 'Send the body as JSON (Content-Type: application/json)',
    });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('JSON that would set a prototype is refused, not merged', async () => {
    const res = await request(app.url)
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":"a@example.org","password":"x","__proto__":{"isAdmin":true}}')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it('a malformed URL and bodies of the wrong shape get the contract’s 400, never Fastify’s own body', async () => {
    const badUrl = await request(app.url).get('/api/v1/threads/%E0%A4%A').expect(400);
    expect(badUrl.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Malformed URL' });
    expect(badUrl.headers['x-request-id']).toBeTruthy();
    for (const body of ['[1,2]', '"text"', 'null', '{"constructor":{"prototype":{"isAdmin":true}}}']) {
      const res = await request(app.url)
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send(body)
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('an overlong id in a path is a malformed id (400), not an unknown route', async () => {
    const user = await givenUser(app);
    for (const id of ['x'.repeat(1_500), 'a'.repeat(12_000)]) {
      const res = await as(app, user).get(`/api/v1/threads/${id}`).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('a request the HTTP parser cannot read gets the contract’s body and a closed connection', async () => {
    const raw = rawConnection(app.url);
    raw.socket.write('GET /health HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n');
    await expectEventually(() => expect(raw.closed).toBe(true));
    const { received } = raw;
    expect(received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Malformed HTTP request',
    });
  });

  it('routes match regardless of a trailing slash and of case, as before', async () => {
    await request(app.url).get('/api/v1/meta/').expect(200);
    await request(app.url).get('/API/v1/Meta').expect(200);
  });

  it('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await request(app.url)
      .post('/api/v1/meta')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(1024 * 1024) }))
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('API answers, tokens and errors included, are never stored by a browser or proxy; the rest keeps its own', async () => {
    const user = await givenUser(app);
    const login = await request(app.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const me = await as(app, user).get('/API/V1/me').expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const missing = await request(app.url).get('/api/v1/no-such-thing').expect(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    const denied = await request(app.url).get('/api/v1/me').expect(401);
    expect(denied.headers['cache-control']).toBe('no-store');
    const health = await request(app.url).get('/health').expect(200);
    expect(health.headers['cache-control']).toBeUndefined();
    const page = await request(app.url).get('/').set('Accept', 'text/html').expect(200);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('echoes a valid X-Request-Id and makes one otherwise', async () => {
    const echoed = await request(app.url).get('/api/v1/meta').set('X-Request-Id', 'abc-123').expect(200);
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    const made = await request(app.url)
      .get('/api/v1/meta')
      .set('X-Request-Id', 'bad id with spaces!')
      .expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves OpenAPI at /api/docs and /api/docs-json', async () => {
    const json = await request(app.url).get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/health', '/api/v1/meta']));
    const html = await request(app.url).get('/api/docs').redirects(1).expect(200);
    expect(html.text).toContain('swagger');
  });

  it('keeps the queue dashboard closed to everybody without credentials', async () => {
    const res = await request(app.url).get('/admin/queues').expect(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHORIZED' });
    // No password prompt: the dashboard takes the normal sign-in (test/http/admin-dashboard.spec.ts).
    expect(res.headers['www-authenticate']).toBeUndefined();
  });
});

/** A plain TCP connection to the api, to send what no HTTP client would; it collects what comes back. */
function rawConnection(url: string): { socket: Socket; hostname: string; received: string; closed: boolean } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const raw = { socket, hostname, received: '', closed: false };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (raw.received += chunk));
  socket.on('close', () => (raw.closed = true));
  return raw;
}
