import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DraftRevisionKind, DraftStatus } from '@runde/events';

export interface RevisionBlock {
  id: string | null;
  /** Its Randnummer ("14", "3a"); null for headings. */
  rn: string | null;
  type: string;
}

/** A named snapshot of the text: made by hand, on each status change, on restore and on accepted suggestions. */
@Entity('draft_revisions')
@Index('uq_draft_revisions_number', ['draftId', 'number'], { unique: true })
export class DraftRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'draft_id', type: 'uuid' })
  draftId: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'varchar', length: 200 })
  label: string;

  @Column({ type: 'varchar', length: 20 })
  kind: DraftRevisionKind;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 20 })
  status: DraftStatus;

  @Column({ type: 'text' })
  content: string;

  /**
   * The top-level blocks of the text, in order, with their stable ids and Randnummern (numbering.ts), so diffs and
   * exports of the revision name its paragraphs as the draft did then. Null for revisions made before blocks had
   * Randnummern (and when the log could not give the document).
   */
  @Column({ type: 'jsonb', nullable: true })
  blocks: RevisionBlock[] | null;

  /** Who changed the text since the previous revision. */
  @Column({ name: 'author_ids', type: 'uuid', array: true, default: () => "'{}'" })
  authorIds: string[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
