import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { CreateCommentDto, ReplyDto } from '../dto/drafts.dto';
import { CommentsService } from './comments.service';

@ApiTags('drafts')
@ApiBearerAuth()
@Controller('drafts/:draftId/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post()
  @ApiOperation({ summary: 'Comment, optionally anchored to a range of the text or on a suggestion' })
  create(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Body() dto: CreateCommentDto,
  ) {
    return this.comments.create(caller, draftId, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Comment threads with their anchors in the current text (detached when deleted)' })
  list(@CurrentUser() caller: Caller, @Param('draftId', UuidPipe) draftId: string) {
    return this.comments.list(caller, draftId);
  }

  @Post(':commentId/replies')
  @ApiOperation({ summary: 'Reply to a comment' })
  reply(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Param('commentId', UuidPipe) commentId: string,
    @Body() dto: ReplyDto,
  ) {
    return this.comments.reply(caller, draftId, commentId, dto.body);
  }

  @Post(':commentId/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve a comment thread (its author, moderators, owners)' })
  resolve(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Param('commentId', UuidPipe) commentId: string,
  ) {
    return this.comments.resolve(caller, draftId, commentId);
  }
}
