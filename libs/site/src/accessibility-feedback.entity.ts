import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A report of a barrier sent through the accessibility statement's form (BITV 2.0 feedback channel). */
@Entity('accessibility_feedback')
@Index('ix_accessibility_feedback_created', ['createdAt'])
export class AccessibilityFeedbackEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  message: string;

  /** Where the barrier is (a page or screen), as the person said. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  page: string | null;

  /** How to answer (e-mail or phone), if given. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  contact: string | null;

  @Column({ type: 'varchar', length: 2 })
  lang: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
