import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Caller } from '@runde/identity';
import { AppError } from '@runde/platform';
import { ConsultationsService } from '../consultations.service';
import type { SynopsisQueryDto } from '../dto/consultations.dto';
import type { ConsultationEntity } from '../entities/consultation.entity';
import type { Assessment, Position, StatementCommentEntity } from '../entities/statement-comment.entity';
import { StatementEntity } from '../entities/statement.entity';
import { AppliedProposalEntity } from './applied-proposal.entity';
import { blockOfRange, ConsultedTexts, type ConsultedText } from './consulted-text';
import { answerText, ASSESSMENT_LABEL, NIL_RETURN, NOT_ANSWERED, POSITION_LABEL } from './synopsis-labels';
import type {
  Synopsis,
  SynopsisAddressee,
  SynopsisBlock,
  SynopsisOrganisation,
  SynopsisPoint,
  SynopsisStatement,
} from './synopsis.views';

export type SynopsisFilter = Pick<SynopsisQueryDto, 'organisationId' | 'position' | 'assessment'>;

/** What the Synopse reads of a statement's point. */
type Point = Pick<
  StatementCommentEntity,
  | 'id'
  | 'statementId'
  | 'organisationId'
  | 'ord'
  | 'randnummer'
  | 'anchorFrom'
  | 'anchorTo'
  | 'position'
  | 'text'
  | 'proposedWording'
  | 'assessment'
  | 'assessmentReason'
>;

