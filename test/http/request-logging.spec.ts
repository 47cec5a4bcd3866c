import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { expectEventually } from '../support/expect-eventually';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * At warn (production's level) no request may enter an AsyncLocalStorage context: once one has, Node keeps promise
 * hooks on for the rest of the process, and every promise of every request pays for them.
 */
describe('request logging at quiet levels', () => {
  let app: TestApp;
  const run = jest.spyOn(AsyncLocalStorage.prototype, 'run');
  const enterWith = jest.spyOn(AsyncLocalStorage.prototype, 'enterWith');

  beforeAll(async () => {
    app = await startTestApp({ env: { LOG_LEVEL: 'warn' } });
  });
  afterAll(async () => {
    await app.close();
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

describe('request lines at info', () => {
  it('each request is written once, health checks not at all', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    let output = '';
    const child = spawn('node', ['dist/apps/api/src/main.js'], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, LOG_LEVEL: 'info', PORT: port, HOST: '127.0.0.1' },
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const url = `http://127.0.0.1:${port}`;
      await expectEventually(() => request(url).get('/api/v1/meta').expect(200), { timeoutMs: 20_000 });
      await request(url).get('/health').set('X-Request-Id', 'line-health').expect(200);
      await request(url).get('/api/v1/meta').set('X-Request-Id', 'line-meta').expect(200);
      await request(url).get('/admin/queues').set('X-Request-Id', 'line-admin').expect(401);
      const lines = (id: string) => output.split('\n').filter((l) => l.includes(`"id":"${id}"`)).length;
      await expectEventually(() => expect(lines('line-admin')).toBe(1));
      expect(lines('line-meta')).toBe(1);
      expect(lines('line-health')).toBe(0);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
