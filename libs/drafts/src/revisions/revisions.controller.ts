import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { CreateRevisionDto, DiffQueryDto } from '../dto/drafts.dto';
import { RevisionsService } from './revisions.service';

@ApiTags('drafts')
@ApiBearerAuth()
@Controller('drafts/:draftId')
export class RevisionsController {
  constructor(private readonly revisions: RevisionsService) {}

  @Post('revisions')
  @ApiOperation({ summary: 'Save the current text as a named revision' })
  create(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Body() dto: CreateRevisionDto,
  ) {
    return this.revisions.create(caller, draftId, dto.label);
  }

  @Get('revisions')
  @ApiOperation({ summary: 'Revisions, newest first, with their creators and the authors of each' })
  list(@CurrentUser() caller: Caller, @Param('draftId', UuidPipe) draftId: string) {
    return this.revisions.list(caller, draftId);
  }

  @Get('revisions/:revisionId')
  @ApiOperation({ summary: 'A revision with its text' })
  get(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Param('revisionId', UuidPipe) revisionId: string,
  ) {
    return this.revisions.get(caller, draftId, revisionId);
  }

  @Post('revisions/:revisionId/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a revision’s text the current text, as a new change' })
  restore(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Param('revisionId', UuidPipe) revisionId: string,
  ) {
    return this.revisions.restore(caller, draftId, revisionId);
  }

  @Get('diff')
  @ApiOperation({
    summary: 'Diff of two revisions, or of one and the current text',
    description:
      '`ops`, `stats` and `unified`: paragraph by paragraph. `paragraphs`: the same aligned as unchanged ' +
      '(`equal`), `insert`, `delete` or `change` (a paragraph that became another), a changed one with `parts` ' +
      '[{op: equal|delete|insert, text}], whole words marked; each with `fromRn`/`toRn`, the Randnummer of its ' +
      'block on either side ("14", "3a"; null for headings and where unknown); `summary` counts them.',
  })
  diff(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Query() query: DiffQueryDto,
  ) {
    return this.revisions.diff(caller, draftId, query.from, query.to);
  }
}
