import { Injectable } from '@nestjs/common';
import type { DraftStatus } from '@runde/events';
import { Transaction, UnitOfWork } from '@runde/events';
import { AppError, ErrorCode } from '@runde/platform';
import { assertEditable } from '../drafts/draft-rules';
import { DraftJobs } from '../jobs/draft-jobs';
import { DraftUpdateBus } from '../live/draft-update-bus';
import { DraftDocStore, LiveDoc } from './draft-doc-store';
import { DraftLog } from './draft-log';
import { KeyedMutex } from './keyed-mutex';
import { applyDetectingChange, textOf } from './yjs-codec';

export interface Committed {
  version: number;
  text: string;
}

export interface EditResult<T> extends Committed {
  changed: boolean;
  result: T | undefined;
}

/**
 * The one way a draft's text changes. Per draft, one change at a time in this process (a mutex) and across
 * processes (the draft row's lock): the update is applied to the live document, appended to the log with the
 * next version and the new text written to `drafts.content_text` — all in one transaction, committed before the
 * caller hears back. If anything fails, the live document is dropped and reloaded from the log on next use.
 */
@Injectable()
export class DraftWriter {
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: DraftDocStore,
    private readonly log: DraftLog,
    private readonly bus: DraftUpdateBus,
    private readonly jobs: DraftJobs,
  ) {}

  /** Reads the live, caught-up document under the draft's lock. */
  async read<T>(draftId: string, read: (live: LiveDoc) => T | Promise<T>): Promise<T> {
    return this.mutex.run(draftId, async () => read(await this.store.acquire(draftId)));
  }

  /**
   * `plan` sees the caught-up document and returns the update to make (or null for none); `within` runs in the
   * committing transaction once the update is in the log (revisions, decisions, events).
   */
  async edit<T = undefined>(
    draftId: string,
    actorId: string | null,
    plan: (live: LiveDoc) => Uint8Array | null | Promise<Uint8Array | null>,
    within?: (tx: Transaction, committed: Committed) => Promise<T>,
  ): Promise<EditResult<T>> {
    return this.commit(draftId, actorId, true, plan, within);
  }

  /** A ready-made update (live editors): no need to bring the document up to date before the transaction. */
  async append(draftId: string, actorId: string | null, update: Uint8Array): Promise<EditResult<undefined>> {
    return this.commit(draftId, actorId, false, () => update);
  }

  private async commit<T>(
    draftId: string,
    actorId: string | null,
    catchUpFirst: boolean,
    plan: (live: LiveDoc) => Uint8Array | null | Promise<Uint8Array | null>,
    within?: (tx: Transaction, committed: Committed) => Promise<T>,
  ): Promise<EditResult<T>> {
    const out = await this.mutex.run(draftId, async (): Promise<EditResult<T>> => {
      const live = await this.store.acquire(draftId, { catchUp: catchUpFirst });
      const update = await plan(live);
      if (!update)
        return { version: live.version, text: textOf(live.doc), changed: false, result: undefined };
      let touched = false;
      try {
        const out = await this.uow.run(async (tx) => {
          const rows: Array<{ version: number; status: DraftStatus }> = await tx.manager.query(
            `SELECT version, status FROM drafts WHERE id = $1 FOR UPDATE`,
            [draftId],
          );
          if (!rows.length) throw AppError.notFound('Draft');
          assertEditable(rows[0].status);
          touched = true;
          await this.store.catchUp(live, tx.manager);
          if (live.version !== rows[0].version) {
            throw new AppError(
              ErrorCode.Internal,
              'The draft’s update log is out of step; nothing was changed',
            );
          }
          if (!applyDetectingChange(live.doc, update)) {
            return { version: live.version, text: textOf(live.doc), changed: false, result: undefined };
          }
          const version = rows[0].version + 1;
          const text = textOf(live.doc);
          await this.log.append(tx.manager, draftId, version, update, actorId);
          await tx.manager.query(
            `UPDATE drafts SET version = $2, content_text = $3, updated_at = now() WHERE id = $1`,
            [draftId, version, text],
          );
          live.version = version;
          const result = within ? await within(tx, { version, text }) : undefined;
          return { version, text, changed: true, result };
        });
        // Still under the lock, so listeners see a draft's updates in version order.
        if (out.changed) this.bus.emit(draftId, update, actorId, out.version);
        return out;
      } catch (error) {
        if (touched) this.store.evict(draftId);
        throw error;
      }
    });
    if (out.changed) await this.jobs.afterUpdate(draftId, out.version);
    return out;
  }
}
