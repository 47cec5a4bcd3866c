import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { FollowsQueryDto } from '../dto/follows-query.dto';
import { FollowsService } from './follows.service';

@ApiTags('follows')
@ApiBearerAuth()
@Controller()
export class FollowsController {
  constructor(private readonly follows: FollowsService) {}

  @Post('threads/:threadId/follow')
  @ApiOperation({ summary: 'Follow a thread: hear of its new posts (idempotent)' })
  followThread(@CurrentUser() caller: Caller, @Param('threadId', UuidPipe) threadId: string) {
    return this.follows.follow(caller, 'thread', threadId);
  }

  @Delete('threads/:threadId/follow')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop following a thread (idempotent)' })
  async unfollowThread(
    @CurrentUser() caller: Caller,
    @Param('threadId', UuidPipe) threadId: string,
  ): Promise<void> {
    await this.follows.unfollow(caller, 'thread', threadId);
  }

  @Post('topics/:topicId/follow')
  @ApiOperation({ summary: 'Follow a topic: hear of its new threads (idempotent)' })
  followTopic(@CurrentUser() caller: Caller, @Param('topicId', UuidPipe) topicId: string) {
    return this.follows.follow(caller, 'topic', topicId);
  }

  @Delete('topics/:topicId/follow')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop following a topic (idempotent)' })
  async unfollowTopic(
    @CurrentUser() caller: Caller,
    @Param('topicId', UuidPipe) topicId: string,
  ): Promise<void> {
    await this.follows.unfollow(caller, 'topic', topicId);
  }

  @Get('me/follows')
  @ApiOperation({ summary: 'The threads and topics the caller follows, newest first (cursor-paginated)' })
  list(@CurrentUser() caller: Caller, @Query() query: FollowsQueryDto) {
    return this.follows.list(caller, query.limit, query.cursor, query.type);
  }
}
