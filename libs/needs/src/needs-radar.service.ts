import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NeedsSignalPayload } from '@runde/events';
import { UnitOfWork } from '@runde/events';
import { TopicsService } from '@runde/discussion';
import type { Caller } from '@runde/identity';
import { AppError, prepared } from '@runde/platform';
import { NeedsPeriodEntity } from './entities/needs-period.entity';
import { NeedsSignalEntity } from './entities/needs-signal.entity';
import { FIELDS, type FieldKey } from './fields';
import { NeedsAccess } from './needs-access';
import { NeedsSignals } from './needs-signals';

export interface RollupRow {
  key: string;
  name: string;
  reports: number;
  affected: number;
  trend: { new: number; rising: number; stable: number; falling: number };
  severity: { 1: number; 2: number; 3: number; 4: number; 5: number };
}

interface AggregateRow {
  key: string;
  name: string;
  reports: number;
  affected: string;
  t_new: number;
  t_rising: number;
  t_stable: number;
  t_falling: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
}

const row = (r: AggregateRow): RollupRow => ({
  key: r.key,
  name: r.name,
  reports: r.reports,
  affected: Number(r.affected),
  trend: { new: r.t_new, rising: r.t_rising, stable: r.t_stable, falling: r.t_falling },
  severity: { 1: r.s1, 2: r.s2, 3: r.s3, 4: r.s4, 5: r.s5 },
});

/**
 * The radar's reading side: roll-ups from the materialised aggregates (the ministry's over every entry, everyone
 * else's over the entries shared with the network), trends over a round's periods, and the signals — each turned
 * into a topic in one step, with its reports linked.
 */
