import { Injectable } from '@nestjs/common';
import { EventEnvelope, OnDomainEvent, OnDomainEvents, Transaction } from '@runde/events';
import { ConsultationNotices, ROUND_EVENTS, type RoundEvent } from './consultation-notices';
import { DraftNotices } from './draft-notices';
import { ModerationNotices } from './moderation-notices';
import { NeedsNotices } from './needs-notices';
import { NotificationMails } from './notification-mails';
import { OrganisationNotices } from './organisation-notices';
import { PostFanout } from './post-fanout';
import { NOTICE_MAIL_EVENTS, NOTICES_CONSUMER_OF, type NoticeMailEvent } from '../mail/notice-mail-events';

const CONSULTATION_NOTICES = 'notifications.consultations';

/**
 * The notification side of discussion events, run by the worker's event dispatcher: each consumer in its own
 * transaction, once per event id. Consumer names are stable keys of `processed_events`; never rename them.
 */
@Injectable()
export class NotificationsConsumer {
  constructor(
    private readonly fanout: PostFanout,
    private readonly drafts: DraftNotices,
    private readonly moderation: ModerationNotices,
    private readonly organisations: OrganisationNotices,
    private readonly consultations: ConsultationNotices,
    private readonly needs: NeedsNotices,
    private readonly mails: NotificationMails,
  ) {}

  /** Mentions, replies and followed threads (authors follow their threads when they write: AuthorFollows). */
  @OnDomainEvents('notifications.post-created', ['post.created'])
  async onPostsCreated(events: Array<EventEnvelope<'post.created'>>, tx: Transaction): Promise<void> {
    await this.fanout.onPostsCreated(events, tx);
  }

  /** Someone mentioned by an edit hears of it, once. */
  @OnDomainEvent('notifications.post-updated', ['post.updated'])
  async onPostUpdated(event: EventEnvelope<'post.updated'>, tx: Transaction): Promise<void> {
    await this.fanout.onPostUpdated(event, tx);
  }

  /** A new comment on a draft: who started it; a reply: everyone who wrote in that comment thread before. */
  @OnDomainEvent('notifications.draft-comment-added', ['draft.comment_added'])
  async onDraftCommentAdded(event: EventEnvelope<'draft.comment_added'>, tx: Transaction): Promise<void> {
    await this.drafts.onCommentAdded(event, tx);
  }

  /** A new suggestion on a draft: who started it. */
  @OnDomainEvent('notifications.suggestion-added', ['draft.suggestion_added'])
  async onSuggestionAdded(event: EventEnvelope<'draft.suggestion_added'>, tx: Transaction): Promise<void> {
    await this.drafts.onSuggestionAdded(event, tx);
  }

  /** A decision on a suggestion: its author. */
  @OnDomainEvent('notifications.suggestion-decided', [
    'draft.suggestion_accepted',
    'draft.suggestion_rejected',
  ])
  async onSuggestionDecided(
    event: EventEnvelope<'draft.suggestion_accepted' | 'draft.suggestion_rejected'>,
    tx: Transaction,
  ): Promise<void> {
    await this.drafts.onSuggestionDecided(event, tx);
  }

  /** A new flag: the owners and moderators of its group (not who flagged). */
  @OnDomainEvent('notifications.flag-created', ['flag.created'])
  async onFlagCreated(event: EventEnvelope<'flag.created'>, tx: Transaction): Promise<void> {
    await this.moderation.onFlagCreated(event, tx);
  }

  /** A post hidden (with the reason and note) or shown again: its author. */
  @OnDomainEvent('notifications.post-moderated', ['post.hidden', 'post.unhidden'])
  async onPostModerated(
    event: EventEnvelope<'post.hidden' | 'post.unhidden'>,
    tx: Transaction,
  ): Promise<void> {
    await this.moderation.onPostHiddenOrShown(event, tx);
  }

  /** A request to belong: the organisation's admins; a decision on it or on a membership: the person. */
  @OnDomainEvent('notifications.organisation-membership', [
    'organisation.membership_requested',
    'organisation.member_confirmed',
    'organisation.member_role_changed',
    'organisation.member_removed',
  ])
  async onOrganisationMembership(
    event: EventEnvelope<
      | 'organisation.membership_requested'
      | 'organisation.member_confirmed'
      | 'organisation.member_role_changed'
      | 'organisation.member_removed'
    >,
    tx: Transaction,
  ): Promise<void> {
    await this.organisations.onMembershipEvent(event, tx);
  }

  /** A new signal of the needs radar: the ministry's people. */
  @OnDomainEvent('notifications.needs-signals', ['needs_signal.raised'])
  async onNeedsSignalRaised(event: EventEnvelope<'needs_signal.raised'>, tx: Transaction): Promise<void> {
    await this.needs.onSignalRaised(event, tx);
  }

  /** Consultation rounds: notices to the addressees' people and to the owners, their mails into the ledger. */
  @OnDomainEvent(CONSULTATION_NOTICES, ROUND_EVENTS)
  async onRoundEvent(event: EventEnvelope<RoundEvent>, tx: Transaction): Promise<void> {
    await this.consultations.onRoundEvent(event, tx);
  }

  /**
   * …and those mails, once the notices' transaction has committed (until then this fails and the job is retried).
   * Sent mails are marked in the ledger: running again sends none twice.
   */
  @OnDomainEvent('notifications.consultation-mails', ROUND_EVENTS, { idempotent: true })
  async sendRoundMails(event: EventEnvelope<RoundEvent>, tx: Transaction): Promise<void> {
    const done = await tx.manager.query<unknown[]>(
      `SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2`,
      [CONSULTATION_NOTICES, event.id],
    );
    if (!done.length) throw new Error(`the notices of event ${event.id} are not written yet`);
    await this.mails.sendFor(event.id);
  }

  /**
   * The mails of the other notices (those chosen "at once"), once the notices' transaction has committed (until
   * then this fails and the job is retried). One statement when there is nothing to send, as for most posts.
   */
  @OnDomainEvent('notifications.notice-mails', NOTICE_MAIL_EVENTS, { idempotent: true })
  async sendNoticeMails(event: EventEnvelope<NoticeMailEvent>, tx: Transaction): Promise<void> {
    const [state] = await tx.manager.query<Array<{ done: boolean; pending: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2) AS done,
              EXISTS (SELECT 1 FROM notification_mails WHERE source_event_id = $2 AND sent_at IS NULL) AS pending`,
      [NOTICES_CONSUMER_OF[event.type], event.id],
    );
    if (!state.done) throw new Error(`the notices of event ${event.id} are not written yet`);
    if (state.pending) await this.mails.sendFor(event.id);
  }
}
