import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { AppError } from './app-error';
import { ErrorCode } from './error-code';
import { isDependencyDown, toErrorBody } from './to-error-body';

describe('toErrorBody', () => {
  it('keeps the code and retry hint of domain errors', () => {
    expect(toErrorBody(AppError.rateLimited(2.2))).toEqual({
      statusCode: 429,
      code: ErrorCode.RateLimited,
      message: 'Too many requests, retry in 3s',
      retryAfterSeconds: 3,
    });
    expect(toErrorBody(new AppError(ErrorCode.ThreadLocked, 'locked')).statusCode).toBe(409);
  });

  it('adds the reason of a refusal beside the contract code, only when there is one', () => {
    expect(toErrorBody(AppError.conflict('taken', [{ field: 'email' }]).because('EMAIL_TAKEN'))).toEqual({
      statusCode: 409,
      code: ErrorCode.Conflict,
      reason: 'EMAIL_TAKEN',
      message: 'taken',
      details: [{ field: 'email' }],
    });
    expect(toErrorBody(AppError.conflict('taken'))).not.toHaveProperty('reason');
  });

  it('maps Nest exceptions and validation messages', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /x'))).toMatchObject({
      statusCode: 404,
      code: 'NOT_FOUND',
    });
    const body = toErrorBody(new BadRequestException(['email must be an email']));
    expect(body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      details: ['email must be an email'],
    });
  });

  it('maps the errors of reading a request (Fastify’s, also as Nest wraps them) to 400, 413 and 415', () => {
    const fastifyError = (code: string, statusCode: number) =>
      Object.assign(new Error(code), { name: 'FastifyError', code, statusCode });
    const wrapped = (error: Error) => new HttpException(error.message, 400, { cause: error });
    expect(toErrorBody(wrapped(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400)))).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Malformed JSON body',
    });
    expect(toErrorBody(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413))).toMatchObject({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(toErrorBody(wrapped(fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415)))).toMatchObject({
      statusCode: 415,
      code: 'VALIDATION_FAILED',
    });
    // A 5xx stays an internal error, and so does a plain object that only looks like one of these.
    expect(toErrorBody(fastifyError('FST_ERR_HANDLER_TIMEOUT', 503)).statusCode).toBe(500);
    expect(toErrorBody({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }).statusCode).toBe(500);
  });

  it('recognises unreachable dependencies, also when wrapped', () => {
    expect(isDependencyDown({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isDependencyDown({ driverError: { code: '57P01' } })).toBe(true);
    expect(
      isDependencyDown(new Error("Stream isn't writeable and enableOfflineQueue options is false")),
    ).toBe(true);
    expect(isDependencyDown(new Error('duplicate key'))).toBe(false);
    expect(toErrorBody({ code: 'ECONNREFUSED' }).statusCode).toBe(503);
  });

  it('hides internals of unknown errors', () => {
    expect(toErrorBody(new Error('secret stack'))).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Internal error',
    });
  });
});
