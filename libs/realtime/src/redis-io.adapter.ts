import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { AppConfig, createRedis } from '@runde/platform';
import { coalesceFrames } from './frame-coalescing';

export const MAX_SOCKET_PAYLOAD = 1024 * 1024;

/** The Redis key under which socket.io servers (and the worker's emitter) talk to each other. */
export const socketIoKey = (config: Pick<AppConfig, 'REDIS_PREFIX'>) => `${config.REDIS_PREFIX}:sio`;

/**
 * socket.io with the Redis pub/sub adapter, so several api processes share rooms. Connected before `listen`.
 * (Why pub/sub and not the sharded or streams adapter: docs/architecture.md.)
 */
export class RedisIoAdapter extends IoAdapter {
  private adapterFactory?: ReturnType<typeof createAdapter>;
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  async connect(): Promise<void> {
    // Not auto-pipelined: an auto-pipeline holds every broadcast of a tick until Redis has answered the previous
    // one, and under live co-editing those pipelines made up half of what the api promoted to V8's old
    // generation (more full collections, each a pause for every draft). Measured: the same CPU per post and per
    // update, the same post latency (docs/benchmarks.md, session 12).
    const pub = createRedis(this.config.REDIS_URL, {
      maxRetriesPerRequest: null,
      enableAutoPipelining: false,
    });
    const sub = pub.duplicate({ enableAutoPipelining: false });
    for (const c of [pub, sub]) c.on('error', () => undefined);
    this.clients.push(pub, sub);
    this.adapterFactory = createAdapter(pub, sub, { key: socketIoKey(this.config), requestsTimeout: 3000 });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: MAX_SOCKET_PAYLOAD,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      cors: { origin: false },
    } as ServerOptions) as Server;
    if (this.adapterFactory) server.adapter(this.adapterFactory);
    if (server.engine) coalesceFrames(server);
    return server;
  }

  /**
   * The gateway registers its handlers itself (no `@SubscribeMessage`): with nothing to bind, skip the
   * per-connection observables Nest would otherwise keep for every socket.
   */
  override bindMessageHandlers(...args: Parameters<IoAdapter['bindMessageHandlers']>): void {
    if (args[1].length === 0) return;
    super.bindMessageHandlers(...args);
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    // Let the last tick's broadcasts reach the publishing client before QUIT (else they fail as "Connection is closed").
    await new Promise((resolve) => setImmediate(resolve));
    // A client that is not connected (Redis away) would wait for ever for QUIT, holding the messages it queued:
    // it is dropped instead, and so is one whose QUIT gets no answer within two seconds.
    await Promise.all(
      this.clients.map(async (c) => {
        if (c.status !== 'ready') return c.disconnect();
        const quit = c.quit().then(
          () => undefined,
          () => undefined,
        );
        const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
        await Promise.race([quit, timeout]);
        c.disconnect();
      }),
    );
  }
}