interface AddresseeRow {
  organisation_id: string;
  name: string;
  kind: string;
  kreisschluessel: string | null;
  regierungsbezirk: string | null;
  status: string;
  late: boolean;
  answered_at: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The Synopse of a round: the consulted text block by block (ConsultedTexts) beside every organisation's points on
 * it, the general points and general parts of the statements, the answers to the questions, and the owners'
 * assessments. Only released statements count (a Fehlanzeige is listed as such; drafts never appear), each
 * organisation's latest (a correction replaces what it corrects). The round's owners read it at any time, its
 * addressees once the statements are published; nobody else learns it exists.
 */
@Injectable()
export class SynopsisService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consultations: ConsultationsService,
    private readonly texts: ConsultedTexts,
  ) {}

  async synopsis(caller: Caller, id: string, filter: SynopsisFilter = {}): Promise<Synopsis> {
    const { round, standing } = await this.consultations.readable(caller, id);
    if (!standing.owner && !round.publishedAt) throw AppError.notFound('Consultation');
    return this.build(round, filter);
  }

  async build(round: ConsultationEntity, filter: SynopsisFilter = {}): Promise<Synopsis> {
    const addressees: AddresseeRow[] = await this.dataSource.query(
      `SELECT a.organisation_id, o.name, o.kind, o.kreisschluessel, o.regierungsbezirk, a.status, a.late,
              a.answered_at
         FROM consultation_addressees a JOIN organisations o ON o.id = a.organisation_id
        WHERE a.consultation_id = $1 AND ($2::uuid IS NULL OR a.organisation_id = $2)
        ORDER BY o.kreisschluessel NULLS FIRST, o.name`,
      [round.id, filter.organisationId ?? null],
    );
    const orgs = new Map(addressees.map((a) => [a.organisation_id, organisationOf(a)]));
    const rank = new Map(addressees.map((a, i) => [a.organisation_id, i]));
    const statements = (await this.released(round.id)).filter((s) => orgs.has(s.organisationId));
    statements.sort((a, b) => rank.get(a.organisationId)! - rank.get(b.organisationId)!);
    const comments = statements.length
      ? await this.points(
          statements.map((s) => s.id),
          rank,
        )
      : [];
    const applied = new Map(
      (await this.dataSource.getRepository(AppliedProposalEntity).findBy({ consultationId: round.id })).map(
        (a) => [a.commentId, a],
      ),
    );
    const text = await this.texts.of(round);
    const points = comments
      .filter((c) => matches(c, filter))
      .map((c) => pointOf(c, orgs.get(c.organisationId)!, text, applied.get(c.id) ?? null));
    const filtered = !!(filter.organisationId || filter.position || filter.assessment);
    return {
      consultation: {
        id: round.id,
        title: round.title,
        kind: round.kind,
        status: round.status,
        deadline: round.deadline.toISOString(),
        closedAt: iso(round.closedAt),
        publishedAt: iso(round.publishedAt),
      },
      draft: text && {
        id: text.draftId,
        title: text.title,
        version: text.version,
        source: text.source,
        revisionId: text.revisionId,
      },
      filters: {
        organisationId: filter.organisationId ?? null,
        position: filter.position ?? null,
        assessment: filter.assessment ?? null,
      },
      counts: counts(addressees, points),
      ...placed(text, points, filtered),
      statements: statements.map((s) => statementOf(s, orgs.get(s.organisationId)!)),
      questions: round.questions.map((q) => ({
        id: q.id,
        text: q.text,
        type: q.type,
        options: q.options,
        answers: statements.flatMap((s) =>
          s.answers
            .filter((a) => a.questionId === q.id)
            .map((a) => ({
              organisation: orgs.get(s.organisationId)!,
              value: a.value,
              text: answerText(a.value),
            })),
        ),
      })),
      addressees: addressees.map(addresseeOf),
      generatedAt: new Date().toISOString(),
    };
  }

  /**
   * The statements' points in the Synopse's order — their organisations as the addressees are listed (`rank`),
   * then each statement's own order — read as plain rows and sorted by number: a round of 1,100 statements has
   * 22,000 points, and hydrating them as entities and sorting by map lookups took a third of the Synopse's time
   * (bench/consultations); sorting the wide rows in PostgreSQL spilled to disk.
   */
  private async points(statementIds: string[], rank: Map<string, number>): Promise<Point[]> {
    const rows: Point[] = await this.dataSource.query(
      `SELECT id, statement_id AS "statementId", organisation_id AS "organisationId", ord, randnummer,
              anchor_from AS "anchorFrom", anchor_to AS "anchorTo", position, text,
              proposed_wording AS "proposedWording", assessment, assessment_reason AS "assessmentReason"
         FROM consultation_comments WHERE statement_id = ANY($1::uuid[])`,
      [statementIds],
    );
    const keys = new Float64Array(rows.length);
    rows.forEach((r, i) => (keys[i] = rank.get(r.organisationId)! * 2 ** 20 + r.ord));
    return Array.from(rows.keys())
      .sort((a, b) => keys[a] - keys[b])
      .map((i) => rows[i]);
  }

  /** Each organisation's latest statement that left it (released or Fehlanzeige). */
  private async released(id: string): Promise<StatementEntity[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT DISTINCT ON (organisation_id) id FROM consultation_statements
        WHERE consultation_id = $1 AND status <> 'drafting'
        ORDER BY organisation_id, created_at DESC`,
      [id],
    );
    if (!rows.length) return [];
    return this.dataSource.getRepository(StatementEntity).findBy({ id: In(rows.map((r) => r.id)) });
  }
}

function matches(c: Point, filter: SynopsisFilter): boolean {
  if (filter.position && c.position !== filter.position) return false;
  if (filter.assessment === 'none') return c.assessment === null;
  return !filter.assessment || c.assessment === filter.assessment;
}

function organisationOf(a: AddresseeRow): SynopsisOrganisation {
  return {
    id: a.organisation_id,
    name: a.name,
    kind: a.kind,
    kreisschluessel: a.kreisschluessel,
    regierungsbezirk: a.regierungsbezirk,
  };
}

function pointOf(
  c: Point,
  organisation: SynopsisOrganisation,
  text: ConsultedText | null,
  applied: AppliedProposalEntity | null,
): SynopsisPoint {
  const range = c.anchorFrom !== null && c.anchorTo !== null ? { from: c.anchorFrom, to: c.anchorTo } : null;
  let randnummer = c.randnummer;
  let quote: string | null = null;
  if (range && text) {
    randnummer = blockOfRange(text, range.from, range.to)?.rn ?? null;
    const [a, b] = text.map.charRange(range.from, range.to);
    quote = text.chars.slice(a, b) || null;
  }
  return {
    id: c.id,
    statementId: c.statementId,
    organisation,
    anchor: c.randnummer ? { randnummer: c.randnummer } : range,
    randnummer,
    quote,
    position: c.position,
    positionLabel: POSITION_LABEL[c.position],
    text: c.text,
    proposedWording: c.proposedWording,
    assessment: c.assessment,
    assessmentLabel: c.assessment ? ASSESSMENT_LABEL[c.assessment] : null,
    assessmentReason: c.assessmentReason,
    applied: applied && {
      changeKey: applied.changeKey,
      draftVersion: applied.draftVersion,
      appliedBy: applied.appliedBy,
      appliedAt: applied.appliedAt.toISOString(),
    },
  };
}

/** Points under the blocks they are on (Randnummer first, then ranges), the rest unplaced or general. */
function placed(
  text: ConsultedText | null,
  points: SynopsisPoint[],
  filtered: boolean,
): Pick<Synopsis, 'blocks' | 'unplaced' | 'general'> {
  const blocks: SynopsisBlock[] = (text?.blocks ?? []).map((b) => ({
    randnummer: b.rn,
    blockId: b.id,
    type: b.type,
    text: b.text,
    points: [],
  }));
  const byRn = new Map<string, SynopsisBlock>();
  for (const b of blocks) if (b.randnummer && !byRn.has(b.randnummer)) byRn.set(b.randnummer, b);
  const unplaced: SynopsisPoint[] = [];
  const general: SynopsisPoint[] = [];
  const ranges: SynopsisPoint[] = [];
  for (const p of points) {
    if (!p.anchor) general.push(p);
    else if (p.anchor.randnummer) {
      const block = byRn.get(p.anchor.randnummer);
      if (block) block.points.push(p);
      else unplaced.push(p);
    } else ranges.push(p);
  }
  for (const p of ranges) {
    const block = p.randnummer ? byRn.get(p.randnummer) : undefined;
    if (block) block.points.push(p);
    else unplaced.push(p);
  }
  return { blocks: filtered ? blocks.filter((b) => b.points.length) : blocks, unplaced, general };
}

function statementOf(s: StatementEntity, organisation: SynopsisOrganisation): SynopsisStatement {
  const nil = s.status === 'nil_return';
  return {
    statementId: s.id,
    organisation,
    status: nil ? 'nil_return' : 'released',
    label: nil ? NIL_RETURN : null,
    general: s.general,
    releasedAt: iso(s.releasedAt),
    late: s.late,
    correctsId: s.correctsId,
  };
}

function addresseeOf(a: AddresseeRow): SynopsisAddressee {
  return {
    organisation: organisationOf(a),
    status: a.status,
    label: a.status === 'nil_return' ? NIL_RETURN : a.status === 'released' ? 'Stellungnahme' : NOT_ANSWERED,
    late: a.late,
    answeredAt: iso(a.answered_at),
  };
}

function counts(addressees: AddresseeRow[], points: SynopsisPoint[]): Synopsis['counts'] {
  const byPosition: Record<Position, number> = { agree: 0, change: 0, reject: 0, note: 0 };
  const byAssessment: Record<Assessment | 'none', number> = {
    adopted: 0,
    partly: 0,
    rejected: 0,
    noted: 0,
    none: 0,
  };
  for (const p of points) {
    byPosition[p.position]++;
    byAssessment[p.assessment ?? 'none']++;
  }
  const released = addressees.filter((a) => a.status === 'released').length;
  const nilReturns = addressees.filter((a) => a.status === 'nil_return').length;
  return {
    addressees: addressees.length,
    released,
    nilReturns,
    notAnswered: addressees.length - released - nilReturns,
    points: points.length,
    byPosition,
    byAssessment,
  };
}
