import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler, JobName } from '@runde/events';
import { Mailer } from '@runde/identity';
import { prepared } from '@runde/platform';
import { NotificationMails } from '../fanout/notification-mails';
import { digestMail } from './notice-mail-text';

/** A person's digest that is due and not yet made. */
interface DueDigest {
  user_id: string;
  cadence: 'daily' | 'weekly';
  categories: string[];
  period_end: Date;
  email: string;
  display_name: string;
  locale: string;
}

/**
 * Whose digest is due at `now`, in one statement: for each person and cadence they chose for some category, the
 * latest digest time not after `now` — the digest hour in their time zone, today or the day before (daily), on
 * their weekday (weekly) — unless that period's digest was made already. Computed in the person's zone by
 * Postgres, so summer and winter time come out right.
 */
const DUE_SQL = `
  WITH chosen AS (
    SELECT s.user_id, s.email_delivery AS cadence, array_agg(s.category ORDER BY s.category)::text[] AS categories,
           COALESCE(p.time_zone, 'Europe/Berlin') AS tz, COALESCE(p.digest_hour, 7) AS h,
           COALESCE(p.digest_weekday, 1) AS wd, u.email, u.display_name, u.locale
      FROM notification_settings s
      JOIN users u ON u.id = s.user_id AND u.deleted_at IS NULL
      LEFT JOIN mail_preferences p ON p.user_id = s.user_id
     WHERE s.email_delivery IN ('daily', 'weekly')
     GROUP BY s.user_id, s.email_delivery, p.time_zone, p.digest_hour, p.digest_weekday, u.email, u.display_name, u.locale
  ), local AS (
    SELECT c.*, ($1::timestamptz AT TIME ZONE c.tz) AS lnow FROM chosen c
  ), due AS (
    SELECT l.*, ((CASE WHEN l.cadence = 'daily'
                   THEN l.lnow::date - CASE WHEN l.lnow::time < make_time(l.h, 0, 0) THEN 1 ELSE 0 END
                   ELSE l.lnow::date - ((EXTRACT(ISODOW FROM l.lnow)::int - l.wd + 7) % 7)
                        - CASE WHEN EXTRACT(ISODOW FROM l.lnow)::int = l.wd AND l.lnow::time < make_time(l.h, 0, 0)
                               THEN 7 ELSE 0 END
                 END) + make_time(l.h, 0, 0)) AT TIME ZONE l.tz AS period_end
      FROM local l
  )
  SELECT d.user_id, d.cadence, d.categories, d.period_end, d.email, d.display_name, d.locale FROM due d
   WHERE NOT EXISTS (SELECT 1 FROM mail_digests m
                      WHERE m.user_id = d.user_id AND m.cadence = d.cadence AND m.period_end = d.period_end)
   ORDER BY d.user_id, d.cadence`;

/**
 * The daily and weekly digests. A repeating job (every five minutes, `mail-digests`) finds whose digest is due in
 * their time zone and makes it: in one transaction the period's row in `mail_digests` (unique per person, cadence
 * and period: a second run, a restarted or a second worker make nothing twice), the open digest items of the
 * categories now chosen for that cadence that happened before the digest time (each marked with the digest, so
 * each is listed exactly once), and — only when there are any — the ONE mail into the ledger; then the mail is sent
 * like a notice's (claimed, sent, marked; a send that failed is sent by the next run). An empty period sends
 * nothing.
 */
@Injectable()
export class MailDigests {
  private readonly logger = new Logger('MailDigests');

  constructor(
    private readonly dataSource: DataSource,
    private readonly mails: NotificationMails,
    private readonly mailer: Mailer,
  ) {}

  @JobHandler(JobName.MailDigests)
  async onTick(): Promise<{ made: number; sent: number }> {
    return this.run(new Date());
  }

  /** Makes and sends the digests due at `now`; returns how many digests were made and mails sent. */
  async run(now: Date): Promise<{ made: number; sent: number }> {
    let sent = await this.sendLeftOver();
    const due = await prepared<DueDigest>(this.dataSource, DUE_SQL, [now.toISOString()]);
    let made = 0;
    for (const digest of due) {
      const id = await this.make(digest);
      if (id === undefined) continue; // another run made it
      made++;
      if (id) sent += await this.mails.sendFor(id);
    }
    if (made) this.logger.log({ made, sent }, 'digests made');
    return { made, sent };
  }

  /** The digest's row, items and mail; its id when it has a mail, null when empty, undefined when made before. */
  private async make(d: DueDigest): Promise<string | null | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await prepared<{ id: string }>(
        manager,
        `INSERT INTO mail_digests (user_id, cadence, period_end, item_count) VALUES ($1, $2, $3, 0)
         ON CONFLICT DO NOTHING RETURNING id`,
        [d.user_id, d.cadence, d.period_end],
      );
      if (!rows.length) return undefined;
      const id = rows[0].id;
      const items = await prepared<{ line: string; link: string; category: string; occurred_at: Date }>(
        manager,
        `UPDATE mail_digest_items SET digest_id = $1
          WHERE user_id = $2 AND digest_id IS NULL AND category = ANY($3::text[]) AND occurred_at < $4
          RETURNING line, link, category, occurred_at`,
        [id, d.user_id, d.categories, d.period_end],
      );
      if (!items.length) return null;
      items.sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime());
      const locale = d.locale === 'en' ? 'en' : 'de';
      const mail = digestMail(items, d.cadence, d.display_name, locale, this.mailer.link('/notifications'));
      await prepared(manager, `UPDATE mail_digests SET item_count = $2 WHERE id = $1`, [id, items.length]);
      await prepared(
        manager,
        `INSERT INTO notification_mails (user_id, source_event_id, kind, recipient, subject, body, categories)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          d.user_id,
          id,
          `digest_${d.cadence}`,
          d.email,
          mail.subject,
          mail.text,
          [...new Set(items.map((i) => i.category))],
        ],
      );
      return id;
    });
  }

  /** Digest mails made but not sent (a send failed, the worker stopped): sent now. */
  private async sendLeftOver(): Promise<number> {
    const left = await prepared<{ id: string }>(
      this.dataSource,
      `SELECT d.id FROM mail_digests d
         JOIN notification_mails m ON m.source_event_id = d.id AND m.sent_at IS NULL
        WHERE d.item_count > 0 AND (m.claimed_at IS NULL OR m.claimed_at < now() - interval '2 minutes')`,
      [],
    );
    let sent = 0;
    for (const { id } of left) sent += await this.mails.sendFor(id);
    return sent;
  }
}
