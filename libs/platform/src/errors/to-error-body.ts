import { HttpException } from '@nestjs/common';
import { AppError } from './app-error';
import { ErrorBody, ErrorCode, STATUS_OF } from './error-code';

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.ValidationFailed,
  429: ErrorCode.RateLimited,
  503: ErrorCode.ServiceUnavailable,
};

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** True when an error says that Postgres or Redis cannot be reached. */
export function isDependencyDown(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (
    /Connection terminated|timeout exceeded when trying to connect|Connection is closed|Stream isn't writeable|enableOfflineQueue|ECONNREFUSED|MaxRetriesPerRequest|connect ETIMEDOUT/i.test(
      message,
    )
  ) {
    return true;
  }
  return isDependencyDown(e.driverError) || isDependencyDown(e.cause);
}

/**
 * PostgreSQL refuses the NUL character in text (22021) and as `\u0000` in JSON (22P05). Valid JSON can carry it,
 * so it reaches the database as the client's mistake, not ours.
 */
function isUnstorableText(error: unknown): boolean {
  const code =
    (error as { driverError?: { code?: unknown }; code?: unknown } | null)?.driverError?.code ??
    (error as { code?: unknown } | null)?.code;
  return code === '22021' || code === '22P05';
}

/**
 * An error Fastify raised while reading a request: its own (`FST_…` codes, such as a body over the limit or a
 * content type no parser reads) or the JSON parser's SyntaxError, both with a 4xx `statusCode`.
 */
function isRequestReadError(error: unknown): error is { statusCode: number; code?: string } {
  if (!(error instanceof Error)) return false;
  const e = error as { statusCode?: unknown; code?: unknown };
  if (typeof e.statusCode !== 'number' || e.statusCode < 400 || e.statusCode >= 500) return false;
  return error instanceof SyntaxError || (typeof e.code === 'string' && e.code.startsWith('FST_'));
}

function requestReadErrorBody(error: { statusCode: number; code?: string }): ErrorBody {
  if (error.statusCode === 413)
    return { statusCode: 413, code: ErrorCode.PayloadTooLarge, message: 'Request body is too large' };
  if (error.statusCode === 415) {
    return {
      statusCode: 415,
      code: ErrorCode.ValidationFailed,
      message: 'Send the body as JSON (Content-Type: application/json)',
    };
  }
  if (error.code === 'FST_ERR_BAD_URL')
    return { statusCode: 400, code: ErrorCode.ValidationFailed, message: 'Malformed URL' };
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
    return { statusCode: 400, code: ErrorCode.ValidationFailed, message: 'Malformed JSON body' };
  const code = CODE_OF_STATUS[error.statusCode] ?? ErrorCode.ValidationFailed;
  return { statusCode: STATUS_OF[code] ?? 400, code, message: 'Unreadable request' };
}

function flattenValidationMessages(response: unknown): { message: string; details?: unknown[] } {
  if (response && typeof response === 'object') {
    const r = response as { message?: unknown; details?: unknown };
    if (Array.isArray(r.details))
      return { message: String(r.message ?? 'Validation failed'), details: r.details };
    if (Array.isArray(r.message)) return { message: 'Validation failed', details: r.message };
    if (typeof r.message === 'string') return { message: r.message };
  }
  if (typeof response === 'string') return { message: response };
  return { message: 'Request failed' };
}

/** Maps any thrown value to the contract's error body. Unknown errors become a 500 without internals. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) {
    return {
      statusCode: error.status,
      code: error.code,
      message: error.message,
      ...(error.reason ? { reason: error.reason } : {}),
      ...(error.details ? { details: error.details } : {}),
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    };
  }
  if (error instanceof HttpException) {
    // Nest hands Fastify's 4xx errors on wrapped in an HttpException.
    if (isRequestReadError(error.cause)) return requestReadErrorBody(error.cause);
    const status = error.getStatus();
    const code = CODE_OF_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed);
    const { message, details } = flattenValidationMessages(error.getResponse());
    return {
      statusCode: STATUS_OF[code] === status ? status : status,
      code,
      message,
      ...(details ? { details } : {}),
    };
  }
  if (isRequestReadError(error)) return requestReadErrorBody(error);
  if (isUnstorableText(error)) {
    return {
      statusCode: 400,
      code: ErrorCode.ValidationFailed,
      message: 'Text must not contain NUL characters (\\u0000)',
    };
  }
  if (isDependencyDown(error)) {
    return {
      statusCode: 503,
      code: ErrorCode.ServiceUnavailable,
      message: 'A service runde depends on is unavailable',
    };
  }
  return { statusCode: 500, code: ErrorCode.Internal, message: 'Internal error' };
}
