import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type {
  NeedsEntryPayload,
  NeedsPeriodPayload,
  NeedsReportPayload,
  NeedsRoundPayload,
} from '@runde/events';
import { streamName, UnitOfWork, type Transaction } from '@runde/events';
import { resolveOrganisations, type Caller } from '@runde/identity';
import { AppError } from '@runde/platform';
import type { CreateRoundDto, EntryDto, PutReportDto } from './dto/needs.dto';
import { NeedsEntryEntity } from './entities/needs-entry.entity';
import { NeedsPeriodEntity } from './entities/needs-period.entity';
import { NeedsReportEntity } from './entities/needs-report.entity';
import { NeedsRoundEntity } from './entities/needs-round.entity';
import { FIELD_KEYS } from './fields';
import { NeedsAccess, type NeedsViewer } from './needs-access';
import { periodAt } from './periods';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

interface OrgRow {
  id: string;
  name: string;
  kind: string;
  regierungsbezirk: string | null;
  kreisschluessel: string | null;
}

/**
 * Needs reporting: rounds with their reporters (platform admins and the ministry's admins), periods (opened by the
 * scheduler), reports drafted by an organisation's people and released by its admin or deputy (Mitzeichnung),
 * Fehlanzeige, ad-hoc reports between rounds, and completeness. Roll-ups and signals are kept by the worker from
 * the `needs_report.released` events (NeedsAggregator, NeedsSignals).
 */
