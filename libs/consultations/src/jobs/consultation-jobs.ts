import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, QueueService } from '@runde/events';

const DAY_MS = 24 * 3600 * 1000;

/** What a due job asks for: a reminder to one addressee, or the round's close. */
export type ConsultationDue =
  | { kind: 'remind'; consultationId: string; organisationId: string; daysBefore: number; deadline: string }
  | { kind: 'close'; consultationId: string; deadline: string };

/**
 * Schedules a round's reminders (one delayed job per addressee and reminder day, only before its deadline) and its
 * close (one delayed job at the deadline). The job ids name the deadline they were made for, so every process and
 * every retry adds each once, and a job made for a deadline that has moved since (an extension) does nothing when
 * it runs. Jobs lost with Redis are found again by the worker's sweep (ConsultationSweep), which also does what
 * is due; sending is recorded in Postgres (consultation_reminders), so nothing goes out twice.
 */
@Injectable()
export class ConsultationJobs {
  private readonly logger = new Logger('ConsultationJobs');

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
  ) {}

  async scheduleRound(consultationId: string): Promise<void> {
    const rows: Array<{ deadline: Date; remind_days_before: number[] }> = await this.dataSource.query(
      `SELECT deadline, remind_days_before FROM consultations WHERE id = $1 AND status = 'open'`,
      [consultationId],
    );
    if (!rows.length) return;
    const { deadline } = rows[0];
    await this.add(
      { kind: 'close', consultationId, deadline: deadline.toISOString() },
      `consultation-close-${consultationId}-${deadline.getTime()}`,
      deadline,
    );
    const addressees: Array<{ organisation_id: string }> = await this.dataSource.query(
      `SELECT organisation_id FROM consultation_addressees WHERE consultation_id = $1`,
      [consultationId],
    );
    for (const a of addressees) await this.scheduleAddressee(consultationId, a.organisation_id);
  }

  /** The reminders of one addressee for its current deadline (after an extension: for the new one). */
  async scheduleAddressee(consultationId: string, organisationId: string): Promise<void> {
    const rows: Array<{ deadline: Date; remind_days_before: number[] }> = await this.dataSource.query(
      `SELECT a.deadline, c.remind_days_before FROM consultation_addressees a
         JOIN consultations c ON c.id = a.consultation_id
        WHERE a.consultation_id = $1 AND a.organisation_id = $2 AND a.status IN ('not_started', 'drafting')`,
      [consultationId, organisationId],
    );
    if (!rows.length) return;
    const { deadline, remind_days_before: days } = rows[0];
    for (const daysBefore of days) {
      const due = new Date(deadline.getTime() - daysBefore * DAY_MS);
      if (due.getTime() <= Date.now()) continue; // too late for this one: the next reminder day will do
      await this.add(
        { kind: 'remind', consultationId, organisationId, daysBefore, deadline: deadline.toISOString() },
        `consultation-remind-${consultationId}-${organisationId}-${daysBefore}-${deadline.getTime()}`,
        due,
      );
    }
  }

  private async add(data: ConsultationDue, jobId: string, at: Date): Promise<void> {
    try {
      await this.queues.add(JobName.ConsultationDue, data, {
        jobId,
        delay: Math.max(0, at.getTime() - Date.now()),
      });
    } catch (error) {
      // Not scheduling never fails the request: the worker's sweep finds what is due.
      this.logger.warn({ err: error, jobId }, 'could not schedule a consultation job; the sweep will do it');
    }
  }
}
