import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, CurrentUser } from '@runde/identity';
import { PageQueryDto, UuidPipe } from '@runde/platform';
import { ChangeStatusDto, CreateDraftDto, ExportQueryDto, PutContentDto } from '../dto/drafts.dto';
import { ExportService } from '../export/export.service';
import { DraftWorkflowService } from './draft-workflow.service';
import { DraftsService } from './drafts.service';

@ApiTags('drafts')
@ApiBearerAuth()
@Controller()
export class DraftsController {
  constructor(
    private readonly drafts: DraftsService,
    private readonly workflow: DraftWorkflowService,
    private readonly exports: ExportService,
  ) {}

  @Post('topics/:topicId/drafts')
  @ApiOperation({ summary: 'Start a strategy draft (members, moderators, owners of the topic’s group)' })
  create(
    @CurrentUser() caller: Caller,
    @Param('topicId', UuidPipe) topicId: string,
    @Body() dto: CreateDraftDto,
  ) {
    return this.drafts.create(caller, topicId, dto.title, dto.content);
  }

  @Get('topics/:topicId/drafts')
  @ApiOperation({ summary: 'Drafts of a topic, newest first (without their text)' })
  list(
    @CurrentUser() caller: Caller,
    @Param('topicId', UuidPipe) topicId: string,
    @Query() page: PageQueryDto,
  ) {
    return this.drafts.list(caller, topicId, page.limit, page.cursor);
  }

  @Get('drafts/:draftId')
  @ApiOperation({ summary: 'A draft with its current Markdown text and version' })
  get(@CurrentUser() caller: Caller, @Param('draftId', UuidPipe) draftId: string) {
    return this.drafts.get(caller, draftId);
  }

  @Put('drafts/:draftId/content')
  @ApiOperation({
    summary: 'Replace the text; a stale baseVersion is merged with what changed since (409 only on overlap)',
  })
  put(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Body() dto: PutContentDto,
  ) {
    return this.drafts.putContent(caller, draftId, dto.content, dto.baseVersion);
  }

  @Post('drafts/:draftId/status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move through draft → consultation → revision → adopted → archived (moderators)' })
  status(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Body() dto: ChangeStatusDto,
  ) {
    return this.workflow.changeStatus(caller, draftId, dto.status, dto.deadline);
  }

  @Get('drafts/:draftId/sections')
  @ApiOperation({ summary: 'Sections of the current text, from its Markdown headings' })
  sections(@CurrentUser() caller: Caller, @Param('draftId', UuidPipe) draftId: string) {
    return this.drafts.sections(caller, draftId);
  }

  @Get('drafts/:draftId/export')
  @ApiOperation({
    summary:
      'The current text or a revision as Markdown, HTML, DOCX, ODT or PDF, with an appendix (decisions, resolved ' +
      'comments; in documents also the open comments and suggestions); 503 when the ODT/PDF converter is missing or busy',
  })
  async export(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string | Buffer> {
    const out = await this.exports.export(
      caller,
      draftId,
      query.format ?? 'markdown',
      query.revision,
      query.lang ?? 'de',
      query.changes ?? 'tracked',
    );
    res.header('Content-Type', out.contentType);
    res.header('Content-Disposition', out.disposition);
    res.header('X-Content-Type-Options', 'nosniff');
    return out.body;
  }
}
