import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { CreatePostDto, EditPostDto, FlagPostDto, HidePostDto, PostsQueryDto } from '../dto/discussion.dto';
import { FlagsService } from '../moderation/flags.service';
import { ModerationService } from '../moderation/moderation.service';
import { MentionedPeopleService } from './mentioned-people.service';
import { PostsService } from './posts.service';

@ApiTags('posts')
@ApiBearerAuth()
@Controller()
export class PostsController {
  constructor(
    private readonly posts: PostsService,
    private readonly moderation: ModerationService,
    private readonly flags: FlagsService,
    private readonly mentioned: MentionedPeopleService,
  ) {}

  @Post('threads/:threadId/posts')
  @ApiOperation({ summary: 'Post (Markdown, 1–20,000 chars); 409 THREAD_LOCKED; 429 in slow mode' })
  create(
    @CurrentUser() caller: Caller,
    @Param('threadId', UuidPipe) threadId: string,
    @Body() dto: CreatePostDto,
  ) {
    return this.posts.create(caller, threadId, dto.body, dto.replyToId);
  }

  @Get('threads/:threadId/posts')
  @ApiOperation({ summary: 'Posts in seq order after ?after=<seq>; nextCursor is the seq to pass as after' })
  list(
    @CurrentUser() caller: Caller,
    @Param('threadId', UuidPipe) threadId: string,
    @Query() query: PostsQueryDto,
  ) {
    return this.posts.list(caller, threadId, query.after, query.limit);
  }

  @Get('threads/:threadId/mentions')
  @ApiOperation({ summary: 'The people the thread’s posts mention as @<id> (names for rendering mentions)' })
  mentions(@CurrentUser() caller: Caller, @Param('threadId', UuidPipe) threadId: string) {
    return this.mentioned.list(caller, threadId);
  }

  @Get('posts/:postId')
  @ApiOperation({ summary: 'A post' })
  get(@CurrentUser() caller: Caller, @Param('postId', UuidPipe) postId: string) {
    return this.posts.get(caller, postId);
  }

  @Patch('posts/:postId')
  @ApiOperation({ summary: 'Edit one’s own post; the previous text goes into its history' })
  edit(@CurrentUser() caller: Caller, @Param('postId', UuidPipe) postId: string, @Body() dto: EditPostDto) {
    return this.posts.edit(caller, postId, dto.body);
  }

  @Delete('posts/:postId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one’s own post (shown as deleted)' })
  async remove(@CurrentUser() caller: Caller, @Param('postId', UuidPipe) postId: string): Promise<void> {
    await this.posts.remove(caller, postId);
  }

  @Get('posts/:postId/revisions')
  @ApiOperation({ summary: 'Edit history of a post, oldest first' })
  revisions(@CurrentUser() caller: Caller, @Param('postId', UuidPipe) postId: string) {
    return this.posts.revisions(caller, postId);
  }

  @Post('posts/:postId/hide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide with a reason code and note (moderators); the author sees why' })
  hide(@CurrentUser() caller: Caller, @Param('postId', UuidPipe) postId: string, @Body() dto: HidePostDto) {
    return this.moderation.hide(caller, postId, dto.reasonCode, dto.note);
  }

  @Post('posts/:postId/unhide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Show a hidden post again (moderators)' })
  unhide(@CurrentUser() caller: Caller, @Param('postId', UuidPipe) postId: string) {
    return this.moderation.unhide(caller, postId);
  }

  @Post('posts/:postId/flags')
  @ApiOperation({ summary: 'Flag a post for the moderators (anyone who may read it)' })
  flag(@CurrentUser() caller: Caller, @Param('postId', UuidPipe) postId: string, @Body() dto: FlagPostDto) {
    return this.flags.flag(caller, postId, dto.reason);
  }
}
