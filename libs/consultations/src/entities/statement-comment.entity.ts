import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type Position = 'agree' | 'change' | 'reject' | 'note';
export type Assessment = 'adopted' | 'partly' | 'rejected' | 'noted';

/** One point of a statement: anchored to a Randnummer (or a range of the draft's text), with a position. */
@Entity('consultation_comments')
@Index('ix_consultation_comments_statement', ['statementId', 'ord'])
@Index('ix_consultation_comments_round', ['consultationId', 'randnummer'])
export class StatementCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'statement_id', type: 'uuid' })
  statementId: string;

  @Column({ name: 'consultation_id', type: 'uuid' })
  consultationId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'int' })
  ord: number;

  /** The Randnummer it is about ("14", "3a"), or null for a range or a general point. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  randnummer: string | null;

  /** Or a range of the draft's Markdown (`content` offsets when the statement was saved). */
  @Column({ name: 'anchor_from', type: 'int', nullable: true })
  anchorFrom: number | null;

  @Column({ name: 'anchor_to', type: 'int', nullable: true })
  anchorTo: number | null;

  @Column({ type: 'varchar', length: 8 })
  position: Position;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'proposed_wording', type: 'text', nullable: true })
  proposedWording: string | null;

  /** The owners' assessment (after close). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  assessment: Assessment | null;

  @Column({ name: 'assessment_reason', type: 'text', nullable: true })
  assessmentReason: string | null;

  @Column({ name: 'assessed_by', type: 'uuid', nullable: true })
  assessedBy: string | null;

  @Column({ name: 'assessed_at', type: 'timestamptz', precision: 3, nullable: true })
  assessedAt: Date | null;
}
