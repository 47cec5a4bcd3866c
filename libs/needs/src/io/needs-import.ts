import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NeedsReportPayload } from '@runde/events';
import { UnitOfWork } from '@runde/events';
import type { Caller } from '@runde/identity';
import { AppError, CSV_TYPE, XLSX_TYPE } from '@runde/platform';
import type { EntryDto } from '../dto/needs.dto';
import { NeedsRoundEntity } from '../entities/needs-round.entity';
import { NeedsAccess, type NeedsViewer } from '../needs-access';
import { NeedsService } from '../needs.service';
import { CsvSyntaxError, parseCsv } from './csv';
import { readImportRows, type ImportError, type ImportRow } from './import-rows';
import { fieldLabel } from './labels';
import { readXlsx, XlsxReadError } from './xlsx';

export interface ImportOptions {
  /** Import the good rows and report the others (default: nothing unless every row is good). */
  partial?: boolean;
  /** Release each imported report at once (its organisation's admins and deputies only). */
  release?: boolean;
}

export interface ImportResult {
  imported: number;
  reports: NeedsReportPayload[];
  errors: ImportError[];
}

interface Org {
  id: string;
  name: string;
  kreisschluessel: string | null;
  ags: string | null;
}

/**
 * Needs reports from a file (CSV or XLSX), one row per entry, keyed by Kreisschlüssel (a town: AGS) and field of
 * action. Each row is checked on its own and every problem named by row and column; nothing is imported while any
 * row fails, unless `partial` (then the good rows are). An organisation's rows become its report's entries (as a
 * PUT would make them), a draft unless `release`. Who: an organisation's admins and deputies for their own
 * organisation; platform admins and the ministry's admins for any reporter of the round (they draft; releasing
 * stays the organisation's Mitzeichnung).
 */
