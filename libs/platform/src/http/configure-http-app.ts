import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { toErrorBody } from '../errors/to-error-body';
import type { AppConfig } from '../config/app-config';
import { requestId } from '../logging/logging.module';
import { createValidationPipe } from './validation';

export const API_PREFIX = 'api/v1';

/**
 * How long an idle keep-alive connection stays open. Node closes it after 5 s by default, and a client that sends
 * its next request on it at that moment gets a reset instead of an answer (the realtime benchmark saw four posts
 * fail so). Longer than the idle timeout of common proxies and clients (60 s), so that they close first.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Everything every HTTP app of runde shares: body limits, prefix, validation, the error filter, shutdown. */
export function configureHttpApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  // First of all: the request id, so that even body-parser errors carry X-Request-Id.
  express.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    req.id = requestId(req, res);
    next();
  });
  express.useBodyParser('json', { limit: config.BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: config.BODY_LIMIT, extended: false });
  // Body-parser errors happen before Nest's router: answer them with the contract's body too.
  express.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    const body = toErrorBody(error);
    res.status(body.statusCode).json(body);
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'admin/{*path}'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Node wants the headers timeout above the keep-alive timeout, or a slow request's headers race it.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
}
