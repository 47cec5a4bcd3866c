import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { Transaction, UnitOfWork } from '@runde/events';
import type { Role } from '@runde/groups';
import { AppError, ErrorCode } from '@runde/platform';
import { assertEditable, EDITABLE } from '../drafts/draft-rules';
import {
  assertMayEditText,
  DraftRules,
  EditMode,
  editModeFor,
  rulesOf,
  RULES_COLUMNS,
} from '../drafts/edit-policy';
import { DraftJobs } from '../jobs/draft-jobs';
import { DraftUpdateBus } from '../live/draft-update-bus';
import { DraftAppendBatch } from './draft-append-batch';
import { DraftDocStore, LiveDoc } from './draft-doc-store';
import { DraftLog } from './draft-log';
import { advanceText } from './draft-text';
import { KeyedMutex } from './keyed-mutex';
import { assertSuggestionOnly, wouldChange } from './suggestion-check';
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

/**
 * Whether a change may be committed, judged under the draft's row lock with the draft's rules and the caught-up
 * document (before the change is applied); throws (DRAFT_LOCKED, FORBIDDEN, …) to refuse it. Edits default to
 * "the status allows editing" (assertEditable).
 */
export type Admit = (rules: DraftRules, live: LiveDoc, update: Uint8Array) => void;

const statusAllowsEditing: Admit = (rules) => assertEditable(rules.status);

interface Queued {
  update: Uint8Array;
  actorId: string | null;
  /** The writer's role (edit-policy.ts), or undefined: a system write, allowed where the status allows editing. */
  role: Role | null | undefined;
  originSocketId: string | undefined;
  resolve: (result: Appended) => void;
  reject: (error: unknown) => void;
}

/** A batch's updates were admitted under rules that no longer hold: they are judged again one by one. */
class Reclassify extends Error {}

/** Per draft: when and at which version this process last wrote `content_text`, and the pending trailing write. */
interface TextState {
  at: number;
  version: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** How long the draft's Markdown took to make the last time (ms): large drafts are written less often. */
  costMs: number;
}

/** Markdown cheaper than this (ms) is made inside a live group commit; dearer, by the trailing write. */
const INLINE_TEXT_MS = 4;
/** The trailing text write takes at most this share of a core per draft being edited. */
const TEXT_CPU_SHARE = 0.02;

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
 * catching up with the log (or refused with DRAFT_LOCKED).
 *
 * What a live update may change depends on its writer's edit mode (edit-policy.ts: status, role, the draft's
 * policy): `edit` anything, `suggest` only their own tracked changes (checked on a copy of the document the update
 * is committed on: assertSuggestionOnly). Updates are admitted under the rules this process last read
 * (`live.rules`) and the commit checks those rules still hold; an update refused, or admitted under rules that
 * changed, is judged again on the locked path, under the row lock, against the rules and document as they are.
 * `drafts.content_text` follows live edits at most once per second (`content_version` says which version it
 * shows); edits, accepts and restores write it at once.
 */
@Injectable()
export class DraftWriter implements OnModuleDestroy {
  private readonly logger = new Logger('DraftWriter');
  private readonly mutex = new KeyedMutex();
  private readonly queues = new Map<string, Queued[]>();
  private readonly texts = new Map<string, TextState>();
  /** What making each draft's Markdown cost last (ms). */
  private readonly costs = new Map<string, number>();
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
   * committing transaction once the update is in the log (revisions, decisions, events). `admit` decides under the
   * row lock whether the change may be made (default: the status allows editing).
   */
  async edit<T = undefined>(
    draftId: string,
    actorId: string | null,
    plan: (live: LiveDoc) => Uint8Array | null | Promise<Uint8Array | null>,
    within?: (tx: Transaction, committed: Committed) => Promise<T>,
    options: { admit?: Admit } = {},
  ): Promise<EditResult<T>> {
    const admit = options.admit ?? statusAllowsEditing;
    const out = await this.mutex.run(draftId, () =>
      this.commitLocked(draftId, actorId, true, plan, within, undefined, admit),
    );
    if (out.changed) this.scheduleJobs(draftId, out.version - 1, out.version);
    return out;
  }

