import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import {
  CreateRoundDto,
  PutReportDto,
  RollupQueryDto,
  RuleDto,
  SignalTopicDto,
  SignalUpdateDto,
} from './dto/needs.dto';
import { FIELD_KEYS } from './fields';
import { NeedsRadarService } from './needs-radar.service';
import { NeedsSignals } from './needs-signals';
import { NeedsService } from './needs.service';
import { AdhocReportDto } from './dto/adhoc.dto';

class TrendQueryDto {
  @ApiProperty({ enum: FIELD_KEYS }) @IsIn(FIELD_KEYS) field: string;
  @ApiProperty({ enum: ['district', 'regierungsbezirk', 'land'] })
  @IsIn(['district', 'regierungsbezirk', 'land'])
  level: string;
  @ApiProperty({ description: 'Kreisschlüssel, Regierungsbezirk or BW' })
  @IsString()
  @Length(1, 40)
  key: string;
}

@ApiTags('needs')
@ApiBearerAuth()
@Controller('needs')
export class NeedsController {
  constructor(
    private readonly needs: NeedsService,
    private readonly radar: NeedsRadarService,
    private readonly signals: NeedsSignals,
  ) {}

  @Post('rounds')
  @ApiOperation({ summary: 'Define a reporting round (platform admins, the ministry’s admins)' })
  createRound(@CurrentUser() caller: Caller, @Body() dto: CreateRoundDto) {
    return this.needs.createRound(caller, dto);
  }

  @Get('rounds')
  @ApiOperation({ summary: 'Reporting rounds (the ministry: all; an organisation: those it reports in)' })
  rounds(@CurrentUser() caller: Caller) {
    return this.needs.rounds(caller);
  }

  @Get('rounds/:roundId/periods')
  @ApiOperation({ summary: 'A round’s periods, newest first' })
  periods(@CurrentUser() caller: Caller, @Param('roundId', UuidPipe) roundId: string) {
    return this.needs.periods(caller, roundId);
  }

  @Get('rounds/:roundId/trend')
  @ApiOperation({ summary: 'A field’s roll-up over the round’s periods at one place' })
  trend(
    @CurrentUser() caller: Caller,
    @Param('roundId', UuidPipe) roundId: string,
    @Query() q: TrendQueryDto,
  ) {
    return this.radar.trend(caller, roundId, q.field, q.level, q.key);
  }

  @Get('periods/:periodId/reports')
  @ApiOperation({ summary: 'The reports of a period the caller may see' })
  reports(@CurrentUser() caller: Caller, @Param('periodId', UuidPipe) periodId: string) {
    return this.needs.reports(caller, periodId);
  }

  @Get('periods/:periodId/reports/:orgId')
  @ApiOperation({ summary: 'An organisation’s report of a period' })
  report(
    @CurrentUser() caller: Caller,
    @Param('periodId', UuidPipe) periodId: string,
    @Param('orgId', UuidPipe) orgId: string,
  ) {
    return this.needs.report(caller, periodId, orgId);
  }

  @Put('periods/:periodId/reports/:orgId')
  @ApiOperation({ summary: 'Draft the organisation’s report (its confirmed people)' })
  putReport(
    @CurrentUser() caller: Caller,
    @Param('periodId', UuidPipe) periodId: string,
    @Param('orgId', UuidPipe) orgId: string,
    @Body() dto: PutReportDto,
  ) {
    return this.needs.putReport(caller, periodId, orgId, dto);
  }

  @Post('periods/:periodId/reports/:orgId/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release the report or its Fehlanzeige (Mitzeichnung: admin or deputy); final' })
  release(
    @CurrentUser() caller: Caller,
    @Param('periodId', UuidPipe) periodId: string,
    @Param('orgId', UuidPipe) orgId: string,
  ) {
    return this.needs.release(caller, periodId, orgId);
  }

  @Get('reports/:reportId')
  @ApiOperation({ summary: 'One report by id (the links of a signal’s topic), as the caller may see it' })
  reportById(@CurrentUser() caller: Caller, @Param('reportId', UuidPipe) reportId: string) {
    return this.needs.reportById(caller, reportId);
  }

  @Post('reports/adhoc/:orgId')
  @ApiOperation({ summary: 'An urgent need between rounds, released at once (admin or deputy)' })
  adhoc(@CurrentUser() caller: Caller, @Param('orgId', UuidPipe) orgId: string, @Body() dto: AdhocReportDto) {
    return this.needs.adhoc(caller, orgId, dto.entries);
  }

  @Get('periods/:periodId/completeness')
  @ApiOperation({ summary: 'Reporting completeness: expected, released, Fehlanzeigen, late, rates' })
  completeness(@CurrentUser() caller: Caller, @Param('periodId', UuidPipe) periodId: string) {
    return this.needs.completeness(caller, periodId);
  }

  @Get('rollup')
  @ApiOperation({ summary: 'Roll-up of a field and period by district, Regierungsbezirk or Land' })
  rollup(@CurrentUser() caller: Caller, @Query() q: RollupQueryDto) {
    return this.radar.rollup(caller, q.field, q.periodId, q.level ?? 'district');
  }

  @Get('signals')
  @ApiOperation({ summary: 'Early signals raised by the rules' })
  listSignals(@CurrentUser() caller: Caller) {
    return this.radar.list(caller);
  }

  @Post('signals/:id/topic')
  @ApiOperation({ summary: 'Turn a signal into a topic of a group, its reports linked' })
  toTopic(@CurrentUser() caller: Caller, @Param('id', UuidPipe) id: string, @Body() dto: SignalTopicDto) {
    return this.radar.toTopic(caller, id, dto.groupId);
  }

  @Patch('signals/:id')
  @ApiOperation({ summary: 'Dismiss or reopen a signal, note what was done (the ministry)' })
  updateSignal(
    @CurrentUser() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Body() dto: SignalUpdateDto,
  ) {
    return this.radar.update(caller, id, dto);
  }

  @Get('rules')
  @ApiOperation({ summary: 'The signal rules and their thresholds' })
  rules(@CurrentUser() caller: Caller) {
    return this.signals.rules(caller);
  }

  @Put('rules/:rule')
  @ApiOperation({
    summary: 'Turn a rule on or off, set its thresholds (platform admins, the ministry’s admins)',
  })
  setRule(@CurrentUser() caller: Caller, @Param('rule') rule: string, @Body() dto: RuleDto) {
    return this.signals.setRule(caller, rule, dto);
  }
}
