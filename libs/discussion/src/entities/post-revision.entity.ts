import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The text a post had before an edit. */
@Entity('post_revisions')
@Index('ix_post_revisions_post', ['postId', 'createdAt'])
export class PostRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'edited_by', type: 'uuid' })
  editedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
