import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AppLogger, stacksOnlyForErrors } from './quiet-logs';

const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * A request's id: a well-formed incoming X-Request-Id, otherwise a new one. Kept on the request (`id`) for the
 * logger; the HTTP app echoes it on the response.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string') return req.id;
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  req.id = id;
  return id;
}

const logged = new WeakSet<IncomingMessage>();

/**
 * Health checks get no request line, and no request gets two. On Fastify, Nest adds the paths kept out of the
 * global prefix (/health, /admin) to the logger's routes once more, so such a request passes the logger twice;
 * there `url` is what is left after the matched path (middie strips it), `originalUrl` the path asked for.
 */
function skipRequestLine(req: IncomingMessage & { originalUrl?: string }): boolean {
  if (logged.has(req)) return true;
  logged.add(req);
  return (req.originalUrl ?? req.url ?? '').split('?')[0] === '/health';
}

/** Levels at which no per-request line is written. */
const QUIET_LEVELS = ['warn', 'error', 'fatal', 'silent'];
/** No request has this path: at quiet levels the per-request logger is bound to it, that is, to nothing. */
const NO_ROUTE = '-/no-request-logging';

/**
 * Structured JSON logs (pino); at info and below every line of a request carries its request id (`reqId`).
 * At warn and above the per-request logger is bound to no route at all: it costs a child logger and an
 * AsyncLocalStorage context per request, and once any request has entered such a context (a load balancer's
 * /health check is enough) its promise hooks stay on and slow down every promise of the process (~5 % of the
 * api's CPU under load). Errors still carry the request id: the exception filter logs it.
 * Below error, an `err` is logged without its stack, and Nest's start-up lines are debug (quiet-logs.ts).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        forRoutes: QUIET_LEVELS.includes(config.LOG_LEVEL)
          ? [{ path: NO_ROUTE, method: RequestMethod.GET }]
          : undefined,
        pinoHttp: {
          level: config.LOG_LEVEL,
          hooks: { logMethod: stacksOnlyForErrors },
          genReqId: (req: IncomingMessage) => requestIdOf(req),
          // The request lines are written at info: above that, skip the per-request bookkeeping altogether.
          autoLogging: ['trace', 'debug', 'info'].includes(config.LOG_LEVEL)
            ? { ignore: skipRequestLine }
            : false,
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          customProps: (req: IncomingMessage) => {
            const user = (req as { user?: { id?: string } }).user;
            return user?.id ? { userId: user.id } : {};
          },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
          },
        },
      }),
    }),
  ],
  providers: [AppLogger],
  exports: [AppLogger],
})
export class LoggingModule {}
