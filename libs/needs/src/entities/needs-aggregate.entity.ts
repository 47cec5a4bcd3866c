import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The roll-up, kept by the worker's consumer of released reports (materialised, never a scan per request):
 * per period, field, level (district, regierungsbezirk, land), key (Kreisschlüssel, Regierungsbezirk, "BW") and
 * audience (`all` for the ministry, `network` for entries others may see). Rebuildable from the event log.
 */
@Entity('needs_aggregates')
export class NeedsAggregateEntity {
  @PrimaryColumn({ name: 'period_id', type: 'uuid' })
  periodId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  field: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  level: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  key: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  audience: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'int', default: 0 })
  reports: number;

  @Column({ type: 'bigint', default: 0 })
  affected: string;

  @Column({ name: 't_new', type: 'int', default: 0 }) tNew: number;
  @Column({ name: 't_rising', type: 'int', default: 0 }) tRising: number;
  @Column({ name: 't_stable', type: 'int', default: 0 }) tStable: number;
  @Column({ name: 't_falling', type: 'int', default: 0 }) tFalling: number;
  @Column({ type: 'int', default: 0 }) s1: number;
  @Column({ type: 'int', default: 0 }) s2: number;
  @Column({ type: 'int', default: 0 }) s3: number;
  @Column({ type: 'int', default: 0 }) s4: number;
  @Column({ type: 'int', default: 0 }) s5: number;
}
