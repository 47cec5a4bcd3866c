/**
 * Consultation rounds in the browser: the api's shapes (shared with the server's catalogue) and the pure rules the
 * screens use — the board's counts per Regierungsbezirk, who answered, the rate.
 */
import type {
  AddresseeChangePayload,
  AddresseePayload,
  AddresseeStatus,
  CommentAssessment,
  CommentPosition,
  ConsultationPayload,
  QuestionPayload,
  StatementCommentPayload,
  StatementPayload,
} from '@runde/consultation-contract';

export type {
  AddresseeChangePayload,
  AddresseePayload,
  AddresseeStatus,
  CommentAssessment,
  CommentPosition,
  ConsultationPayload as Consultation,
  QuestionPayload as Question,
  StatementCommentPayload as StatementComment,
  StatementPayload as Statement,
};

export const POSITIONS: CommentPosition[] = ['agree', 'change', 'reject', 'note'];
export const ASSESSMENTS: CommentAssessment[] = ['adopted', 'partly', 'rejected', 'noted'];
export const STATUSES: AddresseeStatus[] = ['released', 'drafting', 'not_started', 'nil_return'];
export const REGIERUNGSBEZIRKE = ['Stuttgart', 'Karlsruhe', 'Freiburg', 'Tübingen'] as const;

/** A block of the consulted draft (`GET /drafts/:id/blocks`): headings carry no Randnummer. */
export interface DraftBlock {
  id: string | null;
  rn: string | null;
  type: string;
  level: number | null;
  text: string;
}

/** An organisation of the register (`GET /organisations`). */
export interface RegisterEntry {
  id: string;
  name: string;
  kind: 'ministry' | 'association' | 'Stadtkreis' | 'Landkreis' | 'town' | 'other';
  regierungsbezirk: string | null;
  kreisschluessel: string | null;
}

export interface Tally {
  total: number;
  released: number;
  drafting: number;
  not_started: number;
  nil_return: number;
  late: number;
  /** Released or Fehlanzeige: both count as an answer. */
  answered: number;
  /** answered / total, 0..1 */
  rate: number;
}

export function tally(addressees: AddresseePayload[]): Tally {
  const t: Tally = {
    total: addressees.length,
    released: 0,
    drafting: 0,
    not_started: 0,
    nil_return: 0,
    late: 0,
    answered: 0,
    rate: 0,
  };
  for (const a of addressees) {
    t[a.status] += 1;
    if (a.late || isOverdue(a)) t.late += 1;
  }
  t.answered = t.released + t.nil_return;
  t.rate = t.total ? t.answered / t.total : 0;
  return t;
}

/** Not answered and past its own Frist (the server marks answers that came late; this is the open ones). */
export function isOverdue(a: AddresseePayload, now = Date.now()): boolean {
  return (a.status === 'not_started' || a.status === 'drafting') && Date.parse(a.deadline) < now;
}

/** The addressees by Regierungsbezirk, in the Land's order; associations and others (none) last. */
export function byRegierungsbezirk(
  addressees: AddresseePayload[],
): Array<{ key: string | null; addressees: AddresseePayload[] }> {
  const groups = new Map<string | null, AddresseePayload[]>();
  for (const a of addressees) {
    const key = a.regierungsbezirk ?? null;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const order = (key: string | null) => {
    const i = (REGIERUNGSBEZIRKE as readonly string[]).indexOf(key ?? '');
    return i < 0 ? (key === null ? 99 : 50) : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || String(a).localeCompare(String(b)))
    .map(([key, list]) => ({ key, addressees: list }));
}

/** A board event's change applied to the round (unknown addressees are left alone: they are not this reader's). */
export function applyChange(round: ConsultationPayload, change: AddresseeChangePayload): ConsultationPayload {
  return {
    ...round,
    addressees: round.addressees.map((a) =>
      a.organisationId === change.organisationId
        ? {
            ...a,
            status: change.status,
            late: change.late,
            deadline: change.deadline,
            answeredAt: change.answeredAt,
          }
        : a,
    ),
  };
}

/** `2027-03-31T21:59` for an `<input type="datetime-local">`, in the browser's time zone. */
export function toLocalInput(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of an `<input type="datetime-local">` (local time) as an ISO instant, or null. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function anchorLabel(anchor: StatementCommentPayload['anchor']): string | null {
  if (!anchor) return null;
  return 'randnummer' in anchor ? anchor.randnummer : null;
}

/** Randnummern in the draft's order ("3" < "3a" < "4"), for sorting the Synopse's groups. */
export function compareRn(a: string, b: string): number {
  const split = (rn: string) => {
    const m = /^(\d+)([a-z]*)$/.exec(rn);
    return m ? { n: Number(m[1]), s: m[2] } : { n: Number.MAX_SAFE_INTEGER, s: rn };
  };
  const x = split(a);
  const y = split(b);
  return x.n - y.n || x.s.length - y.s.length || x.s.localeCompare(y.s);
}

export function percent(rate: number): string {
  return `${Math.round(rate * 100)} %`;
}

export function isStatement(s: StatementPayload | undefined): s is StatementPayload {
  return !!s;
}

/** The Synopse as `GET /consultations/:id/synopsis?format=json` gives it (the part this client shows). */
export interface SynopsisPoint {
  id: string;
  organisation: { id: string; name: string };
  randnummer: string | null;
  quote: string | null;
  position: CommentPosition;
  text: string;
  proposedWording: string | null;
  assessment: CommentAssessment | null;
  assessmentReason: string | null;
}

export interface SynopsisData {
  blocks: Array<{
    randnummer: string | null;
    blockId: string | null;
    type: string;
    text: string;
    points: SynopsisPoint[];
  }>;
  unplaced: SynopsisPoint[];
  general: SynopsisPoint[];
  statements: Array<{
    statementId: string;
    organisation: { id: string; name: string };
    status: 'released' | 'nil_return';
    general: string;
    late: boolean;
  }>;
  questions: Array<{
    id: string;
    text: string;
    answers: Array<{ organisation: { id: string; name: string }; text: string }>;
  }>;
  addressees: Array<{ organisation: { id: string; name: string } }>;
}
