import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { JobHandler, JobName } from '@runde/events';
import { DraftLog, DraftLogError } from '../doc/draft-log';
import { advanceText } from '../doc/draft-text';
import { textOf } from '../doc/yjs-codec';

/** Updates stay in the log at least this long (stale REST edits and old anchors merge against them). */
export const UPDATE_RETENTION_DAYS = 7;

export interface CompactionResult {
  snapshotVersion: number | null;
  prunedUpTo: number | null;
}

/**
 * Folds a draft's update log into a snapshot of the whole state (so loading reads one row plus the few updates
 * after it), checked against `content_text` (when that shows the same version; else brought up to date) before it
 * is written. Then prunes what no one needs any more: updates
 * older than the retention that a snapshot covers and that precede the latest revision (revisions list who
 * changed the text since the previous one), and the snapshots before the oldest one still needed. A log that does
 * not decode fails the job (retried, then kept in the failed set) and nothing is written.
 */
@Injectable()
export class DraftCompactor {
  private readonly logger = new Logger('DraftCompactor');

  constructor(
    private readonly dataSource: DataSource,
    private readonly log: DraftLog,
  ) {}

  @JobHandler(JobName.CompactDraft)
  async handle(job: Job<{ draftId: string }>): Promise<CompactionResult> {
    return this.compact(job.data.draftId);
  }

  async compact(draftId: string, retentionDays = UPDATE_RETENTION_DAYS): Promise<CompactionResult> {
    const rows: Array<{ version: number; content_text: string; content_version: number }> =
      await this.dataSource.query(`SELECT version, content_text, content_version FROM drafts WHERE id = $1`, [
        draftId,
      ]);
    if (!rows.length) return { snapshotVersion: null, prunedUpTo: null };
    const { version, content_text: expected, content_version: textVersion } = rows[0];
    let snapshotVersion: number | null = null;
    const latest = await this.log.latestSnapshot(draftId, version);
    if (version > 0 && latest?.version !== version) {
      const doc = await this.log.docAt(draftId, version);
      const text = textOf(doc);
      if (textVersion === version && text !== expected) {
        throw new DraftLogError(
          `draft ${draftId}: the log's text at version ${version} differs from content_text`,
        );
      }
      if (textVersion < version) {
        // Live edits write the text coalesced; bring it up to date while we have the document (only forward).
        await advanceText(this.dataSource, draftId, text, version);
      }
      const state = Y.encodeStateAsUpdate(doc);
      await this.dataSource.query(
        `INSERT INTO draft_snapshots (draft_id, version, state) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [draftId, version, Buffer.from(state)],
      );
      snapshotVersion = version;
    }
    const prunedUpTo = await this.prune(draftId, retentionDays);
    this.logger.log({ draftId, snapshotVersion, prunedUpTo }, 'draft compacted');
    return { snapshotVersion, prunedUpTo };
  }

  /** Prunes up to the newest snapshot that is old enough and not after the latest revision. */
  private async prune(draftId: string, retentionDays: number): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const found: Array<{ version: number }> = await manager.query(
        `SELECT s.version FROM draft_snapshots s
           JOIN draft_updates u ON u.draft_id = s.draft_id AND u.version = s.version
          WHERE s.draft_id = $1
            AND u.created_at < now() - make_interval(days => $2)
            AND s.version <= COALESCE((SELECT max(version) FROM draft_revisions WHERE draft_id = $1), 0)
          ORDER BY s.version DESC LIMIT 1`,
        [draftId, retentionDays],
      );
      if (!found.length) return null;
      const upTo = found[0].version;
      await manager.query(`DELETE FROM draft_updates WHERE draft_id = $1 AND version <= $2`, [draftId, upTo]);
      await manager.query(`DELETE FROM draft_snapshots WHERE draft_id = $1 AND version < $2`, [
        draftId,
        upTo,
      ]);
      return upTo;
    });
  }
}
