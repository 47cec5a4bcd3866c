import { ArgumentsHost, Catch, ExceptionFilter, HttpServer, Logger } from '@nestjs/common';
import { toErrorBody } from './to-error-body';

/** The one place where errors become HTTP responses: always the contract's error body. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly http: HttpServer) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const response: unknown = host.switchToHttp().getResponse();
    const body = toErrorBody(error);
    if (body.statusCode >= 500) {
      const request = host.switchToHttp().getRequest<{ id?: string; method?: string; url?: string }>();
      this.logger.error(
        { err: error, code: body.code, reqId: request?.id, method: request?.method, url: request?.url },
        body.message,
      );
    }
    if (this.http.isHeadersSent(response)) return;
    if (body.retryAfterSeconds !== undefined)
      this.http.setHeader(response, 'Retry-After', String(body.retryAfterSeconds));
    this.http.reply(response, body, body.statusCode);
  }
}
