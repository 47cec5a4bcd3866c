import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The decision on a suggestion: who, when, why, and (when accepted) the revision it produced. */
@Entity('draft_decisions')
@Index('ix_draft_decisions_draft', ['draftId', 'decidedAt'])
@Index('uq_draft_decisions_suggestion', ['suggestionId'], { unique: true })
export class DraftDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'draft_id', type: 'uuid' })
  draftId: string;

  @Column({ name: 'suggestion_id', type: 'uuid' })
  suggestionId: string;

  @Column({ type: 'varchar', length: 10 })
  outcome: 'accepted' | 'rejected';

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'decided_by', type: 'uuid' })
  decidedBy: string;

  @Column({ name: 'decided_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  decidedAt: Date;

  @Column({ name: 'revision_id', type: 'uuid', nullable: true })
  revisionId: string | null;
}
