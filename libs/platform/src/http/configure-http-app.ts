import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { ErrorCode } from '../errors/error-code';
import { toErrorBody } from '../errors/to-error-body';
import type { AppConfig } from '../config/app-config';
import { requestIdOf } from '../logging/logging.module';
import { registerFileParser } from './file-upload';
import { createValidationPipe } from './validation';

export const API_PREFIX = 'api/v1';

/**
 * How long an idle keep-alive connection stays open. Node closes it after 5 s by default, and a client that sends
 * its next request on it at that moment gets a reset instead of an answer (the realtime benchmark saw four posts
 * fail so). Longer than the idle timeout of common proxies and clients (60 s), so that they close first.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Node's own limit for receiving a whole request (Fastify has none unless told). */
const REQUEST_TIMEOUT_MS = 300_000;

/**
 * Route parameters longer than this do not match a route (find-my-way's default is 100), which would make an
 * overlong id a 404 instead of the contract's 400. Node's HTTP parser already refuses a request line and headers
 * over 16 KiB (431), so a parameter may be as long as anything that gets through it and reaches the id's pipe.
 */
const MAX_PARAM_LENGTH = 16 * 1024;

/** `512kb`, `1mb`, `100b` (the BODY_LIMIT syntax) in bytes. */
export function bodyLimitBytes(limit: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(limit);
  if (!match) throw new Error(`not a size: ${limit}`);
  const unit = match[2].toLowerCase();
  return Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}

/**
 * The HTTP server of every runde app: Fastify under Nest (a sixth less api CPU per post than Express in the
 * realtime benchmark; docs/benchmarks.md). Routing keeps what clients saw before: paths match without regard to
 * case or a trailing slash, and `X-Forwarded-For` counts only from a proxy on loopback. Whatever Fastify refuses
 * on its own answers with the contract's error body.
 */
export function createHttpAdapter(config: Pick<AppConfig, 'BODY_LIMIT'>): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: bodyLimitBytes(config.BODY_LIMIT),
    trustProxy: 'loopback',
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    genReqId: (raw: IncomingMessage) => requestIdOf(raw),
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    clientErrorHandler: answerClientError,
    // While the app shuts down, a request on an open keep-alive connection is still answered (as under Express),
    // not refused with Fastify's own 503 body, which is not the contract's.
    return503OnClosing: false,
    // Errors Fastify meets before any hook runs (a malformed percent-encoding in the path): the contract's body too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const body = toErrorBody(error);
      void reply.code(body.statusCode).header('X-Request-Id', request.id).send(body);
    },
  });
}

/**
 * A request Node's HTTP parser could not read (no route ever sees it): the contract's error body, in place of
 * Fastify's own, and the connection closed.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request did not arrive in time']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request headers are too large']
        : [400, 'Malformed HTTP request'];
  const body = JSON.stringify({ statusCode: status, code: ErrorCode.ValidationFailed, message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

const API_PATH = new RegExp(`^/${API_PREFIX}(/|\\?|$)`, 'i');

/** Whether a request's URL is one of the API's (`/api/v1/…`, any case), not the client's files or `/health`. */
export const isApiPath = (url: string): boolean => API_PATH.test(url);

/** Everything every HTTP app of runde shares: request ids, body parsing, prefix, validation, the error filter. */
export function configureHttpApp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  // First of all: the request id on the response, so that even body errors and 404s carry X-Request-Id; and no
  // response is read as another type than it says (a JSON error body sniffed as HTML, say).
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('X-Request-Id', request.id);
    reply.raw.setHeader('X-Content-Type-Options', 'nosniff');
    // API answers hold personal data and tokens: no browser or proxy keeps a copy (RFC 6749 asks this of token
    // responses). A route that may be cached says so itself; its header replaces this one.
    if (isApiPath(request.url)) reply.raw.setHeader('Cache-Control', 'no-store');
    done();
  });
  // The API speaks JSON (and forms): a text body is refused with 415 rather than handed to a handler as a string.
  fastify.removeContentTypeParser('text/plain');
  // Files (CSV, XLSX) only for the routes that take one (`@AcceptsFile()`).
  registerFileParser(fastify);
  // JSON as Express's body-parser read it: an empty body with a JSON content type is `{}`, not an error. (The
  // server's bodyLimit applies to it.)
  const json = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser(
    'application/json',
    {},
    (request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
      if (body.length === 0) return done(null, {});
      json(request, body.toString('utf8'), done);
    },
  );
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'admin/{*path}'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.getHttpAdapter()));
  app.enableShutdownHooks();
  const server = app.getHttpServer() as Server;
  // Node wants the headers timeout above the keep-alive timeout, or a slow request's headers race it.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
}
