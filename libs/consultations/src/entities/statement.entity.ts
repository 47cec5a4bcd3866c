import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type StatementStatus = 'drafting' | 'released' | 'nil_return';

export interface Answer {
  questionId: string;
  value: string | number | boolean;
}

/**
 * An organisation's statement (Stellungnahme) in a round: drafted by its members together, released
 * (Mitzeichnung) by its admin or a deputy, final once released — a correction is a new statement that names the
 * one it corrects. A Fehlanzeige is a statement with status nil_return and no content.
 */
@Entity('consultation_statements')
@Index('ix_consultation_statements_round_org', ['consultationId', 'organisationId', 'createdAt'])
export class StatementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'consultation_id', type: 'uuid' })
  consultationId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 12, default: 'drafting' })
  status: StatementStatus;

  /** Increases with every saved change while drafting (optimistic: a stale save is 409). */
  @Column({ type: 'int', default: 0 })
  version: number;

  @Column({ type: 'text', default: '' })
  general: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  answers: Answer[];

  @Column({ name: 'corrects_id', type: 'uuid', nullable: true })
  correctsId: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ name: 'released_by', type: 'uuid', nullable: true })
  releasedBy: string | null;

  @Column({ name: 'released_at', type: 'timestamptz', precision: 3, nullable: true })
  releasedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  late: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;
}
