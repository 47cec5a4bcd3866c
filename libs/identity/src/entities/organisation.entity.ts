import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

export const ORGANISATION_KINDS = [
  'ministry',
  'association',
  'Stadtkreis',
  'Landkreis',
  'town',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The kinds that are districts (Kreise): they have a Kreisschlüssel, and towns belong to them. */
export const DISTRICT_KINDS: readonly OrganisationKind[] = ['Stadtkreis', 'Landkreis'];

export const REGIERUNGSBEZIRKE = ['Stuttgart', 'Karlsruhe', 'Freiburg', 'Tübingen'] as const;

/**
 * A public body of the network: the ministry, a municipal association, a district (Stadtkreis, Landkreis), a town.
 * The register of the ministry, the associations and the 44 districts is written by a migration
 * (OrganisationRegister), so every installation has it; platform admins add towns and others.
 */
@Entity('organisations')
@Check(
  'ck_organisations_kind',
  `kind IN ('ministry', 'association', 'Stadtkreis', 'Landkreis', 'town', 'other')`,
)
@Check('ck_organisations_kreisschluessel', `kreisschluessel ~ '^[0-9]{5}$'`)
@Check('ck_organisations_ags', `ags ~ '^[0-9]{8}$'`)
// Top-level names are unique ("Stadtkreis Heilbronn" and "Landkreis Heilbronn" carry their kind); towns are
// unique by name within their district (Altdorf is a town in Böblingen and in Esslingen).
@Index('uq_organisations_name', ['name'], { unique: true, where: 'parent_id IS NULL' })
@Index('uq_organisations_parent_name', ['parentId', 'name'], { unique: true, where: 'parent_id IS NOT NULL' })
@Index('uq_organisations_kreisschluessel', ['kreisschluessel'], {
  unique: true,
  where: 'kreisschluessel IS NOT NULL',
})
@Index('uq_organisations_ags', ['ags'], { unique: true, where: 'ags IS NOT NULL' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: OrganisationKind;

  /** A town's district. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrganisationEntity | null;

  /** Stuttgart, Karlsruhe, Freiburg or Tübingen: districts and towns. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  regierungsbezirk: string | null;

  /** The official five-digit key of a district (08 = Baden-Württemberg, third digit = Regierungsbezirk). */
  @Column({ type: 'varchar', length: 5, nullable: true })
  kreisschluessel: string | null;

  /** Amtlicher Gemeindeschlüssel of a town: eight digits, starting with its district's Kreisschlüssel. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  ags: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
