import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');
const wanted = readFileSync(join(root, '.node-version'), 'utf8').trim();

/**
 * The product runs on Node 24 LTS: `npm test` and `npm start` put it first on PATH (from the npm registry when the
 * system's Node is older), and the native packages load their prebuilt binaries on it.
 */
describe('the Node runtime', () => {
  it(`runs the tests on the Node major of .node-version (${wanted}), which package.json's engines accept`, () => {
    expect(process.versions.node.split('.')[0]).toBe(wanted.split('.')[0]);
    const engines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node as string;
    expect(engines).toBe('>=24 <25');
    expect(readFileSync(join(root, '.nvmrc'), 'utf8').trim()).toBe(wanted);
  });

  it('gives every process the tests start the same Node (the first node on PATH)', () => {
    expect(execFileSync('node', ['-v'], { encoding: 'utf8' }).trim()).toBe(process.version);
  });

  it.each(['argon2', 'bufferutil'])('loads %s from its prebuilt native binary', (name) => {
    // node-gyp-build picks the binary the package would load; requiring it must work on this Node.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const gypBuild = require('node-gyp-build') as { path(dir: string): string };
    const binary = gypBuild.path(dirname(require.resolve(name)));
    expect(binary).toMatch(/\.node$/);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(() => require(binary)).not.toThrow();
  });

  it('hashes and verifies a password with argon2id on this Node', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const argon2 = require('argon2') as typeof import('argon2');
    const hash = await argon2.hash('Integration braucht Zeit', { type: argon2.argon2id, memoryCost: 4096 });
    expect(hash).toMatch(/^\$argon2id\$/);
    await expect(argon2.verify(hash, 'Integration braucht Zeit')).resolves.toBe(true);
    await expect(argon2.verify(hash, 'falsch')).resolves.toBe(false);
  });

  it('gives socket.io’s WebSocket server the native bufferutil', () => {
    // ws loads bufferutil when it is installed (socket.io's engine uses ws); it must be a dependency.
    const deps = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies as Record<
      string,
      string
    >;
    expect(deps.bufferutil).toBeDefined();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bufferutil = require('bufferutil') as { mask: unknown; unmask: unknown };
    expect(typeof bufferutil.mask).toBe('function');
  });
});
