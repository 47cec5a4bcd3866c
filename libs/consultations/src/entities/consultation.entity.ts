import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ConsultationKind = 'hearing' | 'survey';
export type ConsultationStatus = 'open' | 'closed';
export type QuestionType = 'text' | 'yesno' | 'number' | 'choice';

export interface Question {
  id: string;
  text: string;
  type: QuestionType;
  options: string[] | null;
}

/**
 * A consultation round (Anhörung, or Abfrage for plain question sets): opened by a group's owners or moderators on
 * a draft in consultation and/or with questions, addressed to organisations, with a deadline (Frist).
 */
@Entity('consultations')
@Index('ix_consultations_group', ['groupId', 'createdAt'])
@Index('ix_consultations_open_deadline', ['status', 'deadline'])
export class ConsultationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ name: 'draft_id', type: 'uuid', nullable: true })
  draftId: string | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 10 })
  kind: ConsultationKind;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  questions: Question[];

  @Column({ type: 'timestamptz', precision: 3 })
  deadline: Date;

  /** Reminders this many days before an addressee's deadline, to those that have not answered. */
  @Column({ name: 'remind_days_before', type: 'int', array: true, default: () => "'{7,1}'" })
  remindDaysBefore: number[];

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: ConsultationStatus;

  /** When the owners published the statements to all addressees (after close). */
  @Column({ name: 'published_at', type: 'timestamptz', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
