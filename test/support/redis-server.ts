import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A redis-server of the test's own, on a free port, without persistence: `stop()` kills it (as a crash or an
 * outage would), `start()` runs it again on the same port, empty. The machine's Redis is never touched.
 */
export class RedisServer {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Runs the server and resolves once it accepts connections. */
  async start(): Promise<void> {
    if (this.child) throw new Error('redis-server is running already');
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const child = spawn('redis-server', [...args, '--daemonize', 'no', '--dir', tmpdir()], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // Its log is read to the end (a full pipe would block the server), and kept until it is ready.
    let output = '';
    let ready = false;
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) => {
        this.child = undefined;
        reject(new Error(`redis-server exited (${code}) before it was ready: ${output}`));
      };
      child.once('exit', onExit);
      child.once('error', reject);
      child.stderr!.resume();
      child.stdout!.on('data', (chunk: Buffer) => {
        if (ready) return;
        output += chunk.toString();
        if (/Ready to accept connections/.test(output)) {
          ready = true;
          child.off('exit', onExit);
          resolve();
        }
      });
    });
  }

  /** Kills the server (SIGKILL: no goodbye to its clients) and resolves once it is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
