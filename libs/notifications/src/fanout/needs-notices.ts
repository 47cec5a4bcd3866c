import { Injectable } from '@nestjs/common';
import type { EventEnvelope, Transaction } from '@runde/events';
import { OrganisationMembership } from '@runde/identity';
import { NotificationWriter } from './notification-writer';

/**
 * A new signal of the needs radar tells the ministry's people, who follow the radar and decide what becomes of a
 * signal: a notice in the app and, as each chooses for "needs", a mail. The signal's event goes to the `needs`
 * stream when the network may see it, to each ministry's `organisation:<id>` stream when only the ministry may:
 * then it tells that ministry's people only, so nobody hears of a signal twice. A cluster that grows (an update)
 * tells nobody again. Once per event and person.
 */
@Injectable()
export class NeedsNotices {
  constructor(
    private readonly membership: OrganisationMembership,
    private readonly writer: NotificationWriter,
  ) {}

  async onSignalRaised(event: EventEnvelope<'needs_signal.raised'>, tx: Transaction): Promise<void> {
    const { signal } = event.data;
    const own = /^organisation:(.+)$/.exec(event.stream)?.[1];
    const ministries: Array<{ id: string }> = own
      ? [{ id: own }]
      : await tx.manager.query(`SELECT id FROM organisations WHERE kind = 'ministry'`);
    const people = await this.membership.people(
      ministries.map((m) => m.id),
      undefined,
      tx.manager,
    );
    const recipients = [...new Set(people.map((p) => p.userId))];
    if (!recipients.length) return;
    await this.writer.writeAll(
      tx,
      recipients.map((userId) => ({
        draft: {
          userId,
          kind: 'needs_signal' as const,
          threadId: null,
          postId: null,
          needsSignalId: signal.id,
          actorId: null,
          sourceEventId: event.id,
          occurredAt: event.occurredAt,
        },
        ctx: { title: signal.summary, postSeq: null, actor: null, needsSignalSummary: signal.summary },
      })),
    );
  }
}
