import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { COMPRESSION_THRESHOLD_BYTES, isNeverCompressed } from '@runde/platform';
import { givenPost, givenThread, useGroupWithTopic } from '../support/discussion-factories';
import { PASSWORD } from '../support/factories';

interface Raw {
  status?: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

// Node's own client: supertest would decompress the body on its way (and asks for gzip by itself).
function raw(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const payload: Buffer | string | undefined =
      body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const req = httpRequest(
      `${base}${path}`,
      {
        method,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('Compressed API responses', () => {
  const ctx = useGroupWithTopic();
  let threadId: string;
  let postsPath: string;

  beforeAll(async () => {
    threadId = (await givenThread(ctx.app, ctx.group.owner, ctx.topicId)).id;
    for (let i = 0; i < 12; i++) {
      await givenPost(
        ctx.app,
        ctx.group.people.member,
        threadId,
        `Beitrag ${i}: Wie erreichen wir die Träger vor Ort?`,
      );
    }
    postsPath = `/api/v1/threads/${threadId}/posts?limit=50`;
  });

  const auth = () => ({ authorization: `Bearer ${ctx.group.people.member.accessToken}` });

  it('sends a large JSON body with Brotli or gzip to clients that accept it, and the same JSON', async () => {
    const plain = await raw(ctx.app.url, 'GET', postsPath, { ...auth(), 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);
    const json = JSON.parse(plain.body.toString('utf8')) as { items: unknown[] };
    expect(json.items).toHaveLength(13);

    const br = await raw(ctx.app.url, 'GET', postsPath, {
      ...auth(),
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    expect(br.headers['x-request-id']).toBeTruthy();
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(json);

    const gz = await raw(ctx.app.url, 'GET', postsPath, { ...auth(), 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(json);

    // An encoding the server does not offer: the body as it is.
    const other = await raw(ctx.app.url, 'GET', postsPath, { ...auth(), 'accept-encoding': 'compress' });
    expect(other.status).toBe(200);
    expect(other.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(other.body.toString('utf8'))).toEqual(json);
  });

  it('sends small bodies and errors as they are', async () => {
    const small = await raw(ctx.app.url, 'GET', '/health', { 'accept-encoding': 'br, gzip' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toMatchObject({ status: 'ok' });

    const denied = await raw(ctx.app.url, 'GET', postsPath, { 'accept-encoding': 'br, gzip' });
    expect(denied.status).toBe(401);
    expect(denied.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(denied.body.toString('utf8'))).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
  });

  it('refuses a compressed request body as malformed rather than inflating it', async () => {
    const res = await raw(
      ctx.app.url,
      'POST',
      `/api/v1/threads/${threadId}/posts`,
      { ...auth(), 'content-encoding': 'gzip' },
      gzipSync(JSON.stringify({ body: 'Gepackter Beitrag' })),
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ code: 'VALIDATION_FAILED' });
    const posts = await raw(ctx.app.url, 'GET', postsPath, { ...auth(), 'accept-encoding': 'identity' });
    expect((JSON.parse(posts.body.toString('utf8')) as { items: unknown[] }).items).toHaveLength(13);
  });

  it('compresses the OpenAPI document too', async () => {
    const doc = await raw(ctx.app.url, 'GET', '/api/docs-json', { 'accept-encoding': 'br' });
    expect(doc.status).toBe(200);
    expect(doc.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(doc.body).toString('utf8'))).toHaveProperty('openapi');
  });

  it('never compresses the responses that carry tokens, however large', async () => {
    // The longest name and address the contract allows, so that the response is well over the threshold.
    const email = `${'a'.repeat(27)}${randomUUID()}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(40)}.example.org`;
    const displayName = '€'.repeat(100); // three bytes each in UTF-8
    const headers = { 'accept-encoding': 'br, gzip' };
    const registered = await raw(ctx.app.url, 'POST', '/api/v1/auth/register', headers, {
      email,
      password: PASSWORD,
      displayName,
    });
    expect(registered.status).toBe(201);
    expect(registered.body.length).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);
    expect(registered.headers['content-encoding']).toBeUndefined();
    const session = JSON.parse(registered.body.toString('utf8')) as { refreshToken: string };

    const login = await raw(ctx.app.url, 'POST', '/api/v1/auth/login', headers, {
      email,
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.body.length).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);
    expect(login.headers['content-encoding']).toBeUndefined();

    const refreshed = await raw(ctx.app.url, 'POST', '/api/v1/auth/refresh', headers, {
      refreshToken: session.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(refreshed.body.toString('utf8'))).toHaveProperty('accessToken');

    // Whatever case or trailing slash a client uses, the route is the same one.
    expect(isNeverCompressed('/api/v1/auth/login')).toBe(true);
    expect(isNeverCompressed('/API/V1/AUTH')).toBe(true);
    expect(isNeverCompressed('/api/v1/authors')).toBe(false);
    expect(isNeverCompressed('/api/v1/threads/x/posts')).toBe(false);
  });
});
