import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { PageQueryDto, UuidPipe } from '@runde/platform';
import { CreateThreadDto, MoveThreadDto, SlowModeDto } from '../dto/discussion.dto';
import { ModerationService } from '../moderation/moderation.service';
import { ThreadsService } from './threads.service';

@ApiTags('threads')
@ApiBearerAuth()
@Controller()
export class ThreadsController {
  constructor(
    private readonly threads: ThreadsService,
    private readonly moderation: ModerationService,
  ) {}

  @Post('topics/:topicId/threads')
  @ApiOperation({ summary: 'Start a thread; the body becomes its first post' })
  create(
    @CurrentUser() caller: Caller,
    @Param('topicId', UuidPipe) topicId: string,
    @Body() dto: CreateThreadDto,
  ) {
    return this.threads.create(caller, topicId, dto);
  }

  @Get('topics/:topicId/threads')
  @ApiOperation({ summary: 'Threads of a topic: pinned first, then by last activity; with unreadCount' })
  list(
    @CurrentUser() caller: Caller,
    @Param('topicId', UuidPipe) topicId: string,
    @Query() page: PageQueryDto,
  ) {
    return this.threads.list(caller, topicId, page.limit, page.cursor);
  }

  @Get('threads/:threadId')
  @ApiOperation({ summary: 'A thread, with the caller’s unreadCount' })
  get(@CurrentUser() caller: Caller, @Param('threadId', UuidPipe) threadId: string) {
    return this.threads.get(caller, threadId);
  }

  @Post('threads/:threadId/lock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lock (moderators)' })
  lock(@CurrentUser() caller: Caller, @Param('threadId', UuidPipe) threadId: string) {
    return this.moderation.toggle(caller, threadId, 'lock');
  }

  @Post('threads/:threadId/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unlock (moderators)' })
  unlock(@CurrentUser() caller: Caller, @Param('threadId', UuidPipe) threadId: string) {
    return this.moderation.toggle(caller, threadId, 'unlock');
  }

  @Post('threads/:threadId/pin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pin (moderators)' })
  pin(@CurrentUser() caller: Caller, @Param('threadId', UuidPipe) threadId: string) {
    return this.moderation.toggle(caller, threadId, 'pin');
  }

  @Post('threads/:threadId/unpin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unpin (moderators)' })
  unpin(@CurrentUser() caller: Caller, @Param('threadId', UuidPipe) threadId: string) {
    return this.moderation.toggle(caller, threadId, 'unpin');
  }

  @Post('threads/:threadId/move')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move to another topic the caller moderates (same or another group)' })
  move(
    @CurrentUser() caller: Caller,
    @Param('threadId', UuidPipe) threadId: string,
    @Body() dto: MoveThreadDto,
  ) {
    return this.moderation.move(caller, threadId, dto.topicId);
  }

  @Post('threads/:threadId/slow-mode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Slow mode: minimum seconds between one person’s posts (0 = off; moderators)' })
  slowMode(
    @CurrentUser() caller: Caller,
    @Param('threadId', UuidPipe) threadId: string,
    @Body() dto: SlowModeDto,
  ) {
    return this.moderation.slowMode(caller, threadId, dto.seconds);
  }
}
