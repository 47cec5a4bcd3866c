import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@runde/identity';
import { CSV_TYPE, XLSX_TYPE } from '@runde/platform';
import { NeedsRoundEntity } from '../entities/needs-round.entity';
import { NeedsAccess } from '../needs-access';
import { NeedsRadarService } from '../needs-radar.service';
import { NeedsService } from '../needs.service';
import { writeCsv, type Cell } from './csv';
import { REPORT_COLUMNS, reportRows, type PlacedReport } from './report-table';
import { ROLLUP_COLUMNS, rollupRows, type RollupPart } from './rollup-table';
import { writeXlsx, type Column } from './xlsx';

export type FileFormat = 'csv' | 'xlsx';

export interface ExportFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

type Level = 'district' | 'regierungsbezirk' | 'land';

/**
 * The radar's data as files (CSV: RFC 4180, UTF-8 with BOM; XLSX: typed cells under a header row), made from what
 * the caller may see through the API: a period's reports (the ministry every entry of released reports, others
 * the entries shared with the network; one's own organisation's report also while drafting, with all its
 * entries) and the roll-ups (the ministry's over every entry, the network's over shared ones).
 */
@Injectable()
export class NeedsExports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly needs: NeedsService,
    private readonly radar: NeedsRadarService,
    private readonly access: NeedsAccess,
  ) {}

  async reports(caller: Caller, periodId: string, format: FileFormat): Promise<ExportFile> {
    const { items } = await this.needs.reports(caller, periodId);
    const period = await this.needs.period(periodId);
    const ags: Array<{ id: string; ags: string | null }> = items.length
      ? await this.dataSource.query(`SELECT id, ags FROM organisations WHERE id = ANY($1::uuid[])`, [
          [...new Set(items.map((r) => r.organisationId))],
        ])
      : [];
    const agsOf = new Map(ags.map((o) => [o.id, o.ags]));
    const placed: PlacedReport[] = items
      .map((report) => ({ report, ags: agsOf.get(report.organisationId) ?? null }))
      .sort(
        (a, b) =>
          (a.report.organisation.kreisschluessel ?? '~').localeCompare(
            b.report.organisation.kreisschluessel ?? '~',
          ) ||
          (a.ags ?? '').localeCompare(b.ags ?? '') ||
          a.report.organisation.name.localeCompare(b.report.organisation.name, 'de'),
      );
    return file(
      format,
      `bedarfsmeldungen-${safe(period.label)}`,
      'Bedarfsmeldungen',
      REPORT_COLUMNS,
      reportRows(placed),
    );
  }

  /** The roll-up of one field, or of each of the round's fields, at one level. */
  async rollup(
    caller: Caller,
    q: { periodId: string; field?: string; level?: Level },
    format: FileFormat,
  ): Promise<ExportFile> {
    const level = q.level ?? 'district';
    this.access.assertNetwork(await this.access.viewer(caller));
    const period = await this.needs.period(q.periodId);
    const fields = q.field
      ? [q.field]
      : (await this.dataSource.getRepository(NeedsRoundEntity).findOneByOrFail({ id: period.roundId }))
          .fields;
    const parts: RollupPart[] = [];
    for (const field of fields) {
      const r = await this.radar.rollup(caller, field, q.periodId, level);
      parts.push({ periodLabel: period.label, field, level, items: r.items });
    }
    const name = `bedarfe-${safe(period.label)}-${q.field ?? 'alle'}-${level}`;
    return file(format, name, 'Auswertung', ROLLUP_COLUMNS, rollupRows(parts));
  }
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');

async function file(
  format: FileFormat,
  name: string,
  sheet: string,
  columns: readonly Column[],
  rows: Cell[][],
): Promise<ExportFile> {
  if (format === 'xlsx') {
    return { body: await writeXlsx(sheet, columns, rows), contentType: XLSX_TYPE, filename: `${name}.xlsx` };
  }
  return {
    body: Buffer.from(
      writeCsv(
        columns.map((c) => c.header),
        rows,
      ),
      'utf8',
    ),
    contentType: `${CSV_TYPE}; charset=utf-8`,
    filename: `${name}.csv`,
  };
}
