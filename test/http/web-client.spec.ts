import { readdirSync, readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { DOCUMENT_HEADERS, WEB_DIST } from '../../apps/api/src/web/serve-web';
import { startTestApp, TestApp } from '../support/test-app';

// The api serves the browser client that `npm test` builds first (npm run build:web).
describe('The browser client, served by the api', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers / and client-side routes with index.html, not cached', async () => {
    for (const path of ['/', '/threads/abc', '/Topics/x/']) {
      const res = await request(app.url).get(path).set('Accept', 'text/html,*/*;q=0.8').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="app"');
      expect(res.headers['content-security-policy']).toBe(DOCUMENT_HEADERS['Content-Security-Policy']);
      expect(res.headers['content-security-policy']).toContain("script-src 'self';");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves the built assets, named by their hash, as immutable', async () => {
    const asset = readdirSync(join(WEB_DIST, 'assets')).find((f) => f.endsWith('.js'));
    expect(asset).toBeDefined();
    const res = await request(app.url).get(`/assets/${asset}`).expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves /index.html itself, not cached (it names the current assets)', async () => {
    const res = await request(app.url).get('/index.html').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(DOCUMENT_HEADERS['Content-Security-Policy']);
    expect(res.text).toContain('<div id="app"');
  });

  it('sends the build’s Brotli or gzip copy to browsers that accept it, and the file itself to others', async () => {
    const assets = readdirSync(join(WEB_DIST, 'assets'));
    const asset = assets.find((f) => f.endsWith('.js') && assets.includes(`${f}.br`));
    expect(asset).toBeDefined();
    const original = readFileSync(join(WEB_DIST, 'assets', asset!));
    // Node's own client: supertest would decompress the body on its way.
    const raw = (path: string, acceptEncoding: string) =>
      new Promise<{ status?: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        get(`${app.url}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        }).on('error', reject);
      });
    const url = `/assets/${asset}`;

    const br = await raw(url, 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(original.length / 2);
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

    const gz = await raw(url, 'gzip');
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(original)).toBe(true);

    const plain = await raw(url, 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/accept-encoding/i);
    expect(plain.body.equals(original)).toBe(true);
  });

  it('leaves API, health and socket paths and non-HTML requests to the contract’s 404', async () => {
    for (const path of ['/api/v1/nothing-here', '/API/v2/x', '/admin-nothing/x', '/socket.io-x']) {
      const res = await request(app.url).get(path).set('Accept', 'application/json');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
    const html = await request(app.url).get('/api/v1/nothing-here').set('Accept', 'text/html').expect(404);
    expect(html.body).toMatchObject({ code: 'NOT_FOUND' });
    expect(html.headers['x-content-type-options']).toBe('nosniff');
    expect(html.headers['content-security-policy']).toBeUndefined();
    await request(app.url).post('/threads/abc').set('Accept', 'text/html').expect(404);
    await request(app.url).get('/threads/abc').set('Accept', 'text/html;q=0').expect(404);
  });
});