@Injectable()
export class NeedsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: NeedsAccess,
  ) {}

  async createRound(caller: Caller, dto: CreateRoundDto): Promise<NeedsRoundPayload> {
    const viewer = await this.access.viewer(caller);
    this.access.assertSteer(viewer);
    const orgIds = await resolveOrganisations(this.dataSource.manager, dto.reporters, 'reporters');
    const round = await this.uow.run(async (tx) => {
      const saved = await tx.manager.save(
        tx.manager.create(NeedsRoundEntity, {
          title: dto.title,
          cadence: dto.cadence,
          fields: dto.fields?.length ? dto.fields : [...FIELD_KEYS],
          dueDays: dto.dueDays,
          remindDaysBefore: [...new Set(dto.remindDaysBefore ?? [7, 1])].sort((a, b) => b - a),
          active: true,
          createdBy: caller.id,
        }),
      );
      await tx.manager.query(
        `INSERT INTO needs_reporters (round_id, organisation_id) SELECT $1, unnest($2::uuid[])`,
        [saved.id, orgIds],
      );
      await this.openPeriod(tx.manager, saved, new Date(), (period) =>
        tx.append(streamName('needs', ''), 'needs_period.opened', { period }, caller.id),
      );
      return saved;
    });
    return this.roundView(round);
  }

  /**
   * Opens the round's period that `now` falls in, if it has none yet (idempotent: one per round and label).
   * Returns the period if it opened it.
   */
  async openPeriod(
    manager: EntityManager,
    round: NeedsRoundEntity,
    now: Date,
    opened: (period: NeedsPeriodPayload) => void,
  ): Promise<NeedsPeriodPayload | null> {
    const at = periodAt(round.cadence, round.createdAt ?? now, now, round.dueDays);
    if (!at) return null;
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO needs_periods (round_id, label, seq, opens_at, due_at, status)
       VALUES ($1, $2, $3, $4, $5, 'open') ON CONFLICT (round_id, label) DO NOTHING RETURNING id`,
      [round.id, at.label, at.seq, at.opensAt, at.dueAt],
    );
    if (!rows.length) return null;
    const period = this.periodView(await manager.findOneByOrFail(NeedsPeriodEntity, { id: rows[0].id }));
    opened(period);
    return period;
  }

  async rounds(caller: Caller): Promise<{ items: NeedsRoundPayload[] }> {
    const viewer = await this.access.viewer(caller);
    this.access.assertNetwork(viewer);
    const rounds = viewer.ministry
      ? await this.dataSource.getRepository(NeedsRoundEntity).find({ order: { createdAt: 'DESC' } })
      : await this.dataSource
          .getRepository(NeedsRoundEntity)
          .createQueryBuilder('r')
          .where(`r.id IN (SELECT round_id FROM needs_reporters WHERE organisation_id = ANY(:orgs))`, {
            orgs: [...viewer.orgs.keys()],
          })
          .orderBy('r.created_at', 'DESC')
          .getMany();
    return { items: await Promise.all(rounds.map((r) => this.roundView(r))) };
  }

  async periods(caller: Caller, roundId: string): Promise<{ items: NeedsPeriodPayload[] }> {
    const viewer = await this.access.viewer(caller);
    await this.assertRoundReadable(viewer, roundId);
    const periods = await this.dataSource
      .getRepository(NeedsPeriodEntity)
      .find({ where: { roundId }, order: { seq: 'DESC' } });
    return { items: periods.map((p) => this.periodView(p)) };
  }

  async putReport(
    caller: Caller,
    periodId: string,
    orgId: string,
    dto: PutReportDto,
  ): Promise<NeedsReportPayload> {
    const viewer = await this.access.viewer(caller);
    const period = await this.period(periodId);
    await this.assertReporter(viewer, period, orgId);
    this.access.assertActs(viewer, orgId);
    if (dto.nilReturn && dto.entries?.length) {
      throw AppError.validation('A Fehlanzeige has no entries', [
        { field: 'entries', messages: ['must be empty with nilReturn'] },
      ]);
    }
    await this.checkFields(period.roundId, dto.entries ?? []);
    return this.uow.run((tx) => this.draftIn(tx, periodId, orgId, dto, caller.id, viewer));
  }

  /**
   * Writes the organisation's report inside `tx` (the caller checked who may): the period must be open and the
   * report still drafting (and at `dto.version` when given); its entries become `dto.entries` when given. Its
   * people see it on organisation:<id>. PUT …/reports/:orgId and the import write through here.
   */
  async draftIn(
    tx: Transaction,
    periodId: string,
    orgId: string,
    dto: PutReportDto,
    actorId: string,
    viewer: NeedsViewer,
  ): Promise<NeedsReportPayload> {
    await this.assertPeriodOpen(tx.manager, periodId);
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`needs:${periodId}:${orgId}`]);
    let report = await tx.manager.findOneBy(NeedsReportEntity, { periodId, organisationId: orgId });
    if (report && report.status !== 'drafting') {
      throw AppError.conflict('The report is released and final').because('REPORT_RELEASED');
    }
    if (report && dto.version !== undefined && dto.version !== report.version) {
      throw AppError.conflict('The report changed since you loaded it; reload and apply your change', [
        await this.reportView(report, viewer, tx.manager),
      ]).because('STALE_VERSION');
    }
    report ??= tx.manager.create(NeedsReportEntity, {
      periodId,
      organisationId: orgId,
      adhoc: false,
      status: 'drafting',
      version: 0,
      late: false,
    });
    report.version += 1;
    report.updatedBy = actorId;
    report.updatedAt = new Date();
    report.nilReturnIntent = dto.nilReturn ?? (dto.entries?.length ? false : report.nilReturnIntent);
    report = await tx.manager.save(report);
    if (dto.entries !== undefined) await this.replaceEntries(tx.manager, report.id, dto.entries);
    const view = await this.reportView(report, viewer, tx.manager);
    tx.append(streamName('organisation', orgId), 'needs_report.updated', { report: view }, actorId);
    return view;
  }

  /** Mitzeichnung: the organisation's admin or a deputy releases the report (or its Fehlanzeige); final. */
  async release(caller: Caller, periodId: string, orgId: string): Promise<NeedsReportPayload> {
    const viewer = await this.access.viewer(caller);
    const period = await this.period(periodId);
    await this.assertReporter(viewer, period, orgId);
    this.access.assertActs(viewer, orgId, true);
    return this.uow.run((tx) => this.releaseIn(tx, period, orgId, caller.id, viewer));
  }

  /**
   * Releases the organisation's drafted report inside `tx` (the caller checked who may): the period must be open;
   * a report with no entries is released as its Fehlanzeige only when one was meant. POST …/release and the
   * import's `release=true` release through here.
   */
  async releaseIn(
    tx: Transaction,
    period: NeedsPeriodEntity,
    orgId: string,
    actorId: string,
    viewer: NeedsViewer,
  ): Promise<NeedsReportPayload> {
    await this.assertPeriodOpen(tx.manager, period.id);
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`needs:${period.id}:${orgId}`]);
    const report = await tx.manager.findOneBy(NeedsReportEntity, {
      periodId: period.id,
      organisationId: orgId,
    });
    if (!report) throw AppError.conflict('There is no report to release yet').because('NOTHING_TO_RELEASE');
    if (report.status !== 'drafting') {
      throw AppError.conflict('The report is released and final').because('REPORT_RELEASED');
    }
    const entries = await tx.manager.countBy(NeedsEntryEntity, { reportId: report.id });
    if (!entries && !report.nilReturnIntent) {
      throw AppError.conflict('The report has no entries; add them or report a Fehlanzeige').because(
        'NOTHING_TO_RELEASE',
      );
    }
    return this.releaseReport(tx, report, entries ? 'released' : 'nil_return', period.dueAt, actorId, viewer);
  }

  /** An urgent need between rounds: written and released at once by the organisation's admin or deputy. */
  async adhoc(caller: Caller, orgId: string, entries: EntryDto[]): Promise<NeedsReportPayload> {
    const viewer = await this.access.viewer(caller);
    this.access.assertActs(viewer, orgId, true);
    if (!entries.length) {
      throw AppError.validation('An ad-hoc report needs at least one entry', [
        { field: 'entries', messages: ['at least one entry'] },
      ]);
    }
    return this.uow.run(async (tx) => {
      const report = await tx.manager.save(
        tx.manager.create(NeedsReportEntity, {
          periodId: null,
          organisationId: orgId,
          adhoc: true,
          status: 'drafting',
          version: 1,
          late: false,
          updatedBy: caller.id,
        }),
      );
      await this.replaceEntries(tx.manager, report.id, entries);
      return this.releaseReport(tx, report, 'released', null, caller.id, viewer);
    });
  }

  private async releaseReport(
    tx: Transaction,
    report: NeedsReportEntity,
    status: 'released' | 'nil_return',
    dueAt: Date | null,
    actorId: string,
    viewer: NeedsViewer,
  ): Promise<NeedsReportPayload> {
    const now = new Date();
    Object.assign(report, {
      status,
      releasedAt: now,
      releasedBy: actorId,
      late: dueAt !== null && now > dueAt,
      version: report.version + 1,
      updatedAt: now,
      updatedBy: actorId,
    });
    await tx.manager.save(report);
    const entries = await tx.manager.find(NeedsEntryEntity, { where: { reportId: report.id } });
    tx.append(
      streamName('needs', ''),
      'needs_report.released',
      {
        reportId: report.id,
        periodId: report.periodId,
        organisationId: report.organisationId,
        adhoc: report.adhoc,
        nilReturn: status === 'nil_return',
        late: report.late,
        releasedAt: now.toISOString(),
        networkFields: [...new Set(entries.filter((e) => e.visibility === 'network').map((e) => e.field))],
      },
      actorId,
    );
    const view = await this.reportView(report, viewer, tx.manager);
    tx.append(
      streamName('organisation', report.organisationId),
      'needs_report.updated',
      { report: view },
      actorId,
    );
    return view;
  }

  async report(caller: Caller, periodId: string, orgId: string): Promise<NeedsReportPayload> {
    const viewer = await this.access.viewer(caller);
    const period = await this.period(periodId);
    await this.assertRoundReadable(viewer, period.roundId);
    const report = await this.dataSource
      .getRepository(NeedsReportEntity)
      .findOneBy({ periodId, organisationId: orgId });
    const own = viewer.orgs.has(orgId);
    if (!report) {
      if (own) return this.emptyReport(periodId, orgId);
      throw AppError.notFound('Report');
    }
    if (!own && report.status === 'drafting') throw AppError.notFound('Report');
    return this.reportView(report, viewer);
  }

  /** A report by id: one's own organisation's (also drafting), else released ones the caller may read. */
  async reportById(caller: Caller, reportId: string): Promise<NeedsReportPayload> {
    const viewer = await this.access.viewer(caller);
    this.access.assertNetwork(viewer);
    const report = await this.dataSource.getRepository(NeedsReportEntity).findOneBy({ id: reportId });
    if (!report || (report.status === 'drafting' && !viewer.orgs.has(report.organisationId)))
      throw AppError.notFound('Report');
    return this.reportView(report, viewer);
  }

  /** The reports of a period the caller may see: own ones; released ones (the ministry all entries, others the network's). */
  async reports(caller: Caller, periodId: string): Promise<{ items: NeedsReportPayload[] }> {
    const viewer = await this.access.viewer(caller);
    const period = await this.period(periodId);
    await this.assertRoundReadable(viewer, period.roundId);
    const reports: NeedsReportEntity[] = await this.dataSource
      .getRepository(NeedsReportEntity)
      .createQueryBuilder('r')
      .where('r.period_id = :periodId', { periodId })
      .andWhere(`(r.status <> 'drafting' OR r.organisation_id = ANY(:orgs))`, {
        orgs: [...viewer.orgs.keys()],
      })
      .getMany();
    return { items: await this.reportViews(reports, viewer) };
  }

  async completeness(caller: Caller, periodId: string) {
    const viewer = await this.access.viewer(caller);
    const period = await this.period(periodId);
    await this.assertRoundReadable(viewer, period.roundId);
    const rows: Array<{
      regierungsbezirk: string | null;
      expected: number;
      released: number;
      nil_returns: number;
      late: number;
      on_time: number;
      drafting: number;
    }> = await this.dataSource.query(
      `SELECT COALESCE(o.regierungsbezirk, p.regierungsbezirk) AS regierungsbezirk,
              count(*)::int AS expected,
              count(*) FILTER (WHERE r.status = 'released')::int AS released,
              count(*) FILTER (WHERE r.status = 'nil_return')::int AS nil_returns,
              count(*) FILTER (WHERE r.status <> 'drafting' AND r.late)::int AS late,
              count(*) FILTER (WHERE r.status <> 'drafting' AND NOT r.late)::int AS on_time,
              count(*) FILTER (WHERE r.status = 'drafting')::int AS drafting
         FROM needs_reporters rp
         JOIN organisations o ON o.id = rp.organisation_id
         LEFT JOIN organisations p ON p.id = o.parent_id
         LEFT JOIN needs_reports r ON r.period_id = $2 AND r.organisation_id = rp.organisation_id
        WHERE rp.round_id = $1
        GROUP BY 1 ORDER BY 1 NULLS LAST`,
      [period.roundId, periodId],
    );
    const sum = (k: keyof (typeof rows)[number]) => rows.reduce((n, r) => n + (r[k] as number), 0);
    const rate = (answered: number, expected: number) => (expected ? answered / expected : 0);
    const expected = sum('expected');
    return {
      periodId,
      dueAt: period.dueAt.toISOString(),
      expected,
      released: sum('released'),
      nilReturns: sum('nil_returns'),
      late: sum('late'),
      drafting: sum('drafting'),
      rate: rate(sum('released') + sum('nil_returns'), expected),
      onTimeRate: rate(sum('on_time'), expected),
      byRegierungsbezirk: rows.map((r) => ({
        name: r.regierungsbezirk,
        expected: r.expected,
        released: r.released,
        nilReturns: r.nil_returns,
        late: r.late,
        drafting: r.drafting,
        rate: rate(r.released + r.nil_returns, r.expected),
        onTimeRate: rate(r.on_time, r.expected),
      })),
    };
  }

  // ——— reading and rules ———

  async period(id: string): Promise<NeedsPeriodEntity> {
    const period = await this.dataSource.getRepository(NeedsPeriodEntity).findOneBy({ id });
    if (!period) throw AppError.notFound('Period');
    return period;
  }

  private async assertRoundReadable(viewer: NeedsViewer, roundId: string): Promise<void> {
    this.access.assertNetwork(viewer);
    if (viewer.ministry) {
      if (!(await this.dataSource.getRepository(NeedsRoundEntity).existsBy({ id: roundId })))
        throw AppError.notFound('Round');
      return;
    }
    const rows = await this.dataSource.query(
      `SELECT 1 FROM needs_reporters WHERE round_id = $1 AND organisation_id = ANY($2::uuid[]) LIMIT 1`,
      [roundId, [...viewer.orgs.keys()]],
    );
    // Others' rounds are not hidden from the network (their roll-ups are shared), but a round is read through
    // one's own organisation's part in it.
    if (!rows.length && !(await this.dataSource.getRepository(NeedsRoundEntity).existsBy({ id: roundId })))
      throw AppError.notFound('Round');
  }

  private async assertReporter(viewer: NeedsViewer, period: NeedsPeriodEntity, orgId: string): Promise<void> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM needs_reporters WHERE round_id = $1 AND organisation_id = $2`,
      [period.roundId, orgId],
    );
    if (!rows.length) {
      if (!viewer.orgs.has(orgId) && !viewer.ministry) throw AppError.notFound('Report');
      throw AppError.conflict('This organisation is not a reporter of the round').because('NOT_A_REPORTER');
    }
  }

  private async assertPeriodOpen(manager: EntityManager, periodId: string): Promise<void> {
    const rows: Array<{ status: string }> = await manager.query(
      `SELECT status FROM needs_periods WHERE id = $1 FOR SHARE`,
      [periodId],
    );
    if (rows[0]?.status !== 'open') {
      throw AppError.conflict('The period is closed; reports are no longer taken').because('PERIOD_CLOSED');
    }
  }

  private async checkFields(roundId: string, entries: EntryDto[]): Promise<void> {
    const round = await this.dataSource.getRepository(NeedsRoundEntity).findOneByOrFail({ id: roundId });
    const seen = new Set<string>();
    for (const [i, e] of entries.entries()) {
      if (!round.fields.includes(e.field)) {
        throw AppError.validation(`Entry ${i + 1}: the round does not ask about ${e.field}`, [
          { field: `entries[${i}].field`, messages: [`must be one of ${round.fields.join(', ')}`] },
        ]);
      }
      if (seen.has(e.field)) {
        throw AppError.validation(`Entry ${i + 1}: one entry per field of action`, [
          { field: `entries[${i}].field`, messages: ['reported twice'] },
        ]);
      }
      seen.add(e.field);
    }
  }

  private async replaceEntries(manager: EntityManager, reportId: string, entries: EntryDto[]): Promise<void> {
    await manager.delete(NeedsEntryEntity, { reportId });
    if (!entries.length) return;
    await manager.insert(
      NeedsEntryEntity,
      entries.map((e, ord) => ({
        reportId,
        ord,
        field: e.field,
        targetGroup: e.targetGroup,
        affected: e.affected,
        trend: e.trend,
        severity: e.severity,
        existing: e.existing?.trim() || null,
        missing: e.missing?.trim() || null,
        support: e.support?.trim() || null,
        evidence: e.evidence?.trim() || null,
        visibility: e.visibility,
      })),
    );
  }

  private emptyReport(periodId: string, orgId: string): NeedsReportPayload {
    return {
      id: '',
      periodId,
      organisationId: orgId,
      organisation: { id: orgId, name: '', kind: '', regierungsbezirk: null, kreisschluessel: null },
      adhoc: false,
      status: 'drafting',
      nilReturn: false,
      version: 0,
      late: false,
      releasedAt: null,
      updatedAt: new Date(0).toISOString(),
      entries: [],
    };
  }

  async reportView(
    report: NeedsReportEntity,
    viewer: NeedsViewer,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<NeedsReportPayload> {
    return (await this.reportViews([report], viewer, manager))[0];
  }

  async reportViews(
    reports: NeedsReportEntity[],
    viewer: NeedsViewer,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<NeedsReportPayload[]> {
    if (!reports.length) return [];
    const ids = reports.map((r) => r.id);
    const entries = await manager.find(NeedsEntryEntity, {
      where: { reportId: In(ids) },
      order: { ord: 'ASC' },
    });
    const orgs: OrgRow[] = await manager.query(
      `SELECT o.id, o.name, o.kind, COALESCE(o.regierungsbezirk, p.regierungsbezirk) AS regierungsbezirk,
              COALESCE(o.kreisschluessel, p.kreisschluessel) AS kreisschluessel
         FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id WHERE o.id = ANY($1::uuid[])`,
      [[...new Set(reports.map((r) => r.organisationId))]],
    );
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    return reports.map((r) => {
      const all = viewer.ministry || viewer.orgs.has(r.organisationId);
      const mine = entries.filter((e) => e.reportId === r.id && (all || e.visibility === 'network'));
      const org = orgById.get(r.organisationId);
      return {
        id: r.id,
        periodId: r.periodId,
        organisationId: r.organisationId,
        organisation: {
          id: r.organisationId,
          name: org?.name ?? '',
          kind: org?.kind ?? '',
          regierungsbezirk: org?.regierungsbezirk ?? null,
          kreisschluessel: org?.kreisschluessel ?? null,
        },
        adhoc: r.adhoc,
        status: r.status,
        nilReturn: r.status === 'nil_return' || (r.status === 'drafting' && r.nilReturnIntent),
        version: r.version,
        late: r.late,
        releasedAt: iso(r.releasedAt),
        updatedAt: r.updatedAt.toISOString(),
        entries: mine.map((e): NeedsEntryPayload => ({
          id: e.id,
          field: e.field,
          targetGroup: e.targetGroup,
          affected: e.affected,
          trend: e.trend,
          severity: e.severity,
          existing: e.existing,
          missing: e.missing,
          support: e.support,
          evidence: e.evidence,
          visibility: e.visibility,
        })),
      };
    });
  }

  async roundView(r: NeedsRoundEntity): Promise<NeedsRoundPayload> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM needs_reporters WHERE round_id = $1`,
      [r.id],
    );
    return {
      id: r.id,
      title: r.title,
      cadence: r.cadence,
      fields: r.fields,
      dueDays: r.dueDays,
      remindDaysBefore: r.remindDaysBefore,
      reporters: n,
      active: r.active,
      createdAt: r.createdAt.toISOString(),
    };
  }

  periodView(p: NeedsPeriodEntity): NeedsPeriodPayload {
    return {
      id: p.id,
      roundId: p.roundId,
      label: p.label,
      opensAt: p.opensAt.toISOString(),
      dueAt: p.dueAt.toISOString(),
      status: p.status,
    };
  }
}
