import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSESSMENTS, POSITIONS } from '../dto/consultations.dto';
import type { Assessment, Position } from '../entities/statement-comment.entity';

/**
 * The Synopse as JSON (GET /consultations/:id/synopsis?format=json): the shapes are classes so the OpenAPI document
 * shows them; the CSV and the documents are made from the same object.
 */

export class SynopsisOrganisation {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Landkreis' }) kind: string;
  @ApiProperty({ nullable: true, type: String, example: '08115' }) kreisschluessel: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Stuttgart' }) regierungsbezirk: string | null;
}

export class SynopsisAnchor {
  @ApiPropertyOptional({ example: '14' }) randnummer?: string;
  @ApiPropertyOptional({ description: 'Markdown offset (`content`) where the range starts' }) from?: number;
  @ApiPropertyOptional() to?: number;
}

export class SynopsisApplied {
  @ApiProperty({
    description: 'the tracked change in the draft (`<id>~<author>`, as GET /drafts/:id/changes)',
  })
  changeKey: string;
  @ApiProperty() draftVersion: number;
  @ApiProperty() appliedBy: string;
  @ApiProperty() appliedAt: string;
}

export class SynopsisPoint {
  @ApiProperty({ description: 'the point (comment) id, for PUT …/assessments/:commentId' }) id: string;
  @ApiProperty() statementId: string;
  @ApiProperty({ type: SynopsisOrganisation }) organisation: SynopsisOrganisation;
  @ApiProperty({ type: SynopsisAnchor, nullable: true, description: 'null for a general point' })
  anchor: SynopsisAnchor | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'the Randnummer of the block the point is listed under (a range: the block it falls in)',
  })
  randnummer: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'a range point: the text of the range' })
  quote: string | null;
  @ApiProperty({ enum: POSITIONS }) position: Position;
  @ApiProperty({ example: 'Änderungswunsch' }) positionLabel: string;
  @ApiProperty() text: string;
  @ApiProperty({ nullable: true, type: String }) proposedWording: string | null;
  @ApiProperty({ enum: ASSESSMENTS, nullable: true }) assessment: Assessment | null;
  @ApiProperty({ nullable: true, type: String, example: 'teilweise übernommen' })
  assessmentLabel: string | null;
  @ApiProperty({ nullable: true, type: String }) assessmentReason: string | null;
  @ApiProperty({
    type: SynopsisApplied,
    nullable: true,
    description: 'applied to the draft as a tracked change',
  })
  applied: SynopsisApplied | null;
}

export class SynopsisBlock {
  @ApiProperty({ nullable: true, type: String, description: 'null for headings' }) randnummer: string | null;
  @ApiProperty({ nullable: true, type: String }) blockId: string | null;
  @ApiProperty({ example: 'paragraph' }) type: string;
  @ApiProperty({ description: 'the block’s text as consulted (pending tracked insertions left out)' })
  text: string;
  @ApiProperty({
    type: [SynopsisPoint],
    description: 'points on its Randnummer (by organisation), then points on text ranges inside it',
  })
  points: SynopsisPoint[];
}

export class SynopsisStatement {
  @ApiProperty() statementId: string;
  @ApiProperty({ type: SynopsisOrganisation }) organisation: SynopsisOrganisation;
  @ApiProperty({ enum: ['released', 'nil_return'] }) status: 'released' | 'nil_return';
  @ApiProperty({ nullable: true, type: String, example: 'Fehlanzeige' }) label: string | null;
  @ApiProperty({ description: 'the statement’s general part (empty for a Fehlanzeige)' }) general: string;
  @ApiProperty({ nullable: true, type: String }) releasedAt: string | null;
  @ApiProperty() late: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'the statement it corrects' })
  correctsId: string | null;
}

export class SynopsisAnswer {
  @ApiProperty({ type: SynopsisOrganisation }) organisation: SynopsisOrganisation;
  @ApiProperty({ description: 'as given: text, number, boolean or an option' }) value:
    string | number | boolean;
  @ApiProperty({ example: 'Ja' }) text: string;
}

export class SynopsisQuestion {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['text', 'yesno', 'number', 'choice'] }) type: string;
  @ApiProperty({ type: [String], nullable: true }) options: string[] | null;
  @ApiProperty({ type: [SynopsisAnswer] }) answers: SynopsisAnswer[];
}

export class SynopsisAddressee {
  @ApiProperty({ type: SynopsisOrganisation }) organisation: SynopsisOrganisation;
  @ApiProperty({ enum: ['not_started', 'drafting', 'released', 'nil_return'] }) status: string;
  @ApiProperty({ example: 'Fehlanzeige' }) label: string;
  @ApiProperty() late: boolean;
  @ApiProperty({ nullable: true, type: String }) answeredAt: string | null;
}

export class SynopsisCounts {
  @ApiProperty() addressees: number;
  @ApiProperty() released: number;
  @ApiProperty() nilReturns: number;
  @ApiProperty() notAnswered: number;
  @ApiProperty({ description: 'points listed (after the filters)' }) points: number;
  @ApiProperty({ example: { agree: 1, change: 2, reject: 0, note: 1 } })
  byPosition: Record<Position, number>;
  @ApiProperty({ example: { adopted: 1, partly: 1, rejected: 0, noted: 1, none: 1 } })
  byAssessment: Record<Assessment | 'none', number>;
}

export class SynopsisDraft {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'the draft version the text is from' }) version: number;
  @ApiProperty({
    enum: ['opening', 'current'],
    description:
      '`opening`: the text as it went into consultation (the status revision before the round opened); ' +
      '`current`: the draft as it is now (no such revision)',
  })
  source: 'opening' | 'current';
  @ApiProperty({ nullable: true, type: String }) revisionId: string | null;
}

export class SynopsisFilters {
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ nullable: true, enum: POSITIONS }) position: Position | null;
  @ApiProperty({ nullable: true, enum: [...ASSESSMENTS, 'none'] }) assessment: Assessment | 'none' | null;
}

export class SynopsisRound {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['hearing', 'survey'] }) kind: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty() deadline: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
}

export class Synopsis {
  @ApiProperty({ type: SynopsisRound }) consultation: SynopsisRound;
  @ApiProperty({ type: SynopsisDraft, nullable: true, description: 'null for a round without a draft' })
  draft: SynopsisDraft | null;
  @ApiProperty({ type: SynopsisFilters }) filters: SynopsisFilters;
  @ApiProperty({ type: SynopsisCounts }) counts: SynopsisCounts;
  @ApiProperty({
    type: [SynopsisBlock],
    description:
      'the draft’s blocks in document order, each with its points; with a filter only the blocks that have ' +
      'matching points',
  })
  blocks: SynopsisBlock[];
  @ApiProperty({
    type: [SynopsisPoint],
    description: 'points on a Randnummer the text does not have, or on a range outside every block',
  })
  unplaced: SynopsisPoint[];
  @ApiProperty({ type: [SynopsisPoint], description: 'points without an anchor' }) general: SynopsisPoint[];
  @ApiProperty({
    type: [SynopsisStatement],
    description: 'released statements and Fehlanzeigen (never drafts), each with its general part',
  })
  statements: SynopsisStatement[];
  @ApiProperty({
    type: [SynopsisQuestion],
    description: 'the round’s questions with each organisation’s answer',
  })
  questions: SynopsisQuestion[];
  @ApiProperty({ type: [SynopsisAddressee] }) addressees: SynopsisAddressee[];
  @ApiProperty() generatedAt: string;
}
