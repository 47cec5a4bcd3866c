import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { CreateTopicDto, UpdateTopicDto } from '../dto/discussion.dto';
import { TopicsService } from './topics.service';

@ApiTags('topics')
@ApiBearerAuth()
@Controller()
export class TopicsController {
  constructor(private readonly topics: TopicsService) {}

  @Post('groups/:groupId/topics')
  @ApiOperation({ summary: 'Create a topic (owners, moderators); visibility group or network' })
  create(
    @CurrentUser() caller: Caller,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: CreateTopicDto,
  ) {
    return this.topics.create(caller, groupId, dto);
  }

  @Get('groups/:groupId/topics')
  @ApiOperation({ summary: "A group's topics (outsiders see only its network topics)" })
  listOfGroup(@CurrentUser() caller: Caller, @Param('groupId', UuidPipe) groupId: string) {
    return this.topics.listOfGroup(caller, groupId);
  }

  @Get('topics')
  @ApiOperation({ summary: "Topics the caller can read: their groups' topics and all network topics" })
  list(@CurrentUser() caller: Caller) {
    return this.topics.listVisible(caller);
  }

  @Get('topics/:topicId')
  @ApiOperation({ summary: 'A topic' })
  get(@CurrentUser() caller: Caller, @Param('topicId', UuidPipe) topicId: string) {
    return this.topics.get(caller, topicId);
  }

  @Patch('topics/:topicId')
  @ApiOperation({
    summary:
      'Change title, description or visibility (owners, moderators); narrowing ends outsiders’ live views',
  })
  update(
    @CurrentUser() caller: Caller,
    @Param('topicId', UuidPipe) topicId: string,
    @Body() dto: UpdateTopicDto,
  ) {
    return this.topics.update(caller, topicId, dto);
  }
}
