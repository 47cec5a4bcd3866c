import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A comment on a draft: a root comment anchored to a text range (Yjs relative positions, so the anchor moves with
 * the text), a reply (`parentId`), or part of the discussion of a suggestion (`suggestionId`).
 */
@Entity('draft_comments')
@Index('ix_draft_comments_draft', ['draftId', 'createdAt'])
@Index('ix_draft_comments_author', ['authorId'])
export class DraftCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'draft_id', type: 'uuid' })
  draftId: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ name: 'suggestion_id', type: 'uuid', nullable: true })
  suggestionId: string | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'anchor_start', type: 'bytea', nullable: true })
  anchorStart: Buffer | null;

  @Column({ name: 'anchor_end', type: 'bytea', nullable: true })
  anchorEnd: Buffer | null;

  /** The anchored text when the comment was made (shown when the text is gone). */
  @Column({ type: 'text', nullable: true })
  quote: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
