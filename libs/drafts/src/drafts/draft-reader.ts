import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PersonPayload } from '@runde/events';
import { UsersService } from '@runde/identity';
import { AppError } from '@runde/platform';
import { DraftEntity } from '../entities/draft.entity';

/** Loads drafts and the people next to their content. */
@Injectable()
export class DraftReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  async draft(id: string, manager: EntityManager = this.dataSource.manager): Promise<DraftEntity> {
    const draft = await manager.findOneBy(DraftEntity, { id });
    if (!draft) throw AppError.notFound('Draft');
    return draft;
  }

  /** The draft, its row locked until the transaction ends (serialises with edits and status changes). */
  async lock(id: string, manager: EntityManager): Promise<DraftEntity> {
    const draft = await manager
      .getRepository(DraftEntity)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.id = :id', { id })
      .getOne();
    if (!draft) throw AppError.notFound('Draft');
    return draft;
  }

  async people(ids: Array<string | null>): Promise<Map<string, PersonPayload>> {
    return this.users.people(ids.filter((id): id is string => !!id));
  }
}