@Injectable()
export class NeedsRadarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: NeedsAccess,
    private readonly signals: NeedsSignals,
    private readonly topics: TopicsService,
  ) {}

  async rollup(
    caller: Caller,
    field: string,
    periodId: string,
    level: 'district' | 'regierungsbezirk' | 'land',
  ) {
    const viewer = await this.access.viewer(caller);
    this.access.assertNetwork(viewer);
    if (!(await this.dataSource.getRepository(NeedsPeriodEntity).existsBy({ id: periodId })))
      throw AppError.notFound('Period');
    const audience = viewer.ministry ? 'all' : 'network';
    const rows: AggregateRow[] =
      level === 'district'
        ? // Every district, with zeros where nothing was reported (the map shades all 44).
          await this.dataSource.query(
            `SELECT o.kreisschluessel AS key, o.name, COALESCE(a.reports, 0) AS reports,
                    COALESCE(a.affected, 0) AS affected, COALESCE(a.t_new, 0) AS t_new,
                    COALESCE(a.t_rising, 0) AS t_rising, COALESCE(a.t_stable, 0) AS t_stable,
                    COALESCE(a.t_falling, 0) AS t_falling, COALESCE(a.s1, 0) AS s1, COALESCE(a.s2, 0) AS s2,
                    COALESCE(a.s3, 0) AS s3, COALESCE(a.s4, 0) AS s4, COALESCE(a.s5, 0) AS s5,
                    o.regierungsbezirk
               FROM organisations o
               LEFT JOIN needs_aggregates a ON a.period_id = $1 AND a.field = $2 AND a.level = 'district'
                                           AND a.audience = $3 AND a.key = o.kreisschluessel
              WHERE o.kind IN ('Landkreis', 'Stadtkreis') AND o.kreisschluessel IS NOT NULL
              ORDER BY o.kreisschluessel`,
            [periodId, field, audience],
          )
        : await this.dataSource.query(
            `SELECT key, name, reports, affected, t_new, t_rising, t_stable, t_falling, s1, s2, s3, s4, s5
               FROM needs_aggregates WHERE period_id = $1 AND field = $2 AND level = $3 AND audience = $4
              ORDER BY key`,
            [periodId, field, level, audience],
          );
    return {
      field,
      fieldLabel: FIELDS[field as FieldKey]?.de ?? field,
      periodId,
      level,
      audience,
      items: rows.map((r) => ({
        ...row(r),
        ...('regierungsbezirk' in r ? { regierungsbezirk: r.regierungsbezirk } : {}),
      })),
    };
  }

  /** A field's roll-up at the Land (or one Regierungsbezirk or district) over a round's periods, oldest first. */
  async trend(caller: Caller, roundId: string, field: string, level: string, key: string) {
    const viewer = await this.access.viewer(caller);
    this.access.assertNetwork(viewer);
    const rows: Array<AggregateRow & { label: string; period_id: string }> = await this.dataSource.query(
      `SELECT p.id AS period_id, p.label, COALESCE(a.key, $4) AS key, COALESCE(a.name, $4) AS name,
              COALESCE(a.reports, 0) AS reports, COALESCE(a.affected, 0) AS affected,
              COALESCE(a.t_new, 0) AS t_new, COALESCE(a.t_rising, 0) AS t_rising,
              COALESCE(a.t_stable, 0) AS t_stable, COALESCE(a.t_falling, 0) AS t_falling,
              COALESCE(a.s1, 0) AS s1, COALESCE(a.s2, 0) AS s2, COALESCE(a.s3, 0) AS s3,
              COALESCE(a.s4, 0) AS s4, COALESCE(a.s5, 0) AS s5
         FROM needs_periods p
         LEFT JOIN needs_aggregates a ON a.period_id = p.id AND a.field = $2 AND a.level = $3 AND a.key = $4
                                     AND a.audience = $5
        WHERE p.round_id = $1 ORDER BY p.seq`,
      [roundId, field, level, key, viewer.ministry ? 'all' : 'network'],
    );
    return {
      roundId,
      field,
      level,
      key,
      items: rows.map((r) => ({ periodId: r.period_id, label: r.label, ...row(r) })),
    };
  }

  async list(caller: Caller): Promise<{ items: NeedsSignalPayload[] }> {
    const viewer = await this.access.viewer(caller);
    this.access.assertNetwork(viewer);
    const rows = await this.dataSource.getRepository(NeedsSignalEntity).find({
      where: viewer.ministry ? {} : { ministryOnly: false },
      order: { createdAt: 'DESC' },
      take: 500,
    });
    return { items: rows.map((s) => this.signals.view(s)) };
  }

  /** Turns a signal into a topic of a group (its owners and moderators), with the signal's reports linked. */
  async toTopic(caller: Caller, signalId: string, groupId: string) {
    const viewer = await this.access.viewer(caller);
    const signal = await this.dataSource.getRepository(NeedsSignalEntity).findOneBy({ id: signalId });
    if (!signal || !this.access.maySeeSignal(viewer, signal)) throw AppError.notFound('Signal');
    if (signal.topicId) {
      throw AppError.conflict('This signal is a topic already', [{ topicId: signal.topicId }]).because(
        'ALREADY_A_TOPIC',
      );
    }
    const reports: Array<{ id: string; name: string; label: string | null }> = await this.dataSource.query(
      `SELECT r.id, o.name, p.label FROM needs_reports r JOIN organisations o ON o.id = r.organisation_id
         LEFT JOIN needs_periods p ON p.id = r.period_id WHERE r.id = ANY($1::uuid[]) ORDER BY o.name`,
      [signal.reportIds],
    );
    const description = [
      signal.summary,
      '',
      'Zugrunde liegende Bedarfsmeldungen:',
      ...reports.map(
        (r) => `- ${r.name}${r.label ? ` (${r.label})` : ' (ad hoc)'}: #/bedarfe/meldungen/${r.id}`,
      ),
    ]
      .join('\n')
      .slice(0, 2000);
    const topic = await this.topics.create(caller, groupId, {
      title: `Signal: ${signal.summary}`.slice(0, 200),
      description,
      visibility: 'group',
    });
    await this.uow.run(async (tx) => {
      // prepared() gives the RETURNING rows (manager.query answers an UPDATE with [rows, count], never empty).
      const updated = await prepared<{ id: string }>(
        tx.manager,
        `UPDATE needs_signals SET status = 'topic', topic_id = $2, handled_by = $3, handled_at = now()
          WHERE id = $1 AND topic_id IS NULL RETURNING id`,
        [signalId, topic.id, caller.id],
      );
      if (!updated.length) return;
      const fresh = await tx.manager.findOneByOrFail(NeedsSignalEntity, { id: signalId });
      await this.signals.announce(tx, 'needs_signal.updated', this.signals.view(fresh), fresh.ministryOnly);
    });
    return { ...topic, signalId, reportIds: signal.reportIds };
  }

  async update(caller: Caller, signalId: string, input: { status?: 'open' | 'dismissed'; note?: string }) {
    const viewer = await this.access.viewer(caller);
    if (!viewer.ministry) throw AppError.notFound('Signal');
    return this.uow.run(async (tx) => {
      const signal = await tx.manager.findOneBy(NeedsSignalEntity, { id: signalId });
      if (!signal) throw AppError.notFound('Signal');
      if (input.status && signal.status !== 'topic') signal.status = input.status;
      if (input.note !== undefined) signal.note = input.note.trim() || null;
      signal.handledBy = caller.id;
      signal.handledAt = new Date();
      await tx.manager.save(signal);
      const view = this.signals.view(signal);
      await this.signals.announce(tx, 'needs_signal.updated', view, signal.ministryOnly);
      return view;
    });
  }
}
