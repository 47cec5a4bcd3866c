import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { AssessmentDto, CreateConsultationDto, ExtensionDto, PutStatementDto } from './dto/consultations.dto';
import { ConsultationsService } from './consultations.service';

@ApiTags('consultations')
@ApiBearerAuth()
@Controller()
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Post('groups/:groupId/consultations')
  @ApiOperation({
    summary: 'Open a consultation round (Anhörung / Abfrage): owners and moderators of the group',
  })
  create(
    @CurrentUser() caller: Caller,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: CreateConsultationDto,
  ) {
    return this.consultations.create(caller, groupId, dto);
  }

  @Get('groups/:groupId/consultations')
  @ApiOperation({ summary: 'The group’s rounds (owners and moderators)' })
  listForGroup(@CurrentUser() caller: Caller, @Param('groupId', UuidPipe) groupId: string) {
    return this.consultations.listForGroup(caller, groupId);
  }

  @Get('me/consultations')
  @ApiOperation({ summary: 'The rounds addressed to the caller’s organisations' })
  listMine(@CurrentUser() caller: Caller) {
    return this.consultations.listMine(caller);
  }

  @Get('consultations/:id')
  @ApiOperation({ summary: 'A round: owners see every addressee, an addressee’s people their own entry' })
  get(@CurrentUser() caller: Caller, @Param('id', UuidPipe) id: string) {
    return this.consultations.get(caller, id);
  }

  @Get('consultations/:id/blocks')
  @ApiOperation({
    summary: 'The consulted draft’s blocks with their Randnummern (everyone who reads the round)',
  })
  blocks(@CurrentUser() caller: Caller, @Param('id', UuidPipe) id: string) {
    return this.consultations.draftBlocks(caller, id);
  }

  @Get('consultations/:id/statements')
  @ApiOperation({ summary: 'Released statements: owners; every addressee after publication; else one’s own' })
  statements(@CurrentUser() caller: Caller, @Param('id', UuidPipe) id: string) {
    return this.consultations.statements(caller, id);
  }

  @Get('consultations/:id/statements/:orgId')
  @ApiOperation({ summary: 'An organisation’s current statement' })
  statement(
    @CurrentUser() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Param('orgId', UuidPipe) orgId: string,
  ) {
    return this.consultations.statement(caller, id, orgId);
  }

  @Put('consultations/:id/statements/:orgId')
  @ApiOperation({ summary: 'Draft the organisation’s statement (its confirmed people, while open)' })
  put(
    @CurrentUser() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Param('orgId', UuidPipe) orgId: string,
    @Body() dto: PutStatementDto,
  ) {
    return this.consultations.putStatement(caller, id, orgId, dto);
  }

  @Post('consultations/:id/statements/:orgId/release')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Release the statement (Mitzeichnung: the organisation’s admin or a deputy); final',
  })
  release(
    @CurrentUser() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Param('orgId', UuidPipe) orgId: string,
  ) {
    return this.consultations.release(caller, id, orgId);
  }

  @Post('consultations/:id/statements/:orgId/nil-return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Fehlanzeige: nothing to report (admin or deputy); counts as an answer' })
  nilReturn(
    @CurrentUser() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Param('orgId', UuidPipe) orgId: string,
  ) {
    return this.consultations.nilReturn(caller, id, orgId);
  }

  @Post('consultations/:id/statements/:orgId/correction')
  @HttpCode(201)
  @ApiOperation({ summary: 'Start a correction of a released statement: a new, linked statement' })
  correct(
    @CurrentUser() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Param('orgId', UuidPipe) orgId: string,
  ) {
    return this.consultations.correct(caller, id, orgId);
  }

  @Post('consultations/:id/addressees/:orgId/extension')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend one addressee’s deadline (Fristverlängerung; owners)' })
  extend(
    @CurrentUser() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Param('orgId', UuidPipe) orgId: string,
    @Body() dto: ExtensionDto,
  ) {
    return this.consultations.extend(caller, id, orgId, new Date(dto.deadline));
  }

  @Post('consultations/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the statements to all addressees (owners, after close)' })
  publish(@CurrentUser() caller: Caller, @Param('id', UuidPipe) id: string) {
    return this.consultations.publish(caller, id);
  }

  @Put('consultations/:id/assessments/:commentId')
  @ApiOperation({ summary: 'Assess a point of a statement (owners, after close)' })
  assess(
    @CurrentUser() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Param('commentId', UuidPipe) commentId: string,
    @Body() dto: AssessmentDto,
  ) {
    return this.consultations.assess(caller, id, commentId, dto);
  }
}
