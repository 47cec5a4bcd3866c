import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANISATION_KINDS = ['ministry', 'association', 'district', 'town', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** A public body of the network: the ministry, a municipal association, a district, a town. */
@Entity('organisations')
@Index('uq_organisations_name_kind', ['name', 'kind'], { unique: true })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: OrganisationKind;

  /** e.g. "Landkreis", "Stadtkreis" or the Regierungsbezirk: shown as a hint. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  detail: string | null;
}
