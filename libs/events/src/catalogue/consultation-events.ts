import type {
  AddresseeChangePayload,
  CommentAssessment,
  ConsultationPayload,
  StatementPayload,
} from './consultation-payloads';

/**
 * The events of consultation rounds. On `consultation:<id>` (owners and addressees; no statement content, which
 * is for the owners' REST and, after publication, every addressee's): opened, addressee_updated, extended,
 * statement.released, statement.nil_returned, closed, published, assessment.recorded. On `organisation:<id>`
 * (that organisation's confirmed people): the round addressed to them, their statement as it is drafted, their
 * extension, reminders, the close and the publication.
 */
export interface ConsultationEvents {
  'consultation.opened': { consultation: ConsultationPayload };
  /** A round was addressed to this organisation (its own entry only). */
  'consultation.addressed': { consultation: ConsultationPayload };
  /** An addressee started drafting (the board's "in Arbeit"). */
  'consultation.addressee_updated': AddresseeChangePayload;
  'consultation.extended': AddresseeChangePayload;
  'statement.released': AddresseeChangePayload & { statementId: string };
  'statement.nil_returned': AddresseeChangePayload & { statementId: string };
  /** The organisation's statement as saved (its people draft it together). */
  'statement.updated': { statement: StatementPayload };
  'consultation.closed': { consultationId: string; closedAt: string };
  'consultation.published': { consultationId: string; publishedAt: string };
  'assessment.recorded': {
    consultationId: string;
    commentId: string;
    organisationId: string;
    assessment: CommentAssessment;
    reason: string | null;
  };
  /** A reminder went to an addressee that has not answered (one per addressee and reminder day). */
  'consultation.reminded': {
    consultationId: string;
    organisationId: string;
    title: string;
    deadline: string;
    daysBefore: number;
  };
}
