import { FollowedPostNoticeEntity } from '../entities/followed-post-notice.entity';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '@runde/events';
import { PersonalDataContributor, PersonalDataRegistry } from '@runde/identity';
import { FollowEntity } from '../entities/follow.entity';
import { NotificationEntity } from '../entities/notification.entity';
import { ThreadReadEntity } from '../entities/thread-read.entity';

/**
 * Follows, read markers and notifications in the export; erasure removes them all, and the person no longer
 * appears as the actor of anyone else's notification.
 */
@Injectable()
export class NotificationsPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly key = 'notifications';

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(userId: string) {
    const [follows, reads, notifications] = await Promise.all([
      this.dataSource.getRepository(FollowEntity).find({ where: { userId }, order: { createdAt: 'ASC' } }),
      this.dataSource
        .getRepository(ThreadReadEntity)
        .find({ where: { userId }, order: { updatedAt: 'ASC' } }),
      this.dataSource
        .getRepository(NotificationEntity)
        .find({ where: { userId }, order: { createdAt: 'ASC' } }),
    ]);
    return {
      follows: follows.map((f) => ({
        targetType: f.targetType,
        targetId: f.targetId,
        followedAt: f.createdAt.toISOString(),
      })),
      readMarkers: reads.map((r) => ({
        threadId: r.threadId,
        lastReadSeq: r.lastReadSeq,
        updatedAt: r.updatedAt.toISOString(),
      })),
      notifications: notifications.map((n) => ({
        id: n.id,
        kind: n.kind,
        threadId: n.threadId,
        postId: n.postId,
        draftId: n.draftId,
        organisationId: n.organisationId,
        consultationId: n.consultationId,
        needsSignalId: n.needsSignalId,
        actorId: n.actorId,
        count: n.count,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
        reasonCode: n.reasonCode,
        note: n.note,
      })),
    };
  }

  async eraseFor(userId: string, tx: Transaction): Promise<void> {
    await tx.manager.delete(FollowEntity, { userId });
    await tx.manager.delete(ThreadReadEntity, { userId });
    await tx.manager.delete(NotificationEntity, { userId });
    await tx.manager.delete(FollowedPostNoticeEntity, { userId });
    await tx.manager.update(NotificationEntity, { actorId: userId }, { actorId: null });
    // What the mails kept: their own mails (address and text), digest items and digests, the ledger of replies by
    // e-mail.
    await tx.manager.query(`DELETE FROM notification_mails WHERE user_id = $1`, [userId]);
    await tx.manager.query(`DELETE FROM mail_digest_items WHERE user_id = $1`, [userId]);
    await tx.manager.query(`DELETE FROM mail_digests WHERE user_id = $1`, [userId]);
    await tx.manager.query(`DELETE FROM inbound_replies WHERE user_id = $1`, [userId]);
    await this.unnameInOthersMails(userId, tx);
  }

  /**
   * Other people's mails about what the person did name them ("Anna Beispiel hat … geantwortet"): those not sent
   * yet would still carry the name out, the stored copies of sent ones keep it. In both, and in digest items not
   * yet sent, the name becomes what a mail says of an erased actor (notice-mail-text: "Jemand" / "Someone", in
   * the recipient's language). The mails are found by their event's actor; the rows stay, so a mail is still
   * written once per event and person.
   */
  private async unnameInOthersMails(userId: string, tx: Transaction): Promise<void> {
    const [person] = (await tx.manager.query(`SELECT display_name FROM users WHERE id = $1`, [
      userId,
    ])) as Array<{
      display_name: string;
    }>;
    const name = person?.display_name.trim();
    if (!name) return;
    const anonymous = `CASE u.locale WHEN 'en' THEN 'Someone' ELSE 'Jemand' END`;
    await tx.manager.query(
      `UPDATE notification_mails m
          SET subject = replace(m.subject, $2, ${anonymous}), body = replace(m.body, $2, ${anonymous})
         FROM domain_events e, users u
        WHERE e.id = m.source_event_id AND e.actor_id = $1 AND u.id = m.user_id
          AND (strpos(m.subject, $2) > 0 OR strpos(m.body, $2) > 0)`,
      [userId, name],
    );
    await tx.manager.query(
      `UPDATE mail_digest_items i SET line = replace(i.line, $2, ${anonymous})
         FROM domain_events e, users u
        WHERE e.id = i.source_event_id AND e.actor_id = $1 AND u.id = i.user_id AND strpos(i.line, $2) > 0`,
      [userId, name],
    );
  }
}
