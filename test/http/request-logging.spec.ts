import { AsyncLocalStorage } from 'node:async_hooks';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * At warn (production's level) no request may enter an AsyncLocalStorage context: once one has, Node keeps promise
 * hooks on for the rest of the process, and every promise of every request pays for them.
 */
describe('request logging at quiet levels', () => {
  let app: TestApp;
  let level: string | undefined;
  const run = jest.spyOn(AsyncLocalStorage.prototype, 'run');
  const enterWith = jest.spyOn(AsyncLocalStorage.prototype, 'enterWith');

  beforeAll(async () => {
    level = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'warn';
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
    process.env.LOG_LEVEL = level;
    run.mockRestore();
    enterWith.mockRestore();
  });

  it('health checks, public and authenticated requests, and errors enter no async context', async () => {
    run.mockClear();
    enterWith.mockClear();
    await request(app.url).get('/health').expect(200);
    await request(app.url).get('/api/v1/meta').expect(200);
    await request(app.url).get('/api/v1/me').expect(401);
    await request(app.url).get('/api/v1/no-such-route').expect(404);
    expect(run).not.toHaveBeenCalled();
    expect(enterWith).not.toHaveBeenCalled();
  });

  it('still answers with a request id', async () => {
    const res = await request(app.url).get('/health').set('X-Request-Id', 'check-42').expect(200);
    expect(res.headers['x-request-id']).toBe('check-42');
  });
});
