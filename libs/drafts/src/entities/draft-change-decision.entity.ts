import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A decision on one tracked change of a draft's document (Änderungsmodus): which change (its key and author, and
 * what it inserted and deleted), accepted or rejected by whom and when, and the version and revision it produced.
 * Decisions taken together share `version` and `revision_id`.
 */
@Entity('draft_change_decisions')
@Index('ix_draft_change_decisions_draft', ['draftId', 'decidedAt'])
export class DraftChangeDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'draft_id', type: 'uuid' })
  draftId: string;

  /** `<mark id>~<author id>` (libs/richtext tracked.ts). */
  @Column({ name: 'change_key', type: 'text' })
  changeKey: string;

  /** As the change's mark says (written by the browser: normally a user id). */
  @Column({ name: 'change_author_id', type: 'text', nullable: true })
  changeAuthorId: string | null;

  @Column({ name: 'change_at', type: 'text', nullable: true })
  changeAt: string | null;

  @Column({ type: 'varchar', length: 10 })
  decision: 'accept' | 'reject';

  @Column({ type: 'text', default: '' })
  inserted: string;

  @Column({ type: 'text', default: '' })
  deleted: string;

  @Column({ type: 'boolean', default: false })
  formatted: boolean;

  @Column({ name: 'decided_by', type: 'uuid' })
  decidedBy: string;

  @Column({ name: 'decided_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  decidedAt: Date;

  /** The change's place in the document among those decided together (0, 1, …): lists keep document order. */
  @Column({ type: 'int', default: 0 })
  ord: number;

  /** The draft's version after the decision. */
  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'revision_id', type: 'uuid', nullable: true })
  revisionId: string | null;
}
