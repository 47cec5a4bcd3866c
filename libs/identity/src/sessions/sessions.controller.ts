import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, UuidPipe } from '@runde/platform';
import type { Caller } from '../auth/caller';
import { CurrentUser } from '../auth/current-user.decorator';
import { SessionsService } from './sessions.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({
    summary: 'Signed-in devices: {id, userAgent, signedInAt, lastUsedAt, current}, most recently used first',
  })
  list(@CurrentUser() caller: Caller, @Query() query: PageQueryDto) {
    return this.sessions.list(caller, query);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out every other device; this one stays signed in' })
  async revokeOthers(@CurrentUser() caller: Caller): Promise<void> {
    await this.sessions.revokeOthers(caller);
  }

  @Delete(':sessionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out one device: its refresh and access tokens stop working' })
  async revoke(
    @CurrentUser() caller: Caller,
    @Param('sessionId', UuidPipe) sessionId: string,
  ): Promise<void> {
    await this.sessions.revoke(caller, sessionId);
  }
}
