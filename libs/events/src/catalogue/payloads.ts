/** Shapes that travel in event payloads (and so to browsers). Domains build them; they never import back. */

/**
 * A person's organisation as shown next to their name: always one they are a confirmed member of
 * (`verified: true`). `detail` is a hint made from the register ("Landkreis · Regierungsbezirk Tübingen").
 */
export interface OrganisationPayload {
  id: string;
  name: string;
  kind: string;
  detail: string | null;
  verified: true;
}

/** An organisation of the register (`GET /api/v1/organisations`, `organisation.created`). */
export interface OrganisationEntryPayload {
  id: string;
  name: string;
  kind: 'ministry' | 'association' | 'Stadtkreis' | 'Landkreis' | 'town' | 'other';
  parentId: string | null;
  regierungsbezirk: string | null;
  kreisschluessel: string | null;
  ags: string | null;
  detail: string | null;
}

/** A person's membership of an organisation, as its admins (and its stream) see it. */
export interface OrganisationMemberPayload {
  organisationId: string;
  userId: string;
  displayName: string | null;
  role: 'admin' | 'member' | 'deputy';
  status: 'requested' | 'confirmed';
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface MemberPayload {
  userId: string;
  displayName: string | null;
  organisation: OrganisationPayload | null;
  role: 'owner' | 'moderator' | 'member' | 'observer';
  joinedAt: string;
  deleted: boolean;
}

export interface GroupPayload {
  id: string;
  name: string;
  description: string;
}

export type Visibility = 'group' | 'network';

export interface TopicPayload {
  id: string;
  groupId: string;
  title: string;
  description: string;
  visibility: Visibility;
  createdAt: string;
}

export interface PersonPayload {
  id: string;
  displayName: string | null;
  organisation: OrganisationPayload | null;
  deleted: boolean;
}

export interface ThreadPayload {
  id: string;
  topicId: string;
  groupId: string;
  title: string;
  authorId: string;
  author: PersonPayload;
  locked: boolean;
  pinned: boolean;
  slowModeSeconds: number;
  postCount: number;
  lastPostSeq: number;
  createdAt: string;
  lastActivityAt: string;
}

/** What the thread list of a topic shows of a thread that changed: counts, order and flags (`topic.activity`). */
export interface ThreadActivityPayload {
  id: string;
  postCount: number;
  lastPostSeq: number;
  lastActivityAt: string;
  locked: boolean;
  pinned: boolean;
}

export const HIDE_REASONS = ['off_topic', 'personal_data', 'insult', 'spam', 'duplicate', 'other'] as const;
export type HideReason = (typeof HIDE_REASONS)[number];

/** A post as every reader of the thread may see it: hidden and deleted posts carry no body. */
export interface PostPayload {
  id: string;
  threadId: string;
  seq: number;
  authorId: string;
  author: PersonPayload;
  body: string | null;
  replyToId: string | null;
  replyTo: {
    id: string;
    seq: number;
    authorId: string;
    authorName: string | null;
    excerpt: string | null;
  } | null;
  createdAt: string;
  editedAt: string | null;
  hidden: boolean;
  deleted: boolean;
}

/**
 * A notification about a thread's post (`mention`, `reply`, `followed_thread`: `threadId`, `threadTitle`, `postId`,
 * `postSeq`) or about a strategy draft (`draft_comment` / `draft_suggestion`: a new comment or suggestion on a
 * draft one started; `draft_reply`: a reply in a comment thread one took part in; `suggestion_accepted` /
 * `suggestion_rejected`: one's suggestion was decided; `draftId`, `draftTitle`). The other subject's fields are
 * null.
 *
 * Moderation notices are about a thread's post too: `post_flagged` tells the group's owners and moderators of a
 * new flag (`actor`: who flagged; `groupId`: the group whose queue has it); `post_hidden` / `post_unhidden` tell
 * the post's author that the moderators hid it (`reasonCode`, and their `note` if any) or showed it again
 * (`actor` null: the moderators act as one). No notice carries a post's text.
 *
 * Organisation notices: `org_request` tells the organisation's admins that `actor` asked to belong;
 * `org_confirmed`, `org_declined`, `org_role_changed`, `org_removed` tell the person what its admins (`actor`)
 * decided.
 */
export interface NotificationPayload {
  id: string;
  kind:
    | 'mention'
    | 'reply'
    | 'followed_thread'
    | 'draft_comment'
    | 'draft_suggestion'
    | 'draft_reply'
    | 'suggestion_accepted'
    | 'suggestion_rejected'
    | 'post_flagged'
    | 'post_hidden'
    | 'post_unhidden'
    | 'org_request'
    | 'org_confirmed'
    | 'org_declined'
    | 'org_role_changed'
    | 'org_removed'
    | 'consult_addressed'
    | 'consult_reminder'
    | 'consult_extended'
    | 'consult_published'
    | 'consult_released'
    | 'consult_nil_return'
    | 'needs_signal';
  threadId: string | null;
  threadTitle: string | null;
  postId: string | null;
  postSeq: number | null;
  draftId: string | null;
  draftTitle: string | null;
  /** Organisation notices (`org_*`): the organisation, and the person's role there now (`org_confirmed`, …). */
  organisationId: string | null;
  organisationName: string | null;
  role: 'admin' | 'member' | 'deputy' | null;
  /**
   * Consultation notices (`consult_*`): the round and its title; `organisationId`/`organisationName` name the
   * addressee it is about (the reader's own organisation, or for the owners' `consult_released` /
   * `consult_nil_return` the one that answered).
   */
  consultationId: string | null;
  consultationTitle: string | null;
  /** `needs_signal`: a new signal of the needs radar (to the ministry's people), and what it says. */
  needsSignalId: string | null;
  needsSignalSummary: string | null;
  actor: PersonPayload | null;
  count: number;
  createdAt: string;
  readAt: string | null;
  /** `post_flagged`: the group whose moderation queue holds the flag; null for the other kinds. */
  groupId: string | null;
  /** `post_hidden`: why the post was hidden; null for the other kinds. */
  reasonCode: HideReason | null;
  /** `post_hidden`: the moderators' note to the author, if they wrote one; null otherwise. */
  note: string | null;
}

// Strategy drafts (libs/drafts)

export const DRAFT_STATUSES = ['draft', 'consultation', 'revision', 'adopted', 'archived'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** A draft without its text (events never carry the document; clients load it or sync it live). */
export interface DraftPayload {
  id: string;
  topicId: string;
  groupId: string;
  title: string;
  status: DraftStatus;
  version: number;
  consultationDeadline: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** `before_restore`: the text a restore replaced, kept so that the restore can be undone. */
export type DraftRevisionKind = 'manual' | 'status' | 'restore' | 'before_restore' | 'suggestion';

export interface DraftRevisionPayload {
  id: string;
  draftId: string;
  number: number;
  label: string;
  kind: DraftRevisionKind;
  version: number;
  status: DraftStatus;
  createdBy: string | null;
  createdAt: string;
}

/**
 * Where a comment or suggestion points, resolved against the document when the payload was made. `relStart` and
 * `relEnd` are the Yjs relative positions (base64 of `Y.encodeRelativePosition`): live clients resolve them
 * against their own document. `detached`: the text was deleted; `quote` is what it said.
 */
export interface DraftAnchorPayload {
  start: number;
  end: number;
  detached: boolean;
  quote: string;
  relStart: string;
  relEnd: string;
}

export interface DraftCommentPayload {
  id: string;
  draftId: string;
  parentId: string | null;
  suggestionId: string | null;
  authorId: string;
  author: PersonPayload;
  body: string;
  anchor: DraftAnchorPayload | null;
  resolved: boolean;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

export interface DraftSuggestionPayload {
  id: string;
  draftId: string;
  authorId: string;
  author: PersonPayload;
  anchor: DraftAnchorPayload;
  replacement: string;
  rationale: string;
  status: 'open' | 'accepted' | 'rejected';
  createdAt: string;
}

/** What became of a suggestion: links the suggestion, its discussion (comments) and the resulting revision. */
export interface DraftDecisionPayload {
  id: string;
  draftId: string;
  suggestionId: string;
  outcome: 'accepted' | 'rejected';
  reason: string | null;
  decidedBy: string;
  decidedAt: string;
  revisionId: string | null;
  discussionCommentIds: string[];
}

/** How a person may change a draft's text: directly, only as their own tracked changes, not at all. */
export type DraftEditMode = 'edit' | 'suggest' | 'comment' | 'read';

/** A draft's effective edit policy: the mode of each role in each status that has one. */
export type DraftEditPolicyPayload = Record<
  'draft' | 'consultation' | 'revision',
  Record<'owner' | 'moderator' | 'member', DraftEditMode>
>;

/** A decision on one tracked change of a draft's document (Änderungsmodus). */
export interface DraftChangeDecisionPayload {
  id: string;
  draftId: string;
  /** `<mark id>~<author id>`: the change's key as `GET /drafts/:id/changes` lists it. */
  changeKey: string;
  changeAuthorId: string | null;
  decision: 'accept' | 'reject';
  inserted: string;
  deleted: string;
  formatted: boolean;
  decidedBy: string;
  decidedAt: string;
  /** The draft's version after the decision (decisions taken together share it and the revision). */
  version: number;
  revisionId: string | null;
}

// The start page (`GET /api/v1/me/overview`, libs/notifications/src/overview)

/** A thread in one of the caller's groups with posts they have not read. */
export interface OverviewThread {
  id: string;
  title: string;
  topicId: string;
  topicTitle: string;
  groupId: string;
  groupName: string;
  postCount: number;
  lastPostSeq: number;
  lastReadSeq: number;
  unreadCount: number;
  /** Never opened by the caller: the whole thread is new to them. */
  isNew: boolean;
  lastActivityAt: string;
}

/** Why a draft concerns the caller. */
export type DraftInvolvement = 'started' | 'commented' | 'suggested' | 'consultation' | 'new';

export interface OverviewDraft {
  id: string;
  title: string;
  status: DraftStatus;
  topicId: string;
  topicTitle: string;
  groupId: string;
  groupName: string;
  consultationDeadline: string | null;
  updatedAt: string;
  involvement: DraftInvolvement[];
}

export interface OverviewGroup {
  id: string;
  name: string;
  myRole: MemberPayload['role'];
}

/** `GET /api/v1/me/overview`: the start page in one answer. */
export interface Overview {
  groups: OverviewGroup[];
  threads: { items: OverviewThread[]; more: boolean };
  notifications: { unreadCount: number; items: NotificationPayload[] };
  drafts: { items: OverviewDraft[]; more: boolean };
  /** The streams whose events change this answer (the caller's own, their groups' and their groups' topics'). */
  streams: string[];
}
