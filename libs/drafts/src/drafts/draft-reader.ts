import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PersonPayload } from '@runde/events';
import { UsersService } from '@runde/identity';
import { AppError } from '@runde/platform';
import { DraftLog } from '../doc/draft-log';
import { DraftWriter } from '../doc/draft-writer';
import { textOf } from '../doc/yjs-codec';
import { DraftEntity } from '../entities/draft.entity';

/** Loads drafts and the people next to their content. */
@Injectable()
export class DraftReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly writer: DraftWriter,
    private readonly log: DraftLog,
  ) {}

  async draft(id: string, manager: EntityManager = this.dataSource.manager): Promise<DraftEntity> {
    const draft = await manager.findOneBy(DraftEntity, { id });
    if (!draft) throw AppError.notFound('Draft');
    return draft;
  }

  /**
   * The draft with its current text (`contentText` at `version`): the row when its text is up to date, else the
   * document (held in memory, or loaded), whose version may be newer than the row read a moment before. Not for
   * use under the draft's mutex (inside `DraftWriter.edit`'s plan).
   */
  async current(id: string): Promise<DraftEntity> {
    const draft = await this.draft(id);
    if (draft.contentVersion === draft.version) return draft;
    const { version, text } = await this.writer.read(id, (live) => ({
      version: live.version,
      text: textOf(live.doc),
    }));
    return Object.assign(draft, { version, contentText: text, contentVersion: version });
  }

  /**
   * `lock`, with `contentText` at `version` for sure: when live edits left it behind, it is rebuilt from the log
   * (the row lock keeps the version still) and written back in the same transaction.
   */
  async lockWithText(id: string, manager: EntityManager): Promise<DraftEntity> {
    const draft = await this.lock(id, manager);
    if (draft.contentVersion === draft.version) return draft;
    const text = textOf(await this.log.docAt(id, draft.version, manager));
    await manager.query(`UPDATE drafts SET content_text = $2, content_version = $3 WHERE id = $1`, [
      id,
      text,
      draft.version,
    ]);
    return Object.assign(draft, { contentText: text, contentVersion: draft.version });
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
