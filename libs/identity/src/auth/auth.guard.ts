import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { AppError } from '@runde/platform';
import type { Caller } from './caller';
import { Authenticator } from './authenticator';
import { IS_PUBLIC } from './public.decorator';

/** Global guard: every route needs a valid access token unless it is marked `@Public()`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const req = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user?: Caller; raw: IncomingMessage & { user?: Caller } }>();
    const token = Authenticator.bearer(req.headers.authorization);
    if (!token) throw AppError.unauthorized('Sign in first: Authorization: Bearer <accessToken>');
    req.user = await this.authenticator.authenticate(token);
    // The request logger (pino-http) sees the Node request: it names the user too.
    req.raw.user = req.user;
    return true;
  }
}
