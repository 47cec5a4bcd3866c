import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** How far someone has read a thread (the highest post seq they have seen). */
@Entity('thread_reads')
export class ThreadReadEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @Column({ name: 'last_read_seq', type: 'int', default: 0 })
  lastReadSeq: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
