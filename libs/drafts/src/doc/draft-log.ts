import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { buildDoc, bytes } from './yjs-codec';

export interface LoggedUpdate {
  version: number;
  update: Uint8Array;
}

/** Thrown when the log cannot give the asked-for state (rows missing, or a row that does not decode). */
export class DraftLogError extends Error {}

/** Reads and appends the update log and its snapshots. */
@Injectable()
export class DraftLog {
  constructor(private readonly dataSource: DataSource) {}

  async append(
    manager: EntityManager,
    draftId: string,
    version: number,
    update: Uint8Array,
    authorId: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO draft_updates (draft_id, version, update, author_id) VALUES ($1, $2, $3, $4)`,
      [draftId, version, Buffer.from(update.buffer, update.byteOffset, update.byteLength), authorId],
    );
  }

  /** Updates with `after < version <= upTo`, in order. */
  async updates(
    draftId: string,
    after: number,
    upTo: number | null = null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoggedUpdate[]> {
    const rows: Array<{ version: number; update: Buffer }> = await manager.query(
      `SELECT version, update FROM draft_updates
        WHERE draft_id = $1 AND version > $2 AND ($3::int IS NULL OR version <= $3)
        ORDER BY version`,
      [draftId, after, upTo],
    );
    return rows.map((r) => ({ version: r.version, update: bytes(r.update) }));
  }

  async latestSnapshot(
    draftId: string,
    atMost: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ version: number; state: Uint8Array } | null> {
    const rows: Array<{ version: number; state: Buffer }> = await manager.query(
      `SELECT version, state FROM draft_snapshots WHERE draft_id = $1 AND version <= $2
        ORDER BY version DESC LIMIT 1`,
      [draftId, atMost],
    );
    return rows.length ? { version: rows[0].version, state: bytes(rows[0].state) } : null;
  }

  /**
   * The document exactly as it was at `version`: the newest snapshot at or below it plus the updates after it.
   * Throws DraftLogError when rows are missing (pruned) or do not decode — never an empty stand-in.
   */
  async docAt(
    draftId: string,
    version: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Y.Doc> {
    const snapshot = await this.latestSnapshot(draftId, version, manager);
    const from = snapshot?.version ?? 0;
    const updates = await this.updates(draftId, from, version, manager);
    assertContiguous(updates, from, version);
    try {
      return buildDoc(
        snapshot?.state ?? null,
        updates.map((u) => u.update),
      );
    } catch (error) {
      throw new DraftLogError(`draft ${draftId}: the log does not decode (${String(error)})`);
    }
  }
}

/** The updates must be exactly from+1 … to, with no gap. */
export function assertContiguous(updates: LoggedUpdate[], from: number, to: number): void {
  if (updates.length !== to - from || updates.some((u, i) => u.version !== from + 1 + i)) {
    throw new DraftLogError(`the update log has no complete run of versions ${from + 1}…${to}`);
  }
}
