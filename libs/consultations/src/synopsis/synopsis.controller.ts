import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { SynopsisQueryDto } from '../dto/consultations.dto';
import { ApplyProposalsDto, ProposalsAppliedView } from './apply-proposals.dto';
import { ApplyProposalsService } from './apply-proposals.service';
import { SynopsisExports } from './synopsis-exports';
import { SynopsisService } from './synopsis.service';
import { Synopsis } from './synopsis.views';

@ApiTags('consultations')
@ApiBearerAuth()
@Controller()
export class SynopsisController {
  constructor(
    private readonly synopses: SynopsisService,
    private readonly exports: SynopsisExports,
    private readonly proposals: ApplyProposalsService,
  ) {}

  @Get('consultations/:id/synopsis')
  @ApiOperation({
    summary:
      'The Synopse: the consulted text block by block beside every organisation’s points and the assessments, ' +
      'general points and parts, Fehlanzeigen, answers to the questions (owners; addressees after publication). ' +
      'format=json (default) | csv (one row per point, UTF-8 with BOM) | docx | odt | pdf (503 without LibreOffice); ' +
      'filters organisationId, position, assessment (none: not assessed yet)',
  })
  @ApiProduces(
    'application/json',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.oasis.opendocument.text',
    'application/pdf',
  )
  @ApiOkResponse({ type: Synopsis, description: 'format=json; the other formats are files made from it' })
  async synopsis(
    @CurrentUser() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Query() query: SynopsisQueryDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<Synopsis | string | Buffer> {
    const synopsis = await this.synopses.synopsis(caller, id, query);
    const format = query.format ?? 'json';
    if (format === 'json') return synopsis;
    const file = await this.exports.file(synopsis, format);
    res.header('Content-Type', file.contentType);
    res.header('Content-Disposition', file.disposition);
    res.header('X-Content-Type-Options', 'nosniff');
    return file.body;
  }

  @Post('consultations/:id/apply-proposals')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Put adopted proposals into the draft as tracked changes of the caller, one per point, in one edit (owners, ' +
      'after close, while the draft is open for editing); points applied once; skipped ones reported. 409 ' +
      'NOTHING_TO_APPLY when none goes in, DRAFT_LOCKED when the draft’s text is closed',
  })
  @ApiOkResponse({ type: ProposalsAppliedView })
  apply(@CurrentUser() caller: Caller, @Param('id', UuidPipe) id: string, @Body() dto: ApplyProposalsDto) {
    return this.proposals.apply(caller, id, dto.commentIds);
  }
}
