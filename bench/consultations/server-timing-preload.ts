/**
 * Preloaded into the api by the consultations and needs benchmarks (`node -r …/server-timing-preload.js`, only
 * with BENCH_SERVER_TIMING=1): every HTTP response carries `Server-Timing: app;dur=<ms>`, the api's own time from
 * the server's `request` event (headers parsed) to the response head (handler, database, serialisation done; the
 * body's transfer not included). The product has no timing header of its own; nothing else is changed.
 */
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

if (process.env.BENCH_SERVER_TIMING === '1') {
  const START = Symbol('bench.requestStart');
  type Timed = ServerResponse & { [START]?: number };

  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const res = args[1] as Timed;
      if (args[0] instanceof IncomingMessage) res[START] = performance.now();
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof Server.prototype.emit;

  const writeHead = ServerResponse.prototype.writeHead;
  ServerResponse.prototype.writeHead = function (this: Timed, ...args: unknown[]) {
    const start = this[START];
    if (start !== undefined && !this.headersSent) {
      this.setHeader('Server-Timing', `app;dur=${(performance.now() - start).toFixed(2)}`);
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof ServerResponse.prototype.writeHead;
}
