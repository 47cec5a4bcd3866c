import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The append-only log: one accepted Yjs update per row, numbered 1, 2, 3, … per draft. */
@Entity('draft_updates')
export class DraftUpdateEntity {
  @PrimaryColumn({ name: 'draft_id', type: 'uuid' })
  draftId: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'bytea' })
  update: Buffer;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
