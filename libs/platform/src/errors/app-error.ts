import { ErrorCode, STATUS_OF } from './error-code';

/**
 * A domain error: carries a contract code; the exception filter turns it into the error body. `reason` (beyond
 * the contract) names the precise rule that refused, as a stable UPPER_SNAKE code, so clients can explain it in
 * their own language; `code` stays the contract's.
 */
export class AppError extends Error {
  reason?: string;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** Names the rule that refused (see the class comment). */
  because(reason: string): this {
    this.reason = reason;
    return this;
  }

  get status(): number {
    return STATUS_OF[this.code];
  }

  static notFound(what = 'Resource'): AppError {
    return new AppError(ErrorCode.NotFound, `${what} not found`);
  }
  static forbidden(message = 'You may not do this'): AppError {
    return new AppError(ErrorCode.Forbidden, message);
  }
  static unauthorized(message = 'Sign in first'): AppError {
    return new AppError(ErrorCode.Unauthorized, message);
  }
  static conflict(message: string, details?: unknown[]): AppError {
    return new AppError(ErrorCode.Conflict, message, details);
  }
  static validation(message: string, details?: unknown[]): AppError {
    return new AppError(ErrorCode.ValidationFailed, message, details);
  }
  static rateLimited(retryAfterSeconds: number): AppError {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    return new AppError(ErrorCode.RateLimited, `Too many requests, retry in ${seconds}s`, undefined, seconds);
  }
  static unavailable(message = 'A service runde depends on is unavailable'): AppError {
    return new AppError(ErrorCode.ServiceUnavailable, message);
  }
}
