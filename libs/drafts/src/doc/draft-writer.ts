import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import type { DraftStatus } from '@runde/events';
import { Transaction, UnitOfWork } from '@runde/events';
import { AppError, ErrorCode } from '@runde/platform';
import { assertEditable } from '../drafts/draft-rules';
import { DraftJobs } from '../jobs/draft-jobs';
import { DraftUpdateBus } from '../live/draft-update-bus';
import { DraftAppendBatch } from './draft-append-batch';
import { DraftDocStore, LiveDoc } from './draft-doc-store';
import { DraftLog } from './draft-log';
import { advanceText } from './draft-text';
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

export interface Appended {
  version: number;
  changed: boolean;
}

/** `drafts.content_text` is rewritten by live edits at most this often per draft (and this long after the last). */
export const TEXT_EVERY_MS = 1000;
/** A group commit takes at most this many queued live updates / bytes at once (the rest go in the next). */
const GROUP_MAX_UPDATES = 64;
const GROUP_MAX_BYTES = 4 * 1024 * 1024;

interface Queued {
  update: Uint8Array;
  actorId: string | null;
  originSocketId: string | undefined;
  resolve: (result: Appended) => void;
  reject: (error: unknown) => void;
}

/** Per draft: when and at which version this process last wrote `content_text`, and the pending trailing write. */
interface TextState {
  at: number;
  version: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * The one way a draft's text changes. Per draft, one change at a time in this process (a mutex) and across
 * processes (the `drafts.version` the change was made against: the row lock for edits, an optimistic check for
 * live updates). Every update is committed to the log before the caller hears back. If anything fails, the live
 * document is dropped and reloaded from the log on next use.
 *
 * Live updates (`append`) are group-committed: the updates of a draft that arrive while its previous commit runs
 * are applied together and written in one statement (N log rows and the new `drafts.version`, only if the version
 * is still the one this process holds and the status allows editing), together with the batches of other drafts
 * that are ready at the same time (DraftAppendBatch); then broadcast and acknowledged in version order. If the
 * version moved (another process wrote) or the status changed, the batch is committed under the row lock after
 * catching up with the log (or refused with DRAFT_LOCKED). `drafts.content_text` follows live edits at most once
 * per second (`content_version` says which version it shows); edits, accepts and restores write it at once.
 */
@Injectable()
export class DraftWriter implements OnModuleDestroy {
  private readonly logger = new Logger('DraftWriter');
  private readonly mutex = new KeyedMutex();
  private readonly queues = new Map<string, Queued[]>();
  private readonly texts = new Map<string, TextState>();
  /** The optimistic commits of all drafts' batches, several drafts in one statement. */
  private readonly appends: DraftAppendBatch;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly store: DraftDocStore,
    private readonly log: DraftLog,
    private readonly bus: DraftUpdateBus,
    private readonly jobs: DraftJobs,
  ) {
    this.appends = new DraftAppendBatch(dataSource);
  }

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
    const out = await this.mutex.run(draftId, () =>
      this.commitLocked(draftId, actorId, true, plan, within, undefined),
    );
    if (out.changed) this.scheduleJobs(draftId, out.version - 1, out.version);
    return out;
  }

  /**
   * A ready-made update (live editors), committed before the promise resolves, possibly together with other
   * updates of the same draft. `originSocketId` travels with the broadcast (so the sender is skipped).
   */
  append(
    draftId: string,
    actorId: string | null,
    update: Uint8Array,
    originSocketId?: string,
  ): Promise<Appended> {
    return new Promise<Appended>((resolve, reject) => {
      let queue = this.queues.get(draftId);
      if (!queue) {
        queue = [];
        this.queues.set(draftId, queue);
        this.scheduleDrain(draftId);
      }
      queue.push({ update, actorId, originSocketId, resolve, reject });
    });
  }

  /** Shutdown: write the text of what this process committed since its last text write. */
  async onModuleDestroy(): Promise<void> {
    const pending = [...this.texts.entries()].filter(([, state]) => state.timer);
    for (const [, state] of pending) clearTimeout(state.timer!);
    await Promise.all(pending.map(([draftId]) => this.flushText(draftId).catch(() => undefined)));
  }

  /** One group commit (under the draft's mutex): takes what is queued now; what arrives meanwhile waits. */
  private async drain(draftId: string): Promise<void> {
    const queue = this.queues.get(draftId) ?? [];
    let bytes = 0;
    let take = 0;
    while (take < queue.length && take < GROUP_MAX_UPDATES) {
      bytes += queue[take].update.byteLength;
      take++;
      if (bytes >= GROUP_MAX_BYTES) break;
    }
    const batch = queue.splice(0, take);
    if (queue.length) this.scheduleDrain(draftId);
    else this.queues.delete(draftId);
    if (!batch.length) return;
    let applied: boolean;
    try {
      applied = await this.groupCommit(draftId, batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    if (applied) return;
    // An update did not apply to the document: the locked path, one by one, each with its own answer.
    for (const item of batch) {
      try {
        const out = await this.commitLocked(
          draftId,
          item.actorId,
          false,
          () => item.update,
          undefined,
          item.originSocketId,
        );
        if (out.changed) this.scheduleJobs(draftId, out.version - 1, out.version);
        item.resolve({ version: out.version, changed: out.changed });
      } catch (error) {
        item.reject(error);
      }
    }
  }

  private scheduleDrain(draftId: string): void {
    this.mutex
      .run(draftId, () => this.drain(draftId))
      .catch((error: unknown) => this.logger.error({ err: error, draftId }, 'draft group commit failed'));
  }

  /**
   * Applies the batch to the live document and commits it: in one statement, optimistically against the version
   * this process holds; if that finds the version moved (another process wrote) or the status changed, in a
   * transaction under the row lock after catching up with the log (or DRAFT_LOCKED). Resolves the batch and
   * returns true; returns false (nothing applied, nothing committed) if an update does not apply.
   */
  private async groupCommit(draftId: string, batch: Queued[]): Promise<boolean> {
    const live = await this.store.acquire(draftId, { catchUp: false });
    const base = live.version;
    const changed: Queued[] = [];
    try {
      for (const item of batch) if (applyDetectingChange(live.doc, item.update)) changed.push(item);
    } catch (error) {
      this.store.evict(draftId);
      this.logger.warn({ err: error, draftId }, 'a live update did not apply; retrying one by one');
      return false;
    }
    if (!changed.length) {
      for (const item of batch) item.resolve({ version: base, changed: false });
      return true;
    }
    const now = Date.now();
    const text = this.texts.get(draftId);
    const withText = !text || now - text.at >= TEXT_EVERY_MS;
    let first: number;
    try {
      const committed = await this.appends.commit({
        draftId,
        base,
        updates: changed.map((i) => i.update),
        authors: changed.map((i) => i.actorId),
        text: withText ? textOf(live.doc) : null,
      });
      if (committed) {
        first = base + 1;
        live.version = base + changed.length;
        if (withText) this.textWritten(draftId, live.version, now);
        else this.textLags(draftId);
      } else {
        // 0 rows: the version moved on (another process wrote) or the status no longer allows editing.
        first = await this.lockedGroupCommit(live, changed);
      }
    } catch (error) {
      this.store.evict(draftId); // it holds updates that are not in the log
      throw error;
    }
    // Still under the mutex: listeners see a draft's updates in version order; then the acks, in the same order.
    const versions = new Map(changed.map((item, i) => [item, first + i]));
    for (const item of changed)
      this.bus.emit(draftId, item.update, item.actorId, versions.get(item)!, item.originSocketId);
    for (const item of batch) {
      const v = versions.get(item);
      item.resolve(
        v === undefined ? { version: live.version, changed: false } : { version: v, changed: true },
      );
    }
    this.scheduleJobs(draftId, first - 1, live.version);
    return true;
  }

  /**
   * The batch (already applied to `live`) after a failed optimistic write: row lock, status check, catch up with
   * what other processes committed (Yjs merges in any order), then the log rows and the text. Returns the first
   * version written. Throws (DRAFT_LOCKED, …) with nothing committed.
   */
  private async lockedGroupCommit(live: LiveDoc, changed: Queued[]): Promise<number> {
    const { draftId } = live;
    return this.uow.run(async (tx) => {
      const rows: Array<{ version: number; status: DraftStatus }> = await tx.manager.query(
        `SELECT version, status FROM drafts WHERE id = $1 FOR UPDATE`,
        [draftId],
      );
      if (!rows.length) throw AppError.notFound('Draft');
      assertEditable(rows[0].status);
      const doc = live.doc;
      await this.store.catchUp(live, tx.manager);
      // Caught up by reloading (the missing updates were pruned into a snapshot): the batch goes on top again.
      if (live.doc !== doc) for (const item of changed) Y.applyUpdate(live.doc, item.update);
      if (live.version !== rows[0].version) {
        throw new AppError(ErrorCode.Internal, 'The draft’s update log is out of step; nothing was changed');
      }
      const first = live.version + 1;
      const version = live.version + changed.length;
      await tx.manager.query(
        `INSERT INTO draft_updates (draft_id, version, update, author_id)
         SELECT $1, $2 + u.n, u.update, u.author_id
           FROM unnest($3::bytea[], $4::uuid[]) WITH ORDINALITY AS u(update, author_id, n)`,
        [
          draftId,
          live.version,
          changed.map((i) => Buffer.from(i.update.buffer, i.update.byteOffset, i.update.byteLength)),
          changed.map((i) => i.actorId),
        ],
      );
      await tx.manager.query(
        `UPDATE drafts SET version = $2, content_text = $3, content_version = $2, updated_at = now()
          WHERE id = $1`,
        [draftId, version, textOf(live.doc)],
      );
      live.version = version;
      this.textWritten(draftId, version, Date.now());
      return first;
    });
  }

  /** The locked path (call under the draft's mutex): row lock, catch up, apply, log, text, commit. */
  private async commitLocked<T>(
    draftId: string,
    actorId: string | null,
    catchUpFirst: boolean,
    plan: (live: LiveDoc) => Uint8Array | null | Promise<Uint8Array | null>,
    within: ((tx: Transaction, committed: Committed) => Promise<T>) | undefined,
    originSocketId: string | undefined,
  ): Promise<EditResult<T>> {
    const live = await this.store.acquire(draftId, { catchUp: catchUpFirst });
    const update = await plan(live);
    if (!update) return { version: live.version, text: textOf(live.doc), changed: false, result: undefined };
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
          `UPDATE drafts SET version = $2, content_text = $3, content_version = $2, updated_at = now()
            WHERE id = $1`,
          [draftId, version, text],
        );
        live.version = version;
        const result = within ? await within(tx, { version, text }) : undefined;
        return { version, text, changed: true, result };
      });
      if (out.changed) {
        this.textWritten(draftId, out.version, Date.now());
        // Still under the lock, so listeners see a draft's updates in version order.
        this.bus.emit(draftId, update, actorId, out.version, originSocketId);
      }
      return out;
    } catch (error) {
      if (touched) this.store.evict(draftId);
      throw error;
    }
  }

  /** Announcement and compaction are scheduled in the background: the update is durable already. */
  private scheduleJobs(draftId: string, from: number, to: number): void {
    this.jobs.afterUpdate(draftId, to, from).catch(() => undefined);
  }

  private textWritten(draftId: string, version: number, at: number): void {
    const state = this.texts.get(draftId);
    if (state?.timer) clearTimeout(state.timer);
    if (!state && this.texts.size >= 10_000) {
      for (const [id, s] of this.texts) if (!s.timer && at - s.at > TEXT_EVERY_MS) this.texts.delete(id);
    }
    this.texts.set(draftId, { at, version: Math.max(version, state?.version ?? 0), timer: null });
  }

  /** The text lags behind a live commit: make sure it is written within TEXT_EVERY_MS. */
  private textLags(draftId: string): void {
    const state = this.texts.get(draftId)!;
    if (state.timer) return;
    const wait = Math.max(0, state.at + TEXT_EVERY_MS - Date.now());
    state.timer = setTimeout(() => {
      state.timer = null;
      this.flushText(draftId).catch((error: unknown) =>
        this.logger.warn({ err: error, draftId }, 'could not write a draft’s text; the next load will'),
      );
    }, wait);
    state.timer.unref?.();
  }

  /** Writes `content_text` for the version this process holds, if it has not written it yet. */
  private async flushText(draftId: string): Promise<void> {
    await this.mutex.run(draftId, async () => {
      const state = this.texts.get(draftId);
      const live = this.store.peek(draftId);
      if (!state || state.timer) return; // a newer write is scheduled
      if (!live || live.version <= state.version) return;
      const at = Date.now();
      await advanceText(this.dataSource, draftId, textOf(live.doc), live.version);
      this.textWritten(draftId, live.version, at);
    });
  }
}
