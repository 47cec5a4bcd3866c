import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DraftPayload, streamName, UnitOfWork } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { AppError, decodeCursor, Page, toPage } from '@runde/platform';
import type { LiveDoc } from '../doc/draft-doc-store';
import { DraftLog, DraftLogError } from '../doc/draft-log';
import { DraftWriter } from '../doc/draft-writer';
import { buildDoc, initialUpdate, textOf, updateFromChanges } from '../doc/yjs-codec';
import { DraftAnnouncementEntity } from '../entities/draft-announcement.entity';
import { DraftEntity } from '../entities/draft.entity';
import { planRebase } from '../text/rebase';
import { Section, sectionsOf } from '../text/sections';
import { draftPayload, DraftView, draftView, draftViewFor } from '../views';
import { DraftReader } from './draft-reader';
import { assertMayEditText, editModeFor, editorRoleOf } from './edit-policy';

type DraftCursor = { t: string; id: string };
const isDraftCursor = (v: unknown): v is DraftCursor =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as DraftCursor).t === 'string' &&
  !Number.isNaN(Date.parse((v as DraftCursor).t)) &&
  typeof (v as DraftCursor).id === 'string' &&
  /^[0-9a-f-]{36}$/i.test((v as DraftCursor).id);

@Injectable()
export class DraftsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly reader: DraftReader,
    private readonly writer: DraftWriter,
    private readonly log: DraftLog,
  ) {}

  async create(caller: Caller, topicId: string, title: string, content = ''): Promise<DraftView> {
    const access = await this.policy.assert(caller, 'write', 'topic', topicId, 'Topic');
    const update = initialUpdate(content, caller.id);
    // The Markdown as the document gives it back (normalised: `*` lists read as `-`, and so on).
    const text = update ? textOf(buildDoc(null, [update])) : '';
    return this.uow.run(async (tx) => {
      const draft = await tx.manager.save(
        tx.manager.create(DraftEntity, {
          topicId,
          groupId: access.scope.groupId,
          title,
          status: 'draft',
          consultationDeadline: null,
          version: update ? 1 : 0,
          contentText: text,
          contentVersion: update ? 1 : 0,
          createdBy: caller.id,
          editPolicy: null,
        }),
      );
      if (update) {
        await this.log.append(tx.manager, draft.id, 1, update, caller.id);
        // Version 1 is the creation (`draft.created`), not announced again with `draft.updated`.
        await tx.manager.insert(DraftAnnouncementEntity, { draftId: draft.id, version: 1 });
      }
      tx.append(streamName('topic', topicId), 'draft.created', { draft: draftPayload(draft) }, caller.id);
      return draftViewFor(draft, access);
    });
  }

  async list(caller: Caller, topicId: string, limit = 20, cursor?: string): Promise<Page<DraftPayload>> {
    await this.policy.assert(caller, 'read', 'topic', topicId, 'Topic');
    const after = decodeCursor(cursor, isDraftCursor);
    const qb = this.dataSource
      .getRepository(DraftEntity)
      .createQueryBuilder('d')
      .select([
        'd.id',
        'd.topicId',
        'd.groupId',
        'd.title',
        'd.status',
        'd.version',
        'd.consultationDeadline',
        'd.createdBy',
        'd.createdAt',
        'd.updatedAt',
      ])
      .where('d.topic_id = :topicId', { topicId })
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(limit + 1);
    if (after) qb.andWhere('(d.created_at, d.id) < (:t, :id)', { t: after.t, id: after.id });
    return toPage(await qb.getMany(), limit, draftPayload, (d) => ({
      t: d.createdAt.toISOString(),
      id: d.id,
    }));
  }

  async get(caller: Caller, draftId: string): Promise<DraftView> {
    const access = await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    return draftViewFor(await this.reader.current(draftId), access);
  }

  async sections(caller: Caller, draftId: string): Promise<{ version: number; items: Section[] }> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    const draft = await this.reader.current(draftId);
    return { version: draft.version, items: sectionsOf(draft.contentText) };
  }

  /**
   * REST edit: the change from the text at `baseVersion` to `content` becomes a Yjs update made against the
   * document as it was at `baseVersion`, so it merges with whatever happened since. Only where the caller changed
   * text that others changed since is it a 409 CONFLICT (with the current draft in `details`). Only for callers
   * whose edit mode is `edit`: suggest-only callers suggest through the suggestions API (SUGGESTIONS_ONLY).
   */
  async putContent(
    caller: Caller,
    draftId: string,
    content: string,
    baseVersion: number,
  ): Promise<DraftView> {
    const access = await this.policy.assert(caller, 'write', 'draft', draftId, 'Draft');
    const role = editorRoleOf(access);
    const mayEdit = (d: Pick<DraftEntity, 'status' | 'editPolicy' | 'consultationDeadline'>) =>
      assertMayEditText(d.status, editModeFor(d.status, role, d.editPolicy, d.consultationDeadline));
    mayEdit(await this.reader.draft(draftId));
    await this.writer.edit(
      draftId,
      caller.id,
      async (live) => {
        if (baseVersion > live.version) {
          throw AppError.validation(
            `baseVersion ${baseVersion} is ahead of the draft (version ${live.version})`,
            [{ field: 'baseVersion', messages: ['is ahead of the draft'] }],
          );
        }
        let base = live.doc;
        if (baseVersion < live.version) {
          try {
            base = await this.log.docAt(draftId, baseVersion);
          } catch (error) {
            if (!(error instanceof DraftLogError)) throw error;
            throw await this.conflict(
              draftId,
              live,
              `baseVersion ${baseVersion} is too old to merge; reload the draft`,
            );
          }
        }
        const plan = planRebase(textOf(base), textOf(live.doc), content);
        if (!plan.ok) {
          throw await this.conflict(
            draftId,
            live,
            'Your change overlaps text others changed since your base version; reload and reapply it',
          );
        }
        return updateFromChanges(base, plan.changes, caller.id);
      },
      undefined,
      { admit: (rules) => mayEdit(rules) },
    );
    return draftViewFor(await this.reader.current(draftId), access);
  }

  /** Called under the draft's mutex (in `edit`'s plan): the current text is the live document's. */
  private async conflict(draftId: string, live: LiveDoc, message: string): Promise<AppError> {
    const draft = await this.reader.draft(draftId);
    return AppError.conflict(message, [
      draftView(Object.assign(draft, { version: live.version, contentText: textOf(live.doc) })),
    ]).because('EDIT_OVERLAP');
  }
}
