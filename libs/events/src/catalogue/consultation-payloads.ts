/**
 * Consultation rounds (Anhörung / Abfrage) on the wire: REST bodies and event payloads. Types only (the browser
 * client shares them).
 */

export type ConsultationKind = 'hearing' | 'survey';
export type ConsultationStatus = 'open' | 'closed';
export type AddresseeStatus = 'not_started' | 'drafting' | 'released' | 'nil_return';
export type StatementStatus = 'drafting' | 'released' | 'nil_return';
export type CommentPosition = 'agree' | 'change' | 'reject' | 'note';
export type CommentAssessment = 'adopted' | 'partly' | 'rejected' | 'noted';

export interface QuestionPayload {
  id: string;
  text: string;
  type: 'text' | 'yesno' | 'number' | 'choice';
  options: string[] | null;
}

export interface AddresseePayload {
  organisationId: string;
  name: string;
  kind: string;
  regierungsbezirk: string | null;
  kreisschluessel: string | null;
  status: AddresseeStatus;
  deadline: string;
  late: boolean;
  answeredAt: string | null;
}

export interface ConsultationPayload {
  id: string;
  groupId: string;
  title: string;
  kind: ConsultationKind;
  draftId: string | null;
  status: ConsultationStatus;
  deadline: string;
  remindDaysBefore: number[];
  note: string | null;
  questions: QuestionPayload[];
  publishedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  createdBy: string;
  /** Owners see every addressee; an addressee organisation's members see their own entry. */
  addressees: AddresseePayload[];
  /** What the caller may do here. */
  viewer: { owner: boolean; organisationIds: string[] };
}

export interface StatementCommentPayload {
  id: string;
  anchor: { randnummer: string } | { from: number; to: number } | null;
  position: CommentPosition;
  text: string;
  proposedWording: string | null;
  assessment: CommentAssessment | null;
  assessmentReason: string | null;
}

export interface StatementPayload {
  id: string;
  consultationId: string;
  organisationId: string;
  status: StatementStatus;
  version: number;
  general: string;
  comments: StatementCommentPayload[];
  answers: Array<{ questionId: string; value: string | number | boolean }>;
  correctsId: string | null;
  updatedBy: string | null;
  updatedAt: string;
  releasedBy: string | null;
  releasedAt: string | null;
  late: boolean;
}

/** A statement's or Fehlanzeige's arrival, as the board shows it (no content: that is for the owners' REST). */
export interface AddresseeChangePayload {
  consultationId: string;
  organisationId: string;
  status: AddresseeStatus;
  late: boolean;
  deadline: string;
  answeredAt: string | null;
}
