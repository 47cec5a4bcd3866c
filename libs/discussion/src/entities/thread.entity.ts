import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// A post updates its thread's counters and last_activity_at: no index on those, so the update can stay on its heap
// page (HOT, fillfactor 80) instead of adding entries to every index, the title's full-text index included. Thread
// lists of a topic sort its threads after the topic_id lookup.
@Entity('threads')
@Index('ix_threads_topic', ['topicId'])
@Index('ix_threads_group', ['groupId'])
@Index('ix_threads_search', { synchronize: false })
export class ThreadEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'topic_id', type: 'uuid' })
  topicId: string;

  /** Copied from the topic (kept in step on move): access checks and search need no join. */
  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'boolean', default: false })
  locked: boolean;

  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  @Column({ name: 'slow_mode_seconds', type: 'int', default: 0 })
  slowModeSeconds: number;

  @Column({ name: 'post_count', type: 'int', default: 0 })
  postCount: number;

  /** The last post sequence number given out; posts are numbered 1, 2, 3, … per thread. */
  @Column({ name: 'last_post_seq', type: 'int', default: 0 })
  lastPostSeq: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'last_activity_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  lastActivityAt: Date;
}
