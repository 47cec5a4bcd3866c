/** Stable error codes of the public contract. Never rename one: clients switch on them. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  ThreadLocked = 'THREAD_LOCKED',
  DraftLocked = 'DRAFT_LOCKED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  RateLimited = 'RATE_LIMITED',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
}

export const STATUS_OF: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.ThreadLocked]: 409,
  [ErrorCode.DraftLocked]: 409,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.Internal]: 500,
};

/** The contract's error body. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  /** Beyond the contract: the precise rule that refused (stable UPPER_SNAKE), for clients' own wording. */
  reason?: string;
  details?: unknown[];
  retryAfterSeconds?: number;
}
