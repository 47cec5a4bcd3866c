import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobHandler, JobName, streamName, UnitOfWork } from '@runde/events';
import { ConsultationsService } from '../consultations.service';
import type { ConsultationDue } from './consultation-jobs';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The worker's side of rounds' deadlines: a due reminder goes to an addressee that has not answered (and only for
 * the deadline it was made for), a due close closes the round. The sweep (every minute) does the same for
 * everything due whose job is gone (Redis restarted empty) — each reminder and close happens once, whoever gets
 * to it first, because both are decided in Postgres.
 */
@Injectable()
export class ConsultationDueJobs {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly consultations: ConsultationsService,
  ) {}

  @JobHandler(JobName.ConsultationDue)
  async due(job: Job<ConsultationDue>): Promise<{ done: boolean }> {
    const data = job.data;
    if (data.kind === 'close') return { done: await this.consultations.closeIfDue(data.consultationId) };
    return {
      done: await this.remind(
        data.consultationId,
        data.organisationId,
        data.daysBefore,
        new Date(data.deadline),
      ),
    };
  }

  @JobHandler(JobName.ConsultationSweep)
  async sweep(): Promise<{ closed: number; reminded: number }> {
    return this.sweepAt(new Date());
  }

  /** Everything due at `now` that was not done. */
  async sweepAt(now: Date): Promise<{ closed: number; reminded: number }> {
    const overdue: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM consultations WHERE status = 'open' AND deadline <= $1 ORDER BY deadline LIMIT 500`,
      [now],
    );
    let closed = 0;
    for (const r of overdue) if (await this.consultations.closeIfDue(r.id, now)) closed++;
    const due: Array<{ consultation_id: string; organisation_id: string; days: number; deadline: Date }> =
      await this.dataSource.query(
        `SELECT a.consultation_id, a.organisation_id, d.days, a.deadline
           FROM consultation_addressees a
           JOIN consultations c ON c.id = a.consultation_id
           CROSS JOIN LATERAL unnest(c.remind_days_before) AS d(days)
          WHERE a.status IN ('not_started', 'drafting') AND a.deadline > $1
            AND a.deadline - make_interval(days => d.days) <= $1
            -- only the latest reminder day that is due (an addressee two days late for "7 days" gets "1 day")
            AND NOT EXISTS (SELECT 1 FROM unnest(c.remind_days_before) AS e(days)
                             WHERE e.days < d.days AND a.deadline - make_interval(days => e.days) <= $1)
            AND NOT EXISTS (SELECT 1 FROM consultation_reminders r
                             WHERE r.consultation_id = a.consultation_id AND r.organisation_id = a.organisation_id
                               AND r.days_before = d.days AND r.deadline = a.deadline)
          LIMIT 2000`,
        [now],
      );
    let reminded = 0;
    for (const d of due)
      if (await this.remind(d.consultation_id, d.organisation_id, d.days, d.deadline, now)) reminded++;
    return { closed, reminded };
  }

  /**
   * One reminder: only if the addressee has not answered, its deadline is still `deadline` and lies ahead, and no
   * reminder for this day and deadline went out. Written with its event (which the notifications turn into a
   * notice and a mail to the organisation's people). Returns whether it sent one.
   */
  async remind(
    consultationId: string,
    organisationId: string,
    daysBefore: number,
    deadline: Date,
    now = new Date(),
  ): Promise<boolean> {
    if (deadline.getTime() - daysBefore * DAY_MS > now.getTime() + 1000) return false; // not due yet
    return this.uow.run(async (tx) => {
      const rows: Array<{ title: string }> = await tx.manager.query(
        `INSERT INTO consultation_reminders (consultation_id, organisation_id, days_before, deadline)
         SELECT a.consultation_id, a.organisation_id, $3, a.deadline
           FROM consultation_addressees a JOIN consultations c ON c.id = a.consultation_id
          WHERE a.consultation_id = $1 AND a.organisation_id = $2 AND a.deadline = $4 AND a.deadline > $5
            AND a.status IN ('not_started', 'drafting')
         ON CONFLICT DO NOTHING
         RETURNING (SELECT title FROM consultations WHERE id = $1) AS title`,
        [consultationId, organisationId, daysBefore, deadline, now],
      );
      if (!rows.length) return false;
      tx.append(
        streamName('organisation', organisationId),
        'consultation.reminded',
        {
          consultationId,
          organisationId,
          title: rows[0].title,
          deadline: deadline.toISOString(),
          daysBefore,
        },
        null,
      );
      return true;
    });
  }
}