@Injectable()
export class NeedsImport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: NeedsAccess,
    private readonly needs: NeedsService,
  ) {}

  async import(
    caller: Caller,
    periodId: string,
    contentType: string,
    body: Buffer,
    options: ImportOptions,
  ): Promise<ImportResult> {
    const viewer = await this.access.viewer(caller);
    this.access.assertNetwork(viewer);
    const period = await this.needs.period(periodId);
    const leads = [...viewer.orgs].filter(([, role]) => role === 'admin' || role === 'deputy');
    if (!viewer.steer && !leads.length) {
      throw AppError.forbidden(
        'Reports are imported by an organisation’s admins and deputies, or by the ministry’s admins',
      ).because('IMPORT_NOT_ALLOWED');
    }
    if (period.status !== 'open') {
      throw AppError.conflict(`The period ${period.label} is closed; reports are no longer taken`, [
        { row: null, column: null, message: `The period ${period.label} is closed` },
      ]).because('PERIOD_CLOSED');
    }
    const read = readImportRows(await this.rows(contentType, body));
    const errors = [...read.errors];
    if (errors.some((e) => e.row === 1 || e.row === null)) throw invalid(errors);
    if (!read.rows.length && !errors.length) {
      throw invalid([{ row: null, column: null, message: 'The file has no rows below its header' }]);
    }
    const good = await this.check(read.rows, periodId, period.roundId, viewer, options, errors);
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    if (errors.length && !options.partial) throw invalid(errors);
    if (!good.size) return { imported: 0, reports: [], errors };
    const reports = await this.uow.run(async (tx) => {
      const out: NeedsReportPayload[] = [];
      for (const [orgId, entries] of good) {
        let report = await this.needs.draftIn(tx, periodId, orgId, { entries }, caller.id, viewer);
        if (options.release) report = await this.needs.releaseIn(tx, period, orgId, caller.id, viewer);
        out.push(report);
      }
      return out;
    });
    return { imported: [...good.values()].reduce((n, e) => n + e.length, 0), reports, errors };
  }

  private async rows(contentType: string, body: Buffer): Promise<string[][]> {
    const type = contentType.split(';')[0].trim().toLowerCase();
    try {
      if (type === XLSX_TYPE) return await readXlsx(body);
      if (type === CSV_TYPE) return parseCsv(decode(body));
    } catch (error) {
      if (error instanceof CsvSyntaxError)
        throw invalid([{ row: error.row, column: null, message: `Unreadable CSV: ${error.message}` }]);
      if (error instanceof XlsxReadError)
        throw invalid([{ row: null, column: null, message: error.message }]);
      throw error;
    }
    throw invalid([{ row: null, column: null, message: `Send the file as ${CSV_TYPE} or ${XLSX_TYPE}` }]);
  }

  /**
   * What needs the database: the key names an organisation of the register that reports in the round and that
   * the caller may act for (and release, with `release`); the round asks about the field; one row per
   * organisation and field; the organisation's report is not released yet. Returns the good rows' entries by
   * organisation; adds the problems to `errors`.
   */
  private async check(
    rows: ImportRow[],
    periodId: string,
    roundId: string,
    viewer: NeedsViewer,
    options: ImportOptions,
    errors: ImportError[],
  ): Promise<Map<string, EntryDto[]>> {
    const ks = [...new Set(rows.filter((r) => r.key.kind === 'kreisschluessel').map((r) => r.key.value))];
    const ags = [...new Set(rows.filter((r) => r.key.kind === 'ags').map((r) => r.key.value))];
    const orgs: Org[] = await this.dataSource.query(
      `SELECT id, name, kreisschluessel, ags FROM organisations
        WHERE (kind IN ('Landkreis', 'Stadtkreis') AND kreisschluessel = ANY($1)) OR ags = ANY($2)`,
      [ks, ags],
    );
    const byKey = new Map(
      orgs.flatMap((o) => [[`k${o.kreisschluessel}`, o] as const, [`a${o.ags}`, o] as const]),
    );
    const round = await this.dataSource.getRepository(NeedsRoundEntity).findOneByOrFail({ id: roundId });
    const reporters = new Set(
      (
        await this.dataSource.query(
          `SELECT organisation_id FROM needs_reporters WHERE round_id = $1 AND organisation_id = ANY($2::uuid[])`,
          [roundId, orgs.map((o) => o.id)],
        )
      ).map((r: { organisation_id: string }) => r.organisation_id),
    );
    const released = new Set(
      (
        await this.dataSource.query(
          `SELECT organisation_id FROM needs_reports WHERE period_id = $1 AND status <> 'drafting'`,
          [periodId],
        )
      ).map((r: { organisation_id: string }) => r.organisation_id),
    );
    const good = new Map<string, EntryDto[]>();
    const seen = new Map<string, number>();
    for (const r of rows) {
      const fail = (column: string, message: string) => errors.push({ row: r.row, column, message });
      const org = byKey.get(`${r.key.kind === 'ags' ? 'a' : 'k'}${r.key.value}`);
      const keyName = r.key.kind === 'ags' ? 'AGS' : 'Kreisschlüssel';
      if (!org) {
        fail(r.key.column, `No district or town of the register has the ${keyName} ${r.key.value}`);
        continue;
      }
      if (!reporters.has(org.id)) {
        fail(r.key.column, `${org.name} (${r.key.value}) is not a reporter of this round`);
        continue;
      }
      const role = viewer.orgs.get(org.id);
      const leads = role === 'admin' || role === 'deputy';
      if (!leads && !viewer.steer) {
        fail(r.key.column, `You may import only for the organisations you lead, not for ${org.name}`);
        continue;
      }
      if (options.release && !leads) {
        fail(
          r.key.column,
          `Only the admins and deputies of ${org.name} release its report (Mitzeichnung); import without release=true`,
        );
        continue;
      }
      if (released.has(org.id)) {
        fail(r.key.column, `The report of ${org.name} is released and final`);
        continue;
      }
      const fieldColumn = r.fieldColumn;
      if (!round.fields.includes(r.entry.field)) {
        fail(fieldColumn, `The round does not ask about ${fieldLabel(r.entry.field)}`);
        continue;
      }
      const dup = `${org.id}|${r.entry.field}`;
      if (seen.has(dup)) {
        fail(fieldColumn, `${fieldLabel(r.entry.field)} for ${org.name} is in row ${seen.get(dup)} already`);
        continue;
      }
      seen.set(dup, r.row);
      good.set(org.id, [...(good.get(org.id) ?? []), r.entry]);
    }
    return good;
  }
}

function invalid(errors: ImportError[]): AppError {
  const rows = new Set(errors.map((e) => e.row)).size;
  return AppError.validation(
    `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${rows} row${rows === 1 ? '' : 's'}; nothing was imported`,
    errors,
  ).because('IMPORT_INVALID');
}

/** UTF-8 (with or without BOM); a file that is not (an older Excel's Windows-1252) is read as Windows-1252. */
function decode(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}