  /**
   * A ready-made update (live editors), committed before the promise resolves, possibly together with other
   * updates of the same draft. `originSocketId` travels with the broadcast (so the sender is skipped). `role`: the
   * writer's role in the draft's group (admins as owners), which with the draft's rules gives their edit mode;
   * omitted, the update is allowed where the status allows editing.
   */
  append(
    draftId: string,
    actorId: string | null,
    update: Uint8Array,
    originSocketId?: string,
    role?: Role | null,
  ): Promise<Appended> {
    return new Promise<Appended>((resolve, reject) => {
      let queue = this.queues.get(draftId);
      if (!queue) {
        queue = [];
        this.queues.set(draftId, queue);
        this.scheduleDrain(draftId);
      }
      queue.push({ update, actorId, role, originSocketId, resolve, reject });
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
    let locked: Queued[];
    try {
      locked = await this.groupCommit(draftId, batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    // Updates that did not apply to the document, were refused or were admitted under rules that changed: the
    // locked path, one by one, each with its own answer.
    for (const item of locked) {
      try {
        const out = await this.commitLocked(
          draftId,
          item.actorId,
          false,
          () => item.update,
          undefined,
          item.originSocketId,
          (rules, live, update) => this.admitLive(rules, live.doc, item, update),
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
   * Admits each update of the batch under the rules this process holds and applies it to the live document, then
   * commits them: in one statement, optimistically against the version and rules this process holds; if that
   * finds the version moved (another process wrote) or the rules changed, in a transaction under the row lock
   * after catching up with the log (or DRAFT_LOCKED). Resolves what it committed and returns the updates left for
   * the locked path: those refused here (judged again under the lock), or all of them (nothing committed) if an
   * update does not apply or the rules changed.
   */
  private async groupCommit(draftId: string, batch: Queued[]): Promise<Queued[]> {
    const live = await this.store.acquire(draftId, { catchUp: false });
    const base = live.version;
    const rules = live.rules;
    const changed: Queued[] = [];
    const admitted: Queued[] = [];
    const refused: Queued[] = [];
    const modes = new Map<Queued, EditMode>();
    try {
      for (const item of batch) {
        try {
          modes.set(item, this.admitLive(rules, live.doc, item, item.update));
        } catch {
          refused.push(item);
          continue;
        }
        admitted.push(item);
        if (applyDetectingChange(live.doc, item.update)) changed.push(item);
      }
    } catch (error) {
      this.store.evict(draftId);
      this.logger.warn({ err: error, draftId }, 'a live update did not apply; retrying one by one');
      return batch;
    }
    if (!changed.length) {
      for (const item of admitted) item.resolve({ version: base, changed: false });
      return refused;
    }
    const now = Date.now();
    const text = this.texts.get(draftId);
    // The Markdown of a large document costs milliseconds to make (a 250,000-character draft ~100 ms): it is
    // made inside the commit only when cheap, else by the trailing write, spaced by its cost.
    const withText = !text || (now - text.at >= this.textEvery(text) && text.costMs < INLINE_TEXT_MS);
    let first: number;
    try {
      const committed = await this.appends.commit({
        draftId,
        base,
        rules,
        updates: changed.map((i) => i.update),
        authors: changed.map((i) => i.actorId),
        text: withText ? this.timedText(draftId, live.doc) : null,
      });
      if (committed) {
        first = base + 1;
        live.version = base + changed.length;
        if (withText) this.textWritten(draftId, live.version, now);
        else this.textLags(draftId);
      } else {
        // 0 rows: the version moved on (another process wrote) or the rules changed.
        first = await this.lockedGroupCommit(live, changed, modes);
      }
    } catch (error) {
      this.store.evict(draftId); // it holds updates that are not in the log
      if (error instanceof Reclassify) return [...admitted, ...refused];
      throw error;
    }
    // Still under the mutex: listeners see a draft's updates in version order; then the acks, in the same order.
    const versions = new Map(changed.map((item, i) => [item, first + i]));
    for (const item of changed)
      this.bus.emit(draftId, item.update, item.actorId, versions.get(item)!, item.originSocketId);
    for (const item of admitted) {
      const v = versions.get(item);
      item.resolve(
        v === undefined ? { version: live.version, changed: false } : { version: v, changed: true },
      );
    }
    this.scheduleJobs(draftId, first - 1, live.version);
    return refused;
  }

  /**
   * A live update's admission under `rules`, against `doc` as it is before the update: returns the writer's mode
   * or throws the refusal (assertMayEditText's, or assertSuggestionOnly's for a suggest-only writer). Only `edit`
   * costs nothing here; the other modes try the update on a copy of the document.
   */
  private admitLive(rules: DraftRules, doc: Y.Doc, item: Queued, update: Uint8Array): EditMode {
    const mode = this.modeOf(rules, item);
    if (mode === 'edit') return mode;
    if (mode === 'suggest' && item.actorId) assertSuggestionOnly(doc, update, item.actorId, rules.status);
    // A resend of what the document has changes nothing and is answered with the version, as ever.
    else if (wouldChange(doc, update)) assertMayEditText(rules.status, mode);
    return mode;
  }

  private modeOf(rules: DraftRules, item: Queued): EditMode {
    if (item.role === undefined) return EDITABLE.includes(rules.status) ? 'edit' : 'read';
    return editModeFor(rules.status, item.role, rules.editPolicy, rules.consultationDeadline);
  }

  /**
   * The batch (already applied to `live`) after a failed optimistic write: row lock, the rules (each update's mode
   * must be what it was admitted with), catch up with what other processes committed (Yjs merges in any order),
   * then the log rows and the text. Returns the first version written. Throws Reclassify (the rules changed, or
   * suggestion-only updates were checked on a document that others changed since) or an AppError, with nothing
   * committed.
   */
  private async lockedGroupCommit(
    live: LiveDoc,
    changed: Queued[],
    modes: Map<Queued, EditMode>,
  ): Promise<number> {
    const { draftId } = live;
    return this.uow.run(async (tx) => {
      const rows: Array<{ version: number } & Parameters<typeof rulesOf>[0]> = await tx.manager.query(
        `SELECT version, ${RULES_COLUMNS} FROM drafts WHERE id = $1 FOR UPDATE`,
        [draftId],
      );
      if (!rows.length) throw AppError.notFound('Draft');
      const rules = rulesOf(rows[0]);
      live.rules = rules;
      if (changed.some((item) => this.modeOf(rules, item) !== modes.get(item))) throw new Reclassify();
      const checked = changed.some((item) => modes.get(item) === 'suggest');
      if (checked && rows[0].version !== live.version) throw new Reclassify();
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
    admit: Admit,
  ): Promise<EditResult<T>> {
    const live = await this.store.acquire(draftId, { catchUp: catchUpFirst });
    const update = await plan(live);
    if (!update) return { version: live.version, text: textOf(live.doc), changed: false, result: undefined };
    let touched = false;
    try {
      const out = await this.uow.run(async (tx) => {
        const rows: Array<{ version: number } & Parameters<typeof rulesOf>[0]> = await tx.manager.query(
          `SELECT version, ${RULES_COLUMNS} FROM drafts WHERE id = $1 FOR UPDATE`,
          [draftId],
        );
        if (!rows.length) throw AppError.notFound('Draft');
        live.rules = rulesOf(rows[0]);
        await this.store.catchUp(live, tx.manager);
        if (live.version !== rows[0].version) {
          touched = true;
          throw new AppError(
            ErrorCode.Internal,
            'The draft’s update log is out of step; nothing was changed',
          );
        }
        // Judged on the caught-up document, before the change touches it (a refusal keeps the document).
        admit(live.rules, live, update);
        touched = true;
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
    this.texts.set(draftId, {
      at,
      version: Math.max(version, state?.version ?? 0),
      timer: null,
      costMs: this.costs.get(draftId) ?? state?.costMs ?? 0,
    });
  }

  /** How long after the last text write the next may come: a second, or longer for costly Markdown. */
  private textEvery(state: TextState): number {
    return Math.max(TEXT_EVERY_MS, state.costMs / TEXT_CPU_SHARE);
  }

  /** The Markdown of a live document, remembering what it cost. */
  private timedText(draftId: string, doc: Y.Doc): string {
    const started = performance.now();
    const text = textOf(doc);
    const cost = performance.now() - started;
    if (this.costs.size >= 10_000 && !this.costs.has(draftId)) this.costs.clear();
    this.costs.set(draftId, cost);
    const state = this.texts.get(draftId);
    if (state) state.costMs = cost;
    return text;
  }

  /** The text lags behind a live commit: make sure it is written within TEXT_EVERY_MS. */
  private textLags(draftId: string): void {
    const state = this.texts.get(draftId)!;
    if (state.timer) return;
    const wait = Math.max(0, state.at + this.textEvery(state) - Date.now());
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
      await advanceText(this.dataSource, draftId, this.timedText(draftId, live.doc), live.version);
      this.textWritten(draftId, live.version, at);
    });
  }
}
