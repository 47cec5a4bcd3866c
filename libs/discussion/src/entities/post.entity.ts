import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { HideReason } from '@runde/events';

@Entity('posts')
@Index('uq_posts_thread_seq', ['threadId', 'seq'], { unique: true })
@Index('ix_posts_author', ['authorId'])
@Index('ix_posts_search', { synchronize: false })
export class PostEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'reply_to_id', type: 'uuid', nullable: true })
  replyToId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', precision: 3, nullable: true })
  editedAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', precision: 3, nullable: true })
  deletedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  hidden: boolean;

  @Column({ name: 'hidden_reason', type: 'varchar', length: 20, nullable: true })
  hiddenReason: HideReason | null;

  @Column({ name: 'hidden_note', type: 'varchar', length: 1000, nullable: true })
  hiddenNote: string | null;

  @Column({ name: 'hidden_by', type: 'uuid', nullable: true })
  hiddenBy: string | null;

  @Column({ name: 'hidden_at', type: 'timestamptz', precision: 3, nullable: true })
  hiddenAt: Date | null;
}

/** A new, visible, unedited post (defaults in one place for every writer). */
export function newPost(
  fields: Pick<PostEntity, 'threadId' | 'seq' | 'authorId' | 'body' | 'replyToId'> &
    Partial<Pick<PostEntity, 'id' | 'createdAt'>>,
): PostEntity {
  return Object.assign(new PostEntity(), {
    editedAt: null,
    deletedAt: null,
    hidden: false,
    hiddenReason: null,
    hiddenNote: null,
    hiddenBy: null,
    hiddenAt: null,
    ...fields,
  });
}
