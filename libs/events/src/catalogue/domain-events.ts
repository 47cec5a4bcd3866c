import type { ConsultationEvents } from './consultation-events';
import type { NeedsEvents } from './needs-events';
import type {
  GroupPayload,
  HideReason,
  MemberPayload,
  NotificationPayload,
  OrganisationEntryPayload,
  OrganisationMemberPayload,
  PostPayload,
  ThreadPayload,
  ThreadActivityPayload,
  TopicPayload,
} from './payloads';
import type {
  DraftChangeDecisionPayload,
  DraftCommentPayload,
  DraftEditPolicyPayload,
  DraftDecisionPayload,
  DraftPayload,
  DraftRevisionPayload,
  DraftStatus,
  DraftSuggestionPayload,
} from './payloads';

/**
 * The one catalogue of domain events: event type → payload. Appending an event type that is not listed here,
 * or a payload of the wrong shape, does not compile. The payloads are what browsers receive in `event.data`;
 * a changed payload gets a new event type.
 */
export interface DomainEvents extends OrganisationEvents, ConsultationEvents, NeedsEvents {
  /** Written by diagnostics and tests to exercise the event path end to end. */
  'system.probe': { note: string };

  // group:<id>
  'group.updated': { group: GroupPayload };
  'member.added': { groupId: string; member: MemberPayload };
  'member.removed': { groupId: string; userId: string };
  'member.role_changed': {
    groupId: string;
    userId: string;
    role: MemberPayload['role'];
    previousRole: MemberPayload['role'];
  };
  'topic.created': { topic: TopicPayload };
  'topic.updated': { topic: TopicPayload };
  'flag.created': { flagId: string; postId: string; threadId: string };
  'flag.resolved': { flagId: string; postId: string; resolution: 'dismissed' | 'hidden' };
  /** An open flag left with its thread for another group: on the old and the new group:<id> (queue and count). */
  'flag.moved': { flagId: string; postId: string; threadId: string; fromGroupId: string; toGroupId: string };

  // topic:<id>
  'thread.created': { thread: ThreadPayload };
  /**
   * Coalesced: at most one per topic and second, listing the topic's threads that changed since the last one
   * (new or deleted posts, lock, pin), so thread lists stay live without a per-post event on the topic stream.
   */
  'topic.activity': { topicId: string; threads: ThreadActivityPayload[] };

  // thread:<id> (thread.moved also on the old and the new topic:<id>)
  'post.created': { post: PostPayload };
  'post.updated': { post: PostPayload };
  'post.deleted': { post: PostPayload };
  'post.hidden': { post: PostPayload; reasonCode: HideReason };
  'post.unhidden': { post: PostPayload };
  'thread.locked': { thread: ThreadPayload };
  'thread.unlocked': { thread: ThreadPayload };
  'thread.pinned': { thread: ThreadPayload };
  'thread.unpinned': { thread: ThreadPayload };
  'thread.moved': { thread: ThreadPayload; fromTopicId: string; toTopicId: string };
  'thread.slow_mode_changed': { thread: ThreadPayload };

  // user:<id>
  'notification.created': { notification: NotificationPayload };
  /** The person's own state, so their other tabs and devices follow along. */
  'thread.read': { threadId: string; lastReadSeq: number };
  /** The person opened a draft: its notices for them are read (`marked` of them were unread). */
  'draft.read': { draftId: string; marked: number };
  /** Devices of the person were signed out: their live connections end too (re-checked on every api process). */
  'session.ended': { userId: string; sessionIds: string[] | null };
  'follow.added': { targetType: 'thread' | 'topic'; targetId: string };
  'follow.removed': { targetType: 'thread' | 'topic'; targetId: string };

  // topic:<id>
  'draft.created': { draft: DraftPayload };

