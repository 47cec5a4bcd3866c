import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './bigint-number';

/** The head (last sequence number) of each stream. Its row lock serializes writers of one stream. */
@Entity('event_streams')
export class EventStreamEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  stream: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  head: number;
}
