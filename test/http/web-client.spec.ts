import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { WEB_DIST } from '../../apps/api/src/web/serve-web';
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
    }
  });

  it('serves the built assets with a cache lifetime', async () => {
    const asset = readdirSync(join(WEB_DIST, 'assets')).find((f) => f.endsWith('.js'));
    expect(asset).toBeDefined();
    const res = await request(app.url).get(`/assets/${asset}`).expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/max-age=3600/);
  });

  it('leaves API, health and socket paths and non-HTML requests to the contract’s 404', async () => {
    for (const path of ['/api/v1/nothing-here', '/API/v2/x', '/admin-nothing/x', '/socket.io-x']) {
      const res = await request(app.url).get(path).set('Accept', 'application/json');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
    const html = await request(app.url).get('/api/v1/nothing-here').set('Accept', 'text/html').expect(404);
    expect(html.body).toMatchObject({ code: 'NOT_FOUND' });
    await request(app.url).post('/threads/abc').set('Accept', 'text/html').expect(404);
    await request(app.url).get('/threads/abc').set('Accept', 'text/html;q=0').expect(404);
  });
});