  // draft:<id>
  /** Coalesced: at most one per draft and second, carrying the version reached. */
  'draft.updated': { draftId: string; version: number };
  'draft.revision_created': { revision: DraftRevisionPayload };
  /** Also on the draft's topic:<id>, so that lists of drafts follow without joining each draft's stream. */
  'draft.status_changed': { draft: DraftPayload; previousStatus: DraftStatus; revisionId: string };
  'draft.comment_added': { comment: DraftCommentPayload };
  'draft.comment_resolved': { comment: DraftCommentPayload };
  'draft.suggestion_added': { suggestion: DraftSuggestionPayload };
  'draft.suggestion_accepted': {
    suggestion: DraftSuggestionPayload;
    decision: DraftDecisionPayload;
    version: number;
  };
  'draft.suggestion_rejected': { suggestion: DraftSuggestionPayload; decision: DraftDecisionPayload };
  /** Tracked changes were accepted or rejected (together: one version, one revision). */
  'draft.changes_decided': {
    draftId: string;
    decision: 'accept' | 'reject';
    decisions: DraftChangeDecisionPayload[];
    version: number;
    revisionId: string | null;
  };
  /** Who may edit, suggest or comment in which status changed: clients ask for their edit mode again. */
  'draft.edit_policy_changed': { draftId: string; policy: DraftEditPolicyPayload };
}

/**
 * organisation:<id> (its confirmed members and platform admins read it). A person's way in: requested, then
 * confirmed (or removed: `declined` / `withdrawn` while requested; `left` / `removed` once confirmed).
 */
export interface OrganisationEvents {
  'organisation.created': { organisation: OrganisationEntryPayload };
  'organisation.membership_requested': { organisationId: string; member: OrganisationMemberPayload };
  'organisation.member_confirmed': { organisationId: string; member: OrganisationMemberPayload };
  'organisation.member_role_changed': {
    organisationId: string;
    member: OrganisationMemberPayload;
    previousRole: OrganisationMemberPayload['role'];
  };
  'organisation.member_removed': {
    organisationId: string;
    userId: string;
    previousStatus: OrganisationMemberPayload['status'];
    reason: 'declined' | 'withdrawn' | 'left' | 'removed';
  };
}

export type EventType = keyof DomainEvents;

/** Kinds of stream, as in the contract: `<kind>:<uuid>`. `system` carries diagnostics only. */
export const STREAM_KINDS = [
  'thread',
  'topic',
  'draft',
  'group',
  'user',
  'organisation',
  'consultation',
  'needs',
  'system',
] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];
export type StreamName = `${StreamKind}:${string}` | SingletonStream;
/** Streams that are one for the whole installation: named by their kind alone (`needs`, the needs radar). */
export const SINGLETON_STREAMS = ['needs'] as const;
export type SingletonStream = (typeof SINGLETON_STREAMS)[number];

export function streamName(kind: StreamKind, id: string): StreamName {
  if (id === '' && (SINGLETON_STREAMS as readonly string[]).includes(kind)) return kind as SingletonStream;
  return `${kind}:${id}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Splits `kind:id`; returns null for anything that is not a well-formed stream name. */
export function parseStream(stream: unknown): { kind: StreamKind; id: string } | null {
  if (typeof stream !== 'string' || stream.length > 100) return null;
  if ((SINGLETON_STREAMS as readonly string[]).includes(stream))
    return { kind: stream as StreamKind, id: '' };
  const at = stream.indexOf(':');
  if (at < 0) return null;
  const kind = stream.slice(0, at) as StreamKind;
  const id = stream.slice(at + 1);
  if (!STREAM_KINDS.includes(kind) || !UUID.test(id)) return null;
  return { kind, id: id.toLowerCase() };
}

/**
 * The one spelling of a well-formed stream name, `<kind>:<id in lower case>` (the name events are stored and
 * delivered under: ids are accepted in either case), or null for anything else.
 */
export function canonicalStream(stream: unknown): StreamName | null {
  const parsed = parseStream(stream);
  return parsed && streamName(parsed.kind, parsed.id);
}
