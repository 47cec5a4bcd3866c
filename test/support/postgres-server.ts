import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis-server';

/** Debian's newest Postgres binaries. */
function binDir(): string {
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/pg_ctl`))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('no Postgres binaries under /usr/lib/postgresql');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

/**
 * A Postgres server of the test's own (initdb in a temporary folder, a free port, trust auth on loopback) that the
 * test may restart or kill; the machine's server is never touched. As root, it runs as the `postgres` user.
 */
export class PostgresServer {
  private readonly bin = binDir();
  private readonly asRoot = process.getuid?.() === 0;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PostgresServer> {
    const dir = mkdtempSync(join(tmpdir(), 'runde-pg-'));
    const server = new PostgresServer(dir, await freePort());
    if (server.asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
    }
    server.run('initdb', [
      '-D',
      join(dir, 'data'),
      '--auth=trust',
      '--username=postgres',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    server.pgCtl('start');
    return server;
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** `pg_ctl restart -m fast`: sessions are ended, the server comes back. */
  restartFast(): void {
    this.pgCtl('restart', ['-m', 'fast']);
  }

  /** `kill -9` of the postmaster (a crash), then a start with crash recovery. */
  killAndStart(): void {
    const pid = Number(readFileSync(join(this.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    // The children notice their postmaster is gone and exit; the next start recovers from the WAL.
    for (let i = 0; i < 100 && this.alive(pid); i++) execFileSync('sleep', ['0.1']);
    this.pgCtl('start');
  }

  stop(): void {
    try {
      this.pgCtl('stop', ['-m', 'immediate']);
    } catch {
      // not running
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private alive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  private pgCtl(action: string, extra: string[] = []): void {
    this.run('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'postgres.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`,
      ...extra,
      action,
    ]);
  }

  private run(tool: string, args: string[]): void {
    const command = join(this.bin, tool);
    if (this.asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
    else execFileSync(command, args, { stdio: 'pipe' });
  }
}
