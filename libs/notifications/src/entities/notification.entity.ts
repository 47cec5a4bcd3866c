import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { HideReason } from '@runde/events';

/**
 * About a thread's post: mention, reply, followed_thread and the moderation notices. About a draft: the draft
 * notices. About an organisation: the membership notices.
 */
export type NotificationKind =
  | 'mention'
  | 'reply'
  | 'followed_thread'
  | ModerationNotificationKind
  | DraftNotificationKind
  | OrganisationNotificationKind
  | ConsultationNotificationKind
  | 'needs_signal';

/**
 * Consultation rounds (about `consultation_id`, and the addressee organisation in `organisation_id`): to an
 * addressee's people, the round addressed to them, a reminder of its Frist, an extension, the publication; to the
 * round's owners, a statement released or a Fehlanzeige.
 */
export type ConsultationNotificationKind =
  | 'consult_addressed'
  | 'consult_reminder'
  | 'consult_extended'
  | 'consult_published'
  | 'consult_released'
  | 'consult_nil_return';

/**
 * `org_request`: someone asked to belong (to the organisation's admins); the others tell the person what became of
 * their request or membership.
 */
export type OrganisationNotificationKind =
  'org_request' | 'org_confirmed' | 'org_declined' | 'org_role_changed' | 'org_removed';

/** A new flag (to the group's owners and moderators); a post hidden or shown again (to its author). */
export type ModerationNotificationKind = 'post_flagged' | 'post_hidden' | 'post_unhidden';

export type DraftNotificationKind =
  'draft_comment' | 'draft_suggestion' | 'draft_reply' | 'suggestion_accepted' | 'suggestion_rejected';

/**
 * A notification for one person, about a thread (`thread_id`, and `post_id` for a post), a strategy draft
 * (`draft_id`), an organisation (`organisation_id`) or a signal of the needs radar (`needs_signal_id`): exactly one
 * of the four. `followed_thread` ones are coalesced: one unread row per thread whose
 * `count` grows with each new post until it is read.
 */
@Entity('notifications')
@Check(
  'ck_notifications_subject',
  `num_nonnulls("thread_id", "draft_id", "organisation_id", "needs_signal_id") = 1`,
)
@Index('ix_notifications_user', ['userId', 'createdAt'])
@Index('uq_notifications_unread_followed', ['userId', 'threadId'], {
  unique: true,
  where: `kind = 'followed_thread' AND read_at IS NULL`,
})
@Index('uq_notifications_source', ['userId', 'sourceEventId', 'kind'], { unique: true })
// A person hears of a post by mention or reply once, whichever event (the post's, or an edit's) is handled first.
@Index('uq_notifications_post_person', ['userId', 'postId'], {
  unique: true,
  where: `kind IN ('mention', 'reply')`,
})
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: NotificationKind;

  @Column({ name: 'thread_id', type: 'uuid', nullable: true })
  threadId: string | null;

  @Column({ name: 'draft_id', type: 'uuid', nullable: true })
  draftId: string | null;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  /** Consultation notices: the round (their `organisation_id` is the addressee they are about). */
  @Column({ name: 'consultation_id', type: 'uuid', nullable: true })
  consultationId: string | null;

  /** `needs_signal`: the signal (the needs radar's, to the ministry's people). */
  @Column({ name: 'needs_signal_id', type: 'uuid', nullable: true })
  needsSignalId: string | null;

  @Column({ name: 'post_id', type: 'uuid', nullable: true })
  postId: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'int', default: 1 })
  count: number;

  /** The domain event that caused it: a redelivered event cannot notify twice. */
  @Column({ name: 'source_event_id', type: 'uuid' })
  sourceEventId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;

  /** `post_hidden`: the reason code the moderators gave. */
  @Column({ name: 'reason_code', type: 'varchar', length: 20, nullable: true })
  reasonCode: HideReason | null;

  /** `post_hidden`: the moderators' note to the author, as it was when the post was hidden. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;
}
