import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The whole document state (`Y.encodeStateAsUpdate`) after the updates up to `version`. */
@Entity('draft_snapshots')
export class DraftSnapshotEntity {
  @PrimaryColumn({ name: 'draft_id', type: 'uuid' })
  draftId: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'bytea' })
  state: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
