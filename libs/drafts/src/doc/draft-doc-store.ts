import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { AppError, ErrorCode } from '@runde/platform';
import { DraftRules, rulesOf, RULES_COLUMNS } from '../drafts/edit-policy';
import { DraftLog, DraftLogError } from './draft-log';
import { advanceText } from './draft-text';
import { textOf } from './yjs-codec';

/** A draft's document held in memory, with the log version it contains. */
export interface LiveDoc {
  draftId: string;
  doc: Y.Doc;
  version: number;
  lastUsed: number;
  /**
   * The draft's status and edit policy as last read by this process: live commits classify updates by them and
   * the commit checks they still hold (writers refresh them under the row lock).
   */
  rules: DraftRules;
}

export const MAX_LIVE_DOCS = 500;
export const IDLE_EVICT_MS = 15 * 60 * 1000;

/**
 * The documents this process is working with. Loaded from Postgres on first use (latest snapshot + later
 * updates), brought up to date with updates other processes committed before each use, dropped when idle or
 * least recently used. A document that does not load is an error, never an empty document.
 */
@Injectable()
export class DraftDocStore {
  private readonly logger = new Logger('DraftDocStore');
  private readonly docs = new Map<string, LiveDoc>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly log: DraftLog,
  ) {}

  /**
   * The live document, loaded if needed and caught up with the log (call under the draft's mutex). Writers pass
   * `catchUp: false`: they catch up inside their transaction, under the draft row's lock.
   */
  async acquire(draftId: string, options: { catchUp?: boolean } = {}): Promise<LiveDoc> {
    const manager = this.dataSource.manager;
    this.evictIdle();
    let live = this.docs.get(draftId);
    if (live) {
      this.docs.delete(draftId);
      this.docs.set(draftId, live); // most recently used last
      if (options.catchUp !== false) await this.catchUp(live, manager);
    } else {
      live = await this.load(draftId, manager);
      this.docs.set(draftId, live);
      this.evictOverflow();
    }
    live.lastUsed = Date.now();
    return live;
  }

  /** Applies updates other processes committed since this document was loaded or last caught up. */
  async catchUp(live: LiveDoc, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const missing = await this.log.updates(live.draftId, live.version, null, manager);
    if (missing.length === 0) return;
    if (missing[0].version !== live.version + 1) {
      // The updates in between were pruned into a snapshot: start over from the log.
      const fresh = await this.load(live.draftId, manager);
      Object.assign(live, { doc: fresh.doc, version: fresh.version });
      return;
    }
    try {
      live.doc.transact(() => {
        for (const { update } of missing) Y.applyUpdate(live.doc, update);
      });
    } catch (error) {
      this.evict(live.draftId);
      throw this.loadFailed(live.draftId, error);
    }
    live.version = missing[missing.length - 1].version;
  }

  /** Forgets the document (work in flight keeps its reference; the next use loads it afresh). */
  evict(draftId: string): void {
    this.docs.delete(draftId);
  }

  /** The held document as it is (no loading, no catching up, recency unchanged), if any. */
  peek(draftId: string): LiveDoc | undefined {
    return this.docs.get(draftId);
  }

  /** Whether this process holds the draft's document (for tests and diagnostics). */
  holds(draftId: string): boolean {
    return this.docs.has(draftId);
  }

  private async load(draftId: string, manager: EntityManager): Promise<LiveDoc> {
    const rows: Array<
      { version: number; content_text: string; content_version: number } & Parameters<typeof rulesOf>[0]
    > = await manager.query(
      `SELECT version, content_text, content_version, ${RULES_COLUMNS} FROM drafts WHERE id = $1`,
      [draftId],
    );
    if (!rows.length) throw AppError.notFound('Draft');
    const { version, content_text: expected, content_version: textVersion } = rows[0];
    let doc: Y.Doc;
    try {
      doc = await this.log.docAt(draftId, version, manager);
    } catch (error) {
      throw this.loadFailed(draftId, error);
    }
    const text = textOf(doc);
    if (textVersion === version) {
      if (text !== expected) {
        throw this.loadFailed(
          draftId,
          new DraftLogError(`text at version ${version} differs from content_text`),
        );
      }
    } else {
      // Live edits write content_text at most once a second; a process that stopped before it did leaves it
      // behind. The log is the truth: bring the text up to date (only forward).
      await advanceText(manager, draftId, text, version);
    }
    return { draftId, doc, version, lastUsed: Date.now(), rules: rulesOf(rows[0]) };
  }

  private loadFailed(draftId: string, error: unknown): AppError {
    this.logger.error(
      { err: error, draftId },
      'draft document failed to load; refusing to serve or change it',
    );
    return new AppError(
      ErrorCode.Internal,
      'This draft’s document could not be loaded; nothing was changed. Please try again later.',
    );
  }

  private evictIdle(): void {
    const cutoff = Date.now() - IDLE_EVICT_MS;
    for (const [id, live] of this.docs) if (live.lastUsed < cutoff) this.evict(id);
  }

  private evictOverflow(): void {
    for (const id of this.docs.keys()) {
      if (this.docs.size <= MAX_LIVE_DOCS) break;
      this.evict(id);
    }
  }
}
