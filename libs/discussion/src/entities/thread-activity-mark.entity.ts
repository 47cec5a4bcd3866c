import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far a thread's stream (`thread:<id>`) was when its topic last announced it with `topic.activity`.
 * Its own row, so announcing never holds the thread's row lock, which every post into the thread needs.
 */
@Entity('thread_activity_marks')
export class ThreadActivityMarkEntity {
  @PrimaryColumn({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  /** bigint, as `event_streams.head`; read only in SQL */
  @Column({ type: 'bigint' })
  head: string;
}
