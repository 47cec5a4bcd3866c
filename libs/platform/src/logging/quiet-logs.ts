import { Injectable } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** pino's number for `error`: stacks are written from here up. */
const ERROR_LEVEL = 50;

/** Nest's own start-up chatter (a line per module and route): debug, so that a healthy start fits on a screen. */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
  'NestApplication',
]);

/** An error reduced to one line: its type, code and message (`QueryFailedError 40P01: deadlock detected`). */
export function briefError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { code } = error as { code?: unknown };
  return `${error.name}${code !== undefined ? ` ${String(code)}` : ''}: ${error.message}`;
}

/**
 * pino's `logMethod` hook: below `error` (a retried, recovered condition at warn, say) an `err` is logged as one
 * string (type, code, message), without the stack; stacks are for errors.
 */
export function stacksOnlyForErrors(
  this: unknown,
  args: unknown[],
  method: (...args: unknown[]) => void,
  level: number,
): void {
  const [first] = args;
  if (level < ERROR_LEVEL && first && typeof first === 'object' && 'err' in first) {
    args[0] = { ...first, err: briefError((first as { err: unknown }).err) };
  }
  method.apply(this, args);
}

/** The processes' Nest logger: nestjs-pino's, with Nest's start-up lines at debug. */
@Injectable()
export class AppLogger extends Logger {
  override log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    if (typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context)) {
      this.debug(message, ...params);
      return;
    }
    super.log(message, ...params);
  }
}
