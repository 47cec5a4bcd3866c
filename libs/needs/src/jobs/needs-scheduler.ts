import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler, JobName, streamName, UnitOfWork } from '@runde/events';
import { prepared } from '@runde/platform';
import { NeedsPeriodEntity } from '../entities/needs-period.entity';
import { NeedsRoundEntity } from '../entities/needs-round.entity';
import { NeedsService } from '../needs.service';
import { CLOSE_AFTER_DUE_MS } from '../periods';

/**
 * The rounds' clock, a BullMQ job scheduler every minute (put back when Redis comes back empty): opens each
 * round's period when it begins, reminds the reporters that have not released as the due date nears, and closes
 * periods after their grace. Everything is decided in Postgres (a period per round and label, a reminder per
 * period, reporter and day, a close once), so a killed worker or a job run twice opens, reminds and closes
 * nothing twice and loses nothing: the next tick does what is due.
 */
@Injectable()
export class NeedsScheduler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly needs: NeedsService,
  ) {}

  @JobHandler(JobName.NeedsTick)
  async handle(): Promise<{ opened: number; reminded: number; closed: number }> {
    return this.tick(new Date());
  }

  async tick(now: Date): Promise<{ opened: number; reminded: number; closed: number }> {
    let opened = 0;
    const rounds = await this.dataSource.getRepository(NeedsRoundEntity).findBy({ active: true });
    for (const round of rounds) {
      await this.uow.run(async (tx) => {
        const period = await this.needs.openPeriod(tx.manager, round, now, (p) =>
          tx.append(streamName('needs', ''), 'needs_period.opened', { period: p }, null),
        );
        if (period) opened++;
      });
    }
    let reminded = 0;
    const due: Array<{ period_id: string; organisation_id: string; days: number }> =
      await this.dataSource.query(
        `SELECT p.id AS period_id, rp.organisation_id, d.days
         FROM needs_periods p
         JOIN needs_rounds r ON r.id = p.round_id
         JOIN needs_reporters rp ON rp.round_id = r.id
         CROSS JOIN LATERAL unnest(r.remind_days_before) AS d(days)
         LEFT JOIN needs_reports rep ON rep.period_id = p.id AND rep.organisation_id = rp.organisation_id
        WHERE p.status = 'open' AND p.due_at > $1 AND p.due_at - make_interval(days => d.days) <= $1
          AND (rep.id IS NULL OR rep.status = 'drafting')
          AND NOT EXISTS (SELECT 1 FROM unnest(r.remind_days_before) AS e(days)
                           WHERE e.days < d.days AND p.due_at - make_interval(days => e.days) <= $1)
          AND NOT EXISTS (SELECT 1 FROM needs_reminders m WHERE m.period_id = p.id
                             AND m.organisation_id = rp.organisation_id AND m.days_before = d.days)
        LIMIT 5000`,
        [now],
      );
    for (const d of due) {
      const sent = await this.uow.run(async (tx) => {
        const rows = await tx.manager.query(
          `INSERT INTO needs_reminders (period_id, organisation_id, days_before) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING period_id`,
          [d.period_id, d.organisation_id, d.days],
        );
        if (!rows.length) return false;
        const period = this.needs.periodView(
          await tx.manager.findOneByOrFail(NeedsPeriodEntity, { id: d.period_id }),
        );
        tx.append(
          streamName('organisation', d.organisation_id),
          'needs_period.reminded',
          { period, organisationId: d.organisation_id, daysBefore: d.days },
          null,
        );
        return true;
      });
      if (sent) reminded++;
    }
    let closed = 0;
    const overdue: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM needs_periods WHERE status = 'open' AND due_at <= $1 ORDER BY due_at LIMIT 500`,
      [new Date(now.getTime() - CLOSE_AFTER_DUE_MS)],
    );
    for (const p of overdue) {
      const did = await this.uow.run(async (tx) => {
        // prepared() gives the RETURNING rows (manager.query answers an UPDATE with [rows, count], never empty).
        const rows = await prepared<{ id: string }>(
          tx.manager,
          `UPDATE needs_periods SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'open' RETURNING id`,
          [p.id, now],
        );
        if (!rows.length) return false;
        const period = this.needs.periodView(
          await tx.manager.findOneByOrFail(NeedsPeriodEntity, { id: p.id }),
        );
        tx.append(streamName('needs', ''), 'needs_period.closed', { period }, null);
        return true;
      });
      if (did) closed++;
    }
    return { opened, reminded, closed };
  }
}
