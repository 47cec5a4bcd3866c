import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A point of a statement whose proposed wording was put into the consulted draft as a tracked change (deletion of
 * the old text, insertion of the proposal, by the person who applied it). Written in the transaction of that
 * edit, so a point is applied once however often (or concurrently) it is asked for.
 */
@Entity('consultation_applied_proposals')
@Index('ix_consultation_applied_proposals_round', ['consultationId'])
export class AppliedProposalEntity {
  @PrimaryColumn({ name: 'comment_id', type: 'uuid' })
  commentId: string;

  @Column({ name: 'consultation_id', type: 'uuid' })
  consultationId: string;

  @Column({ name: 'draft_id', type: 'uuid' })
  draftId: string;

  /** The tracked change's key in the draft (`<id>~<author>`), as GET /drafts/:id/changes lists it. */
  @Column({ name: 'change_key', type: 'varchar', length: 100 })
  changeKey: string;

  /** The draft's version the edit made. */
  @Column({ name: 'draft_version', type: 'int' })
  draftVersion: number;

  @Column({ name: 'applied_by', type: 'uuid' })
  appliedBy: string;

  @Column({ name: 'applied_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  appliedAt: Date;
}
