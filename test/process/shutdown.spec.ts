import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { expectEventually } from '../support/expect-eventually';

const root = join(__dirname, '..', '..');

function start(entry: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn('node', [entry], { cwd: root, env: { ...process.env, LOG_LEVEL: 'info', ...env } });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('graceful shutdown on SIGTERM', () => {
  it('the api stops listening, closes its pools and exits', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const { child, output } = start('dist/apps/api/src/main.js', { PORT: port, HOST: '127.0.0.1' });
    const done = exited(child);
    await expectEventually(() => request(`http://127.0.0.1:${port}`).get('/health').expect(200), {
      timeoutMs: 20_000,
    });
    child.kill('SIGTERM');
    const { code, signal } = await done;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(output()).not.toMatch(/Unhandled|ERR_/);
    await expect(request(`http://127.0.0.1:${port}`).get('/health').timeout(1000)).rejects.toThrow();
  });

  it('the worker finishes its jobs, closes its queues and exits', async () => {
    const { child, output } = start('dist/apps/worker/src/main.js', {});
    const done = exited(child);
    await expectEventually(() => expect(output()).toContain('worker started'), { timeoutMs: 20_000 });
    child.kill('SIGTERM');
    const { code, signal } = await done;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
  });
});
