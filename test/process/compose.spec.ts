import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const composeFile = join(root, 'docker', 'compose.yml');

/** `docker compose` where the plugin is installed, else Debian's `docker-compose` (npm test installs it). */
function compose(args: string[], env: NodeJS.ProcessEnv): string {
  const plugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  const [cmd, pre] = plugin.status === 0 ? ['docker', ['compose']] : ['docker-compose', []];
  return execFileSync(cmd, [...pre, '-f', composeFile, ...args], { cwd: root, env, encoding: 'utf8' });
}

interface Service {
  command?: string[];
  environment?: Record<string, string>;
}

/** The compose file as Compose resolves it, with an environment that sets nothing of runde's. */
function resolved(extra: Record<string, string> = {}): Record<string, Service> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  return parse(compose(['config'], env)).services as Record<string, Service>;
}

/**
 * docker/compose.yml is safe by default: production mode, no way to run without a real JWT secret, and a Redis
 * that keeps its data across restarts. (No Docker engine here: Compose validates and resolves the file, and the
 * processes are started with the environment it gives them.)
 */
describe('docker/compose.yml', () => {
  it('validates, and runs api, worker and migrate in production mode by default', () => {
    const services = resolved();
    for (const name of ['api', 'worker', 'migrate']) {
      expect(services[name].environment?.NODE_ENV).toBe('production');
    }
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
  });

  it('keeps Redis data on disk: append-only file, fsync every second', () => {
    const command = resolved().redis.command!.join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--appendfsync everysec');
  });

  it.each(['api', 'worker', 'migrate'])(
    'refuses to start the %s without JWT_SECRET, with a message naming it',
    (name) => {
      const service = resolved()[name];
      const environment = service.environment!;
      expect(environment.JWT_SECRET ?? '').toBe('');
      // The service's own command, with the environment Compose gives it (nothing else of runde's).
      const command = (service.command ?? ['node', 'dist/apps/api/src/main.js']).slice(1);
      const run = spawnSync(process.execPath, command, {
        cwd: root,
        env: { PATH: process.env.PATH, ...environment },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr + run.stdout).toMatch(/JWT_SECRET: is required in production/);
    },
  );

  it('passes a JWT_SECRET given in the environment or an env file through to the processes', () => {
    const secret = 'a'.repeat(40);
    expect(resolved({ JWT_SECRET: secret }).api.environment?.JWT_SECRET).toBe(secret);
  });
});
