import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signal rule's settings as admins configured them (thresholds, scope); rules without a row use defaults. */
@Entity('needs_signal_rules')
export class NeedsRuleEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  rule: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  params: Record<string, number>;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;
}
