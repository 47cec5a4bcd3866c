import { Injectable } from '@nestjs/common';
import type { Transaction } from '@runde/events';
import { Mailer, NotificationSettingsService } from '@runde/identity';
import { prepared } from '@runde/platform';
import type { NotificationKind } from '../entities/notification.entity';
import { CATEGORY_OF } from '../fanout/notification-category';
import type { NotificationItem } from '../fanout/notification-writer';
import { noticeLine, noticeMail, type MailLocale, type NoticeFacts } from './notice-mail-text';

/** Kinds about a thread's post that one may answer by replying to the mail. */
export const REPLYABLE: ReadonlySet<NotificationKind> = new Set(['mention', 'reply', 'followed_thread']);

interface Person {
  id: string;
  email: string;
  display_name: string;
  locale: string;
}

/**
 * The mail side of the notices the fan-out writes, in its transaction: for each notice whose person chose mails
 * for its category, a mail at once (into `notification_mails`, sent after commit by NotificationMails) or an item
 * for their daily or weekly digest (`mail_digest_items`). Once per event, person and kind, however often the
 * event is run. Consultation notices write their own mails at once (ConsultationNotices, reminders always); they
 * come here for the digests only, reminders not at all (those are mailed anyway).
 *
 * Independent of the in-app choice: someone who turned a category off in the app may still want it by mail.
 */
@Injectable()
export class NoticeMails {
  constructor(
    private readonly settings: NotificationSettingsService,
    private readonly mailer: Mailer,
  ) {}

  async record(tx: Transaction, items: NotificationItem[]): Promise<void> {
    if (!items.length) return;
    const deliveries = await this.settings.deliveries(
      tx.manager,
      items.map((i) => i.draft.userId),
    );
    if (!deliveries.size) return;
    const chosen = items.flatMap((item) => {
      const category = CATEGORY_OF[item.draft.kind];
      const delivery = deliveries.get(item.draft.userId)?.get(category);
      if (!delivery) return [];
      const consultation = item.draft.kind.startsWith('consult_');
      if (delivery === 'immediate' && consultation) return [];
      if (delivery !== 'immediate' && item.draft.kind === 'consult_reminder') return [];
      return [{ item, category, delivery }];
    });
    if (!chosen.length) return;
    const people = await this.people(
      tx,
      chosen.map((c) => c.item.draft.userId),
    );
    const excerpts = await this.excerpts(
      tx,
      chosen.map((c) => (REPLYABLE.has(c.item.draft.kind) ? c.item.draft.postId : null)),
    );
    for (const { item, category, delivery } of chosen) {
      const { draft, ctx } = item;
      const person = people.get(draft.userId);
      if (!person) continue;
      const locale: MailLocale = person.locale === 'en' ? 'en' : 'de';
      const facts: NoticeFacts = {
        kind: draft.kind,
        actor: ctx.actor?.displayName ?? null,
        title: ctx.title,
        consultationTitle: ctx.consultationTitle,
        link: this.linkOf(item),
      };
      if (delivery === 'immediate') {
        const mail = noticeMail(
          {
            ...facts,
            displayName: person.display_name,
            excerpt: draft.postId ? (excerpts.get(draft.postId) ?? null) : null,
          },
          locale,
        );
        await prepared(
          tx.manager,
          `INSERT INTO notification_mails (user_id, source_event_id, kind, recipient, subject, body, categories, thread_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
          [
            person.id,
            draft.sourceEventId,
            draft.kind,
            person.email,
            mail.subject,
            mail.text,
            [category],
            REPLYABLE.has(draft.kind) ? draft.threadId : null,
          ],
        );
      } else {
        await prepared(
          tx.manager,
          `INSERT INTO mail_digest_items (user_id, category, cadence, kind, source_event_id, occurred_at, line, link)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
          [
            person.id,
            category,
            delivery,
            draft.kind,
            draft.sourceEventId,
            draft.occurredAt,
            noticeLine(facts, locale),
            facts.link,
          ],
        );
      }
    }
  }

  /** Where the notice leads in the browser client. */
  private linkOf({ draft, ctx }: NotificationItem): string {
    if (draft.consultationId) return this.mailer.link(`/consultations/${draft.consultationId}`);
    if (draft.kind === 'post_flagged' && ctx.groupId)
      return this.mailer.link(`/groups/${ctx.groupId}/moderation`);
    if (draft.threadId)
      return this.mailer.link(
        `/threads/${draft.threadId}${ctx.postSeq != null ? `?seq=${ctx.postSeq}` : ''}`,
      );
    if (draft.draftId) return this.mailer.link(`/drafts/${draft.draftId}`);
    if (draft.organisationId) return this.mailer.link(`/organisations/${draft.organisationId}`);
    if (draft.needsSignalId) return this.mailer.link('/bedarfe');
    return this.mailer.link('/notifications');
  }

  private async people(tx: Transaction, ids: string[]): Promise<Map<string, Person>> {
    const rows = await prepared<Person>(
      tx.manager,
      `SELECT id, email, display_name, locale FROM users WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The text of the posts the mails quote (none for hidden or deleted posts; never in moderation notices). */
  private async excerpts(tx: Transaction, postIds: Array<string | null>): Promise<Map<string, string>> {
    const ids = [...new Set(postIds.filter((id): id is string => !!id))];
    if (!ids.length) return new Map();
    const rows = await prepared<{ id: string; body: string }>(
      tx.manager,
      `SELECT id, body FROM posts WHERE id = ANY($1::uuid[]) AND NOT hidden AND deleted_at IS NULL`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.body]));
  }
}
