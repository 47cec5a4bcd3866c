import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { DecideChangesDto } from '../dto/decide-changes.dto';
import { TrackedChangesService } from './tracked-changes.service';

@ApiTags('drafts')
@ApiBearerAuth()
@Controller('drafts/:draftId/changes')
export class TrackedChangesController {
  constructor(private readonly changes: TrackedChangesService) {}

  @Get()
  @ApiOperation({ summary: 'The tracked changes (Änderungsmodus) in the draft’s text, in document order' })
  list(@CurrentUser() caller: Caller, @Param('draftId', UuidPipe) draftId: string) {
    return this.changes.list(caller, draftId);
  }

  @Post('decisions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Accept or reject tracked changes by key or all of one person (owners, moderators, those who may edit; ' +
      'anyone their own rejections): one edit, one revision, a decision per change',
  })
  decide(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Body() dto: DecideChangesDto,
  ) {
    return this.changes.decide(caller, draftId, dto);
  }

  @Get('decisions')
  @ApiOperation({ summary: 'The decisions on tracked changes, oldest first' })
  decisions(@CurrentUser() caller: Caller, @Param('draftId', UuidPipe) draftId: string) {
    return this.changes.decisions(caller, draftId);
  }
}
