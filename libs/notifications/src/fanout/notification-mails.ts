import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Mailer } from '@runde/identity';
import { prepared } from '@runde/platform';
import { OutgoingMail, type LedgerMail } from '../mail/outgoing-mail';

/** A send that started this long ago and never finished (its process died) is taken over. */
const CLAIM_LEASE = '2 minutes';

/**
 * Sends the mails that notices of one event (or one digest) put into the ledger (`notification_mails`), after the notices'
 * transaction committed. Each mail is claimed, sent, then marked sent: a job run again (a retry, a restarted
 * worker) sends only what is not marked; a mail claimed by a run that is still going (or died within the lease)
 * makes this run fail, so the job is retried until that mail is sent or its claim has lapsed.
 */
@Injectable()
export class NotificationMails {
  private readonly logger = new Logger('NotificationMails');

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly outgoing: OutgoingMail,
  ) {}

  /** Sends the unsent mails of the event (or digest); returns how many it sent. */
  async sendFor(eventId: string): Promise<number> {
    const pending = await prepared<{ id: string }>(
      this.dataSource,
      `SELECT id FROM notification_mails WHERE source_event_id = $1 AND sent_at IS NULL ORDER BY user_id`,
      [eventId],
    );
    let sent = 0;
    let busy = 0;
    for (const { id } of pending) {
      const claimed = await prepared<LedgerMail>(
        this.dataSource,
        `UPDATE notification_mails m SET claimed_at = now()
          WHERE m.id = $1 AND m.sent_at IS NULL
            AND (m.claimed_at IS NULL OR m.claimed_at < now() - interval '${CLAIM_LEASE}')
          RETURNING m.id, m.user_id AS "userId", m.recipient, m.subject, m.body, m.categories,
                    m.thread_id AS "threadId", (SELECT u.locale FROM users u WHERE u.id = m.user_id) AS locale`,
        [id],
      );
      if (!claimed.length) {
        busy++;
        continue;
      }
      const mail = claimed[0];
      try {
        await this.mailer.send(this.outgoing.dress(mail));
      } catch (error) {
        await prepared(this.dataSource, `UPDATE notification_mails SET claimed_at = NULL WHERE id = $1`, [
          id,
        ]);
        throw error;
      }
      await prepared(this.dataSource, `UPDATE notification_mails SET sent_at = now() WHERE id = $1`, [id]);
      sent++;
    }
    if (busy) {
      this.logger.debug({ eventId, busy }, 'mails being sent by another run; retrying');
      throw new Error(`${busy} mail(s) of event ${eventId} are claimed by another run`);
    }
    return sent;
  }
}
