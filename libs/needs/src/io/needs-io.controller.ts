import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, CurrentUser } from '@runde/identity';
import { AcceptsFile, CSV_TYPE, UuidPipe, XLSX_TYPE } from '@runde/platform';
import { ImportQueryDto, RollupExportQueryDto } from './io.dto';
import { NeedsExports, type ExportFile, type FileFormat } from './needs-exports';
import { NeedsImport } from './needs-import';

const send = (res: FastifyReply, file: ExportFile): Buffer => {
  void res.header('Content-Type', file.contentType);
  void res.header('Content-Disposition', `attachment; filename="${file.filename}"`);
  return file.body;
};

/** The radar's data out (CSV, XLSX) and in (a period's reports from a CSV or XLSX file). */
@ApiTags('needs')
@ApiBearerAuth()
@Controller('needs')
export class NeedsIoController {
  constructor(
    private readonly exports: NeedsExports,
    private readonly importer: NeedsImport,
  ) {}

  @Get('periods/:periodId/reports.csv')
  @ApiOperation({
    summary: 'A period’s reports as the caller may see them, one row per entry (CSV, UTF-8 with BOM)',
  })
  @ApiProduces(CSV_TYPE)
  reportsCsv(
    @CurrentUser() caller: Caller,
    @Param('periodId', UuidPipe) periodId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.reports(caller, periodId, 'csv', res);
  }

  @Get('periods/:periodId/reports.xlsx')
  @ApiOperation({ summary: 'A period’s reports as the caller may see them, one row per entry (XLSX)' })
  @ApiProduces(XLSX_TYPE)
  reportsXlsx(
    @CurrentUser() caller: Caller,
    @Param('periodId', UuidPipe) periodId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.reports(caller, periodId, 'xlsx', res);
  }

  @Get('rollup.csv')
  @ApiOperation({
    summary: 'Roll-up of a field (or, without field, each of the round’s fields) at a level, as CSV',
  })
  @ApiProduces(CSV_TYPE)
  rollupCsv(
    @CurrentUser() caller: Caller,
    @Query() q: RollupExportQueryDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.rollup(caller, q, 'csv', res);
  }

  @Get('rollup.xlsx')
  @ApiOperation({
    summary: 'Roll-up of a field (or, without field, each of the round’s fields) at a level, as XLSX',
  })
  @ApiProduces(XLSX_TYPE)
  rollupXlsx(
    @CurrentUser() caller: Caller,
    @Query() q: RollupExportQueryDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.rollup(caller, q, 'xlsx', res);
  }

  @Post('periods/:periodId/import')
  @HttpCode(200)
  @AcceptsFile()
  @ApiConsumes(CSV_TYPE, XLSX_TYPE)
  @ApiOperation({
    summary:
      'Import reports from a file sent as the raw body (Content-Type text/csv or the XLSX type; up to 5 MB): a ' +
      'header row, then one row per entry — Kreisschlüssel (a town: AGS), Handlungsfeld, Zielgruppe, ' +
      'Betroffene, Trend, Dringlichkeit, Vorhanden, Fehlt, Unterstützung, Belege, Sichtbarkeit (the columns of ' +
      'reports.csv; API names such as field, severity also do). An organisation’s rows become its report’s ' +
      'entries, as a draft unless release=true. Every row is checked; 400 with details [{row, column, ' +
      'message}] and nothing imported when any fails, unless partial=true. Organisations’ admins and deputies ' +
      'for their own; platform admins and the ministry’s admins for any reporter (not with release=true).',
  })
  async import(
    @CurrentUser() caller: Caller,
    @Param('periodId', UuidPipe) periodId: string,
    @Query() q: ImportQueryDto,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: Buffer,
  ) {
    if (!Buffer.isBuffer(body) || !contentType) {
      throw new UnsupportedMediaTypeException(
        `Send the file as the body, with Content-Type ${CSV_TYPE} or ${XLSX_TYPE}`,
      );
    }
    return this.importer.import(caller, periodId, contentType, body, {
      partial: q.partial ?? false,
      release: q.release ?? false,
    });
  }

  private async reports(caller: Caller, periodId: string, format: FileFormat, res: FastifyReply) {
    return send(res, await this.exports.reports(caller, periodId, format));
  }

  private async rollup(caller: Caller, q: RollupExportQueryDto, format: FileFormat, res: FastifyReply) {
    return send(res, await this.exports.rollup(caller, q, format));
  }
}
