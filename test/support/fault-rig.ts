import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, RedisServer } from './redis-server';

const root = join(__dirname, '..', '..');

/** A process of the rig: its output kept (the last 64 kB) for failure messages. */
export class RigProcess {
  private child?: ChildProcess;
  private log = '';
  /** How often it exited without being told to (a crash). */
  crashes = 0;

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: () => NodeJS.ProcessEnv,
  ) {}

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get output(): string {
    return this.log;
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} runs already`);
    const child = spawn(process.execPath, [this.entry], { cwd: root, env: this.env() });
    const keep = (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-65_536));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', () => {
      if (this.child === child) {
        this.crashes += 1;
        this.child = undefined;
      }
    });
    this.child = child;
  }

  /** Freezes the process (SIGSTOP), as a stalled VM or a long GC pause would; `resume` lets it go on. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** SIGKILL: no shutdown, as a crash or an OOM kill. Resolves once it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

/**
 * The whole system in processes of its own, for fault tests: an api and a worker (the built dist/, as in
 * production) on a database copied from the run's migrated template and a Redis server of its own (no persistence:
 * a restart comes back empty). Each part can be killed and started again.
 */
export class FaultRig {
  readonly api: RigProcess;
  readonly worker: RigProcess;

  private constructor(
    readonly redis: RedisServer,
    readonly databaseUrl: string,
    readonly port: number,
    private readonly ownsDatabase: boolean,
  ) {
    const env = (): NodeJS.ProcessEnv => ({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redis.url,
      REDIS_PREFIX: `rig_${randomBytes(3).toString('hex')}`,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'fault-rig-secret-fault-rig-secret-0123456789',
    });
    const shared = env();
    const fixed = () => ({ ...env(), REDIS_PREFIX: shared.REDIS_PREFIX });
    this.api = new RigProcess('api', 'dist/apps/api/src/main.js', fixed);
    this.worker = new RigProcess('worker', 'dist/apps/worker/src/main.js', fixed);
  }

  /**
   * Starts Redis, api and worker. Without `databaseUrl`: a database copied from the run's migrated template on the
   * run's server (dropped by `stop`); with it (a server of the test's own): migrated first by the migrate command.
   */
  static async start(options: { databaseUrl?: string } = {}): Promise<FaultRig> {
    const redis = await RedisServer.start();
    let databaseUrl = options.databaseUrl;
    if (databaseUrl) {
      execFileSync(process.execPath, ['dist/libs/database/src/cli/migrate.js'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: 'pipe',
      });
    } else {
      const name = `${process.env.RUNDE_TEST_DB}_rig${randomBytes(3).toString('hex')}`;
      const admin = new URL(process.env.DATABASE_URL!);
      admin.pathname = '/postgres';
      const client = new Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${process.env.RUNDE_TEST_DB}_tpl"`);
      } finally {
        await client.end();
      }
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      databaseUrl = url.toString();
    }
    const rig = new FaultRig(redis, databaseUrl, await freePort(), !options.databaseUrl);
    rig.api.start();
    rig.worker.start();
    return rig;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** GET /health's status, or 0 when nothing answers. */
  async health(): Promise<number> {
    try {
      return (await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) })).status;
    } catch {
      return 0;
    }
  }

  async stop(): Promise<void> {
    await this.api.kill('SIGTERM');
    await this.worker.kill('SIGTERM');
    await this.redis.stop();
    if (!this.ownsDatabase) return;
    const admin = new URL(this.databaseUrl);
    const name = admin.pathname.slice(1);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}
