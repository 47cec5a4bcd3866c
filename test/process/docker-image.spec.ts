import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { expectEventually } from '../support/expect-eventually';

const root = join(__dirname, '..', '..');

/** The `COPY` lines of the Dockerfile's last stage (the runtime image): [from stage or null, sources, target]. */
function runtimeCopies(
  dockerfile: string,
): Array<{ from: string | null; sources: string[]; target: string }> {
  const stages = dockerfile.split(/^FROM /m);
  return stages[stages.length - 1]
    .split('\n')
    .filter((line) => line.startsWith('COPY '))
    .map((line) => {
      const words = line.split(/\s+/).slice(1);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length) ?? null;
      const paths = words.filter((w) => !w.startsWith('--'));
      return { from, sources: paths.slice(0, -1), target: paths[paths.length - 1] };
    });
}

/**
 * There is no Docker engine here, so the runtime image's file layout is rebuilt from the Dockerfile's COPY lines
 * (the build stage's files are this checkout's, built by `npm test`; the production node_modules are this
 * checkout's too) and the api is started in it: it must serve the browser client and the API.
 */
describe('the Docker image’s layout', () => {
  it('has what the api needs to serve the browser client and the API', async () => {
    const copies = runtimeCopies(readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8'));
    expect(copies.length).toBeGreaterThan(0);
    const image = mkdtempSync(join(tmpdir(), 'runde-image-'));
    try {
      for (const { from, sources, target } of copies) {
        for (const source of sources) {
          const inRepo = from ? source.replace(/^\/app\/?/, '') : source;
          if (inRepo === 'node_modules') {
            symlinkSync(join(root, 'node_modules'), join(image, target));
            continue;
          }
          const destination = target.endsWith('/') ? join(image, target, inRepo) : join(image, target);
          cpSync(join(root, inRepo), destination, { recursive: true });
        }
      }
      const port = String(20000 + Math.floor(Math.random() * 20000));
      const child = spawn('node', ['dist/apps/api/src/main.js'], {
        cwd: image,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          JWT_SECRET: randomBytes(32).toString('base64url'),
          LOG_LEVEL: 'warn',
          PORT: port,
          HOST: '127.0.0.1',
        },
      });
      let output = '';
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        const url = `http://127.0.0.1:${port}`;
        await expectEventually(
          () => {
            if (child.exitCode !== null) throw new Error(`the api exited (${child.exitCode}):\n${output}`);
            return request(url).get('/health').expect(200);
          },
          { timeoutMs: 20_000 },
        );
        const page = await request(url).get('/').set('Accept', 'text/html').expect(200);
        expect(page.text).toContain('<div id="app"');
        const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
        expect(script).toBeDefined();
        await request(url)
          .get(script!)
          .expect(200)
          .expect('Content-Type', /javascript/);
        await request(url).get('/api/v1/meta').expect(200);
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
    } finally {
      rmSync(image, { recursive: true, force: true });
    }
  });
});
