import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { MarkReadDto } from '../dto/mark-read.dto';
import { ReadMarkersService } from './read-markers.service';

@ApiTags('threads')
@ApiBearerAuth()
@Controller()
export class ReadMarkersController {
  constructor(private readonly markers: ReadMarkersService) {}

  @Post('threads/:threadId/read')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Mark the thread read up to a post seq (never lowers the marker); read to the end, its notice is read',
  })
  markRead(
    @CurrentUser() caller: Caller,
    @Param('threadId', UuidPipe) threadId: string,
    @Body() dto: MarkReadDto,
  ) {
    return this.markers.markRead(caller, threadId, dto.seq);
  }

  @Post('drafts/:draftId/read')
  @HttpCode(200)
  @ApiTags('drafts')
  @ApiOperation({ summary: 'The caller has the draft open: their unread notices about it are read' })
  markDraftRead(@CurrentUser() caller: Caller, @Param('draftId', UuidPipe) draftId: string) {
    return this.markers.markDraftRead(caller, draftId);
  }
}
