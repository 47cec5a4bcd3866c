import { Body, Controller, Delete, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, CurrentUser } from '@runde/identity';
import { AdminGate } from './admin-gate';
import { NoBodyPipe } from './no-body.pipe';

/**
 * The session cookie of the operator pages under /admin, for browsers: a page navigation cannot carry the bearer
 * token, so a signed-in platform admin trades it here for a cookie that only /admin receives. (At
 * `/api/v1/admin-session`, not `/api/v1/admin/session`: the HTTP app keeps every `admin/…` path out of the API
 * prefix.)
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin-session')
export class AdminSessionController {
  constructor(private readonly gate: AdminGate) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Platform admins: set the 15-minute session cookie of /admin (HttpOnly, SameSite=Strict, Path=/admin); others 403',
  })
  open(
    @CurrentUser() caller: Caller,
    @Body(NoBodyPipe) _none: unknown,
    @Res({ passthrough: true }) res: FastifyReply,
  ): void {
    res.header('Set-Cookie', this.gate.openSession(caller));
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the session cookie of /admin (idempotent)' })
  close(@Res({ passthrough: true }) res: FastifyReply): void {
    res.header('Set-Cookie', this.gate.closeSession());
  }
}
