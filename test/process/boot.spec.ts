import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('process boot', () => {
  it('`DATABASE_URL=nonsense npm run start:api` exits non-zero naming DATABASE_URL', () => {
    const result = spawnSync('npm', ['run', 'start:api', '--silent'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: 'nonsense' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stderr).toMatch(/DATABASE_URL/);
  });

  it('the worker refuses a bad REDIS_URL the same way', () => {
    const result = spawnSync('node', ['dist/apps/worker/src/main.js'], {
      cwd: root,
      env: { ...process.env, REDIS_URL: 'http://nope' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/REDIS_URL: must be a redis/);
  });
});
