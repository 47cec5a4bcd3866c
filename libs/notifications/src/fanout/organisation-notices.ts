import { Injectable } from '@nestjs/common';
import type { EventEnvelope, Transaction } from '@runde/events';
import { OrganisationMembership, UsersService } from '@runde/identity';
import type { OrganisationNotificationKind } from '../entities/notification.entity';
import { NotificationWriter } from './notification-writer';

type MembershipEvent =
  | 'organisation.membership_requested'
  | 'organisation.member_confirmed'
  | 'organisation.member_role_changed'
  | 'organisation.member_removed';

/**
 * Membership of an organisation: a request tells the organisation's admins (never the one who asked); a decision
 * (confirmed, declined, a new role, removed) tells the person, unless they did it themselves. Once per event and
 * person.
 */
@Injectable()
export class OrganisationNotices {
  constructor(
    private readonly membership: OrganisationMembership,
    private readonly writer: NotificationWriter,
    private readonly users: UsersService,
  ) {}

  async onMembershipEvent(event: EventEnvelope<MembershipEvent>, tx: Transaction): Promise<void> {
    const { organisationId } = event.data;
    const { kind, recipients } = await this.whom(event, tx);
    const targets = recipients.filter((id) => id !== event.actorId);
    if (!kind || targets.length === 0) return;
    const orgs: Array<{ name: string }> = await tx.manager.query(
      `SELECT name FROM organisations WHERE id = $1`,
      [organisationId],
    );
    if (!orgs.length) return;
    const actor = event.actorId
      ? ((await this.users.people([event.actorId], tx.manager)).get(event.actorId) ?? null)
      : null;
    await this.writer.writeAll(
      tx,
      targets.map((userId) => ({
        draft: {
          userId,
          kind,
          threadId: null,
          postId: null,
          organisationId,
          actorId: event.actorId,
          sourceEventId: event.id,
          occurredAt: event.occurredAt,
        },
        ctx: { title: orgs[0].name, postSeq: null, actor },
      })),
    );
  }

  private async whom(
    event: EventEnvelope<MembershipEvent>,
    tx: Transaction,
  ): Promise<{ kind: OrganisationNotificationKind | null; recipients: string[] }> {
    switch (event.type) {
      case 'organisation.membership_requested': {
        const admins = await this.membership.people([event.data.organisationId], ['admin'], tx.manager);
        return { kind: 'org_request', recipients: admins.map((a) => a.userId) };
      }
      case 'organisation.member_confirmed':
        return { kind: 'org_confirmed', recipients: [memberOf(event).userId] };
      case 'organisation.member_role_changed':
        return { kind: 'org_role_changed', recipients: [memberOf(event).userId] };
      case 'organisation.member_removed': {
        const { reason, userId } = (event as EventEnvelope<'organisation.member_removed'>).data;
        if (reason === 'declined') return { kind: 'org_declined', recipients: [userId] };
        if (reason === 'removed') return { kind: 'org_removed', recipients: [userId] };
        return { kind: null, recipients: [] };
      }
      default:
        return { kind: null, recipients: [] };
    }
  }
}

function memberOf(event: EventEnvelope<MembershipEvent>): { userId: string } {
  return (event.data as { member: { userId: string } }).member;
}
