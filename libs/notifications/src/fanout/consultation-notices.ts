import { Injectable } from '@nestjs/common';
import type { EventEnvelope, Transaction } from '@runde/events';
import { Mailer, NotificationSettingsService, OrganisationMembership, UsersService } from '@runde/identity';
import type { ConsultationNotificationKind } from '../entities/notification.entity';
import { consultationMail } from './consultation-mails';
import { NotificationWriter } from './notification-writer';

export type RoundEvent =
  | 'consultation.addressed'
  | 'consultation.reminded'
  | 'consultation.extended'
  | 'consultation.published'
  | 'statement.released'
  | 'statement.nil_returned';

export const ROUND_EVENTS: RoundEvent[] = [
  'consultation.addressed',
  'consultation.reminded',
  'consultation.extended',
  'consultation.published',
  'statement.released',
  'statement.nil_returned',
];

/** Which notice an event makes, and for whom: the addressee's people, or the round's owners. */
const KIND: Record<
  RoundEvent,
  { kind: ConsultationNotificationKind; to: 'addressee' | 'owners'; stream: string }
> = {
  'consultation.addressed': { kind: 'consult_addressed', to: 'addressee', stream: 'organisation' },
  'consultation.reminded': { kind: 'consult_reminder', to: 'addressee', stream: 'organisation' },
  'consultation.extended': { kind: 'consult_extended', to: 'addressee', stream: 'organisation' },
  'consultation.published': { kind: 'consult_published', to: 'addressee', stream: 'organisation' },
  'statement.released': { kind: 'consult_released', to: 'owners', stream: 'consultation' },
  'statement.nil_returned': { kind: 'consult_nil_return', to: 'owners', stream: 'consultation' },
};

interface RoundRow {
  title: string;
  kind: 'hearing' | 'survey';
  organisation_name: string;
  deadline: Date;
  answered: boolean;
  owners: string[];
}

/**
 * Consultation rounds in people's notices and mailboxes. An addressee organisation's confirmed people hear of a
 * round addressed to it, of a reminder before its Frist (only while it has not answered), of an extension and of
 * the publication; the round's owners (its creator, the group's owners and moderators) of each statement released
 * and each Fehlanzeige — never the person who did it. Once per event and person (the consumer runs once per event;
 * `uq_notifications_source`). Events written on both streams are taken from one of them only.
 *
 * Mails: a reminder always goes by mail too; the other notices to those who chose e-mail for consultations. They
 * are written here into the mail ledger (`notification_mails`), in this transaction, and sent by
 * NotificationMails once it has committed.
 */
@Injectable()
export class ConsultationNotices {
  constructor(
    private readonly writer: NotificationWriter,
    private readonly membership: OrganisationMembership,
    private readonly settings: NotificationSettingsService,
    private readonly users: UsersService,
    private readonly mailer: Mailer,
  ) {}

  async onRoundEvent(event: EventEnvelope<RoundEvent>, tx: Transaction): Promise<void> {
    const rule = KIND[event.type];
    if (!event.stream.startsWith(`${rule.stream}:`)) return; // its twin on the other stream notifies
    const { consultationId, organisationId } = ids(event);
    const rows = await tx.manager.query<RoundRow[]>(
      `SELECT c.title, c.kind, o.name AS organisation_name, a.deadline,
              a.status IN ('released', 'nil_return') AS answered,
              ARRAY(SELECT c.created_by
                    UNION SELECT m.user_id FROM group_members m
                     WHERE m.group_id = c.group_id AND m.role IN ('owner', 'moderator'))::text[] AS owners
         FROM consultations c
         JOIN consultation_addressees a ON a.consultation_id = c.id AND a.organisation_id = $2
         JOIN organisations o ON o.id = a.organisation_id
        WHERE c.id = $1`,
      [consultationId, organisationId],
    );
    const round = rows[0];
    if (!round) return;
    if (rule.kind === 'consult_reminder') {
      // A reminder overtaken by the answer, or by an extension (its deadline moved), asks nobody for anything.
      const { deadline } = event.data as { deadline: string };
      if (round.answered || round.deadline.getTime() !== Date.parse(deadline)) return;
    }
    const people =
      rule.to === 'addressee'
        ? (await this.membership.people([organisationId], undefined, tx.manager)).map((p) => p.userId)
        : round.owners;
    const recipients = [...new Set(people)].filter((id) => id !== event.actorId).sort();
    if (!recipients.length) return;
    const actor = event.actorId
      ? ((await this.users.people([event.actorId], tx.manager)).get(event.actorId) ?? null)
      : null;
    await this.writer.writeAll(
      tx,
      recipients.map((userId) => ({
        draft: {
          userId,
          kind: rule.kind,
          threadId: null,
          postId: null,
          organisationId,
          consultationId,
          actorId: event.actorId,
          sourceEventId: event.id,
          occurredAt: event.occurredAt,
        },
        ctx: { title: round.organisation_name, postSeq: null, actor, consultationTitle: round.title },
      })),
    );
    const mailed =
      rule.kind === 'consult_reminder'
        ? recipients
        : [...(await this.settings.wantEmail(tx.manager, recipients, 'consultations'))];
    await this.queueMails(tx, event, rule.kind, round, mailed);
  }

  /** The mails, into the ledger (sent after this transaction commits). */
  private async queueMails(
    tx: Transaction,
    event: EventEnvelope<RoundEvent>,
    kind: ConsultationNotificationKind,
    round: RoundRow,
    userIds: string[],
  ): Promise<void> {
    if (!userIds.length) return;
    const people = await tx.manager.query<Array<{ id: string; email: string; display_name: string }>>(
      `SELECT id, email, display_name FROM users WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL ORDER BY id`,
      [userIds],
    );
    const { consultationId } = ids(event);
    const link = this.mailer.link(`/consultations/${consultationId}`);
    for (const p of people) {
      const mail = consultationMail({
        kind,
        displayName: p.display_name,
        title: round.title,
        roundKind: round.kind,
        organisationName: round.organisation_name,
        deadline: round.deadline,
        link,
      });
      await tx.manager.query(
        `INSERT INTO notification_mails (user_id, source_event_id, kind, recipient, subject, body, categories)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [p.id, event.id, kind, p.email, mail.subject, mail.text, ['consultations']],
      );
    }
  }
}

/** The round, and the addressee the event is about (named in the data, or the organisation:<id> it is on). */
function ids(event: EventEnvelope<RoundEvent>): { consultationId: string; organisationId: string } {
  const data = event.data as {
    consultationId?: string;
    organisationId?: string;
    consultation?: { id: string };
  };
  return {
    consultationId: data.consultationId ?? data.consultation!.id,
    organisationId: data.organisationId ?? event.stream.slice('organisation:'.length),
  };
}
