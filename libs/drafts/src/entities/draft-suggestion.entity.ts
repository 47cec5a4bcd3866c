import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type SuggestionStatus = 'open' | 'accepted' | 'rejected';

/** A proposed replacement for an anchored range of the text, with a rationale. */
@Entity('draft_suggestions')
@Index('ix_draft_suggestions_draft', ['draftId', 'createdAt'])
@Index('ix_draft_suggestions_author', ['authorId'])
export class DraftSuggestionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'draft_id', type: 'uuid' })
  draftId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'anchor_start', type: 'bytea' })
  anchorStart: Buffer;

  @Column({ name: 'anchor_end', type: 'bytea' })
  anchorEnd: Buffer;

  @Column({ type: 'text' })
  quote: string;

  @Column({ type: 'text' })
  replacement: string;

  @Column({ type: 'text' })
  rationale: string;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: SuggestionStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
