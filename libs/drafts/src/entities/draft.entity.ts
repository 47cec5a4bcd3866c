import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DraftStatus } from '@runde/events';
import type { EditPolicy } from '../drafts/edit-policy';

/**
 * A strategy draft of a topic. The document itself is a Yjs document whose truth is the update log
 * (`draft_updates`, folded into `draft_snapshots`); `content_text` is its Markdown text at `content_version`
 * (for German full-text search and REST reads): edits write it with the update, live edits at most once a second
 * per draft, so it may lag `version` by up to a second (readers that need the exact text use the document).
 */
@Entity('drafts')
@Index('ix_drafts_topic', ['topicId', 'createdAt'])
@Index('ix_drafts_search', { synchronize: false })
export class DraftEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'topic_id', type: 'uuid' })
  topicId: string;

  /** Copied from the topic: access checks need no join. */
  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: DraftStatus;

  @Column({ name: 'consultation_deadline', type: 'timestamptz', precision: 3, nullable: true })
  consultationDeadline: Date | null;

  /** Who may edit, suggest, comment or read in which status, where it differs from the defaults (edit-policy.ts). */
  @Column({ name: 'edit_policy', type: 'jsonb', nullable: true })
  editPolicy: EditPolicy | null;

  /** Number of accepted updates; each change adds one. */
  @Column({ type: 'int', default: 0 })
  version: number;

  @Column({ name: 'content_text', type: 'text', default: '' })
  contentText: string;

  /** The version `content_text` shows (≤ `version`). */
  @Column({ name: 'content_version', type: 'int', default: 0 })
  contentVersion: number;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
