import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toErrorBody } from './to-error-body';

/** The one place where errors become HTTP responses: always the contract's error body. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(error);
    if (body.statusCode >= 500) {
      const request = host.switchToHttp().getRequest<{ id?: string; method?: string; url?: string }>();
      this.logger.error(
        { err: error, code: body.code, reqId: request?.id, method: request?.method, url: request?.url },
        body.message,
      );
    }
    if (response.headersSent) return;
    if (body.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(body.retryAfterSeconds));
    response.status(body.statusCode).json(body);
  }
}
