import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, CurrentUser } from '@runde/identity';
import { PageQueryDto, UuidPipe } from '@runde/platform';
import { ModerationLogQueryDto, ResolveFlagDto } from '../dto/discussion.dto';
import { FlagsService } from './flags.service';
import { ModerationLogService } from './moderation-log.service';

@ApiTags('moderation')
@ApiBearerAuth()
@Controller()
export class ModerationController {
  constructor(
    private readonly flags: FlagsService,
    private readonly log: ModerationLogService,
  ) {}

  @Get('groups/:groupId/moderation/queue')
  @ApiOperation({ summary: 'Open flags of a group, oldest first (owners, moderators)' })
  queue(
    @CurrentUser() caller: Caller,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() page: PageQueryDto,
  ) {
    return this.flags.queue(caller, groupId, page.limit, page.cursor);
  }

  @Get('groups/:groupId/flags/count')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'How many flags of a group are open: {open} (owners, moderators); live from flag.* on group:<id>',
  })
  openCount(@CurrentUser() caller: Caller, @Param('groupId', UuidPipe) groupId: string) {
    return this.flags.openCount(caller, groupId);
  }

  @Post('flags/:flagId/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve a flag: dismiss, or hide the post with a reason (closes all open flags on it)',
  })
  resolve(
    @CurrentUser() caller: Caller,
    @Param('flagId', UuidPipe) flagId: string,
    @Body() dto: ResolveFlagDto,
  ) {
    return this.flags.resolve(caller, flagId, dto);
  }

  @Get('groups/:groupId/moderation/log')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Every moderator action: who, what, target, reason, when (?format=csv for a file)',
  })
  async moderationLog(
    @CurrentUser() caller: Caller,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: ModerationLogQueryDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    if (query.format === 'csv') {
      const csv = await this.log.csv(caller, groupId);
      res.header('Content-Type', 'text/csv; charset=utf-8');
      res.header('Content-Disposition', `attachment; filename="moderation-log-${groupId}.csv"`);
      return csv;
    }
    return this.log.page(caller, groupId, query.limit, query.cursor);
  }
}
