import { Entity, Index, PrimaryColumn } from 'typeorm';

/** An organisation expected to report in a round. */
@Entity('needs_reporters')
@Index('ix_needs_reporters_org', ['organisationId'])
export class NeedsReporterEntity {
  @PrimaryColumn({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;
}
