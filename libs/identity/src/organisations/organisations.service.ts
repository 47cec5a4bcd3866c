import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { streamName, UnitOfWork, type OrganisationEntryPayload } from '@runde/events';
import { AppError } from '@runde/platform';
import type { Caller } from '../auth/caller';
import { DISTRICT_KINDS, OrganisationEntity } from '../entities/organisation.entity';
import { CreateOrganisationDto } from './dto/create-organisation.dto';
import { organisationEntryView } from './organisation-views';

/** The ministry first, then the associations, the districts, towns and the others; by name within a kind. */
const KIND_ORDER = `CASE o.kind WHEN 'ministry' THEN 1 WHEN 'association' THEN 2 WHEN 'Stadtkreis' THEN 3
  WHEN 'Landkreis' THEN 4 WHEN 'town' THEN 5 ELSE 6 END`;

/** The register of the network's public bodies; platform admins add towns and other bodies. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async list(): Promise<{ items: OrganisationEntryPayload[]; nextCursor: null }> {
    const rows = await this.dataSource
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .orderBy(KIND_ORDER)
      .addOrderBy('o.name', 'ASC')
      .getMany();
    return { items: rows.map(organisationEntryView), nextCursor: null };
  }

  async create(caller: Caller, dto: CreateOrganisationDto): Promise<OrganisationEntryPayload> {
    if (!caller.isAdmin) throw AppError.forbidden('Only platform admins add organisations');
    if (dto.kind === 'town' && !dto.parentId)
      throw invalid('parentId', 'a town belongs to a district: parentId is required');
    if (dto.ags && dto.kind !== 'town') throw invalid('ags', 'only towns have an AGS');
    return this.uow.run(async (tx) => {
      const parent = dto.parentId
        ? await tx.manager.findOneBy(OrganisationEntity, { id: dto.parentId })
        : null;
      if (dto.parentId && !parent) throw invalid('parentId', 'unknown organisation');
      if (parent && !DISTRICT_KINDS.includes(parent.kind))
        throw invalid('parentId', 'the parent must be a district (Stadtkreis or Landkreis)');
      if (dto.ags && parent && !dto.ags.startsWith(parent.kreisschluessel ?? '-'))
        throw invalid('ags', `a town of ${parent.name} has an AGS starting with ${parent.kreisschluessel}`);
      // Serialises additions, so that two requests for the same town cannot both pass the duplicate check.
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('runde:organisations'))`);
      const duplicate = await tx.manager
        .getRepository(OrganisationEntity)
        .createQueryBuilder('o')
        .where(parent ? 'o.parent_id = :parentId' : 'o.parent_id IS NULL', { parentId: parent?.id })
        .andWhere('lower(o.name) = lower(:name)', { name: dto.name })
        .orWhere(dto.ags ? 'o.ags = :ags' : 'false', { ags: dto.ags })
        .getExists();
      if (duplicate)
        throw AppError.conflict('This organisation is in the register already').because(
          'ORGANISATION_EXISTS',
        );
      const org = await tx.manager.save(
        tx.manager.create(OrganisationEntity, {
          name: dto.name,
          kind: dto.kind,
          parentId: parent?.id ?? null,
          regierungsbezirk: parent?.regierungsbezirk ?? null,
          kreisschluessel: null,
          ags: dto.ags ?? null,
        }),
      );
      const organisation = organisationEntryView(org);
      tx.append(streamName('organisation', org.id), 'organisation.created', { organisation }, caller.id);
      return organisation;
    });
  }
}

function invalid(field: string, message: string): AppError {
  return AppError.validation(message, [{ field, messages: [message] }]);
}
