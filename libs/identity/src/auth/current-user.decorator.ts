import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Caller } from './caller';

/** The signed-in caller (set by the auth guard). */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<{ user: Caller }>().user;
});
