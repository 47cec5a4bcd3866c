import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type AddresseeStatus = 'not_started' | 'drafting' | 'released' | 'nil_return';

/** An organisation a round is addressed to, with its own deadline (extensions) and where its answer stands. */
@Entity('consultation_addressees')
@Index('ix_consultation_addressees_org', ['organisationId'])
export class AddresseeEntity {
  @PrimaryColumn({ name: 'consultation_id', type: 'uuid' })
  consultationId: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'timestamptz', precision: 3 })
  deadline: Date;

  @Column({ type: 'varchar', length: 12, default: 'not_started' })
  status: AddresseeStatus;

  @Column({ name: 'answered_at', type: 'timestamptz', precision: 3, nullable: true })
  answeredAt: Date | null;

  /** Released (or Fehlanzeige) after its deadline. */
  @Column({ type: 'boolean', default: false })
  late: boolean;
}
