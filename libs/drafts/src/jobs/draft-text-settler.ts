import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobHandler, JobName, QueueService } from '@runde/events';
import { DraftLog } from '../doc/draft-log';
import { advanceText } from '../doc/draft-text';
import { textOf } from '../doc/yjs-codec';

/** Drafts are checked in windows of this length, each check this long after its window ends. */
const WINDOW_MS = 10_000;
const AFTER_MS = 5_000;
/** A draft whose last update is younger than this is still being edited: its api process writes the text. */
export const EDITING_MS = 3_000;

/**
 * The backstop for `drafts.content_text` (what search and lists read). Live edits write it at most once a second
 * from the api process that holds the document, with a trailing write when typing stops; if that process dies in
 * between, the text would stay behind the document until the next edit. So every announced draft gets a check
 * (a delayed job per draft and ten-second window): once nobody has edited it for a few seconds and its text is
 * still behind its version, the text is rebuilt from the update log. The document itself is never touched.
 */
@Injectable()
export class DraftTextSettler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: DraftLog,
    private readonly queues: QueueService,
  ) {}

  /** Called for every announcement: makes sure a check runs after the window it falls in. */
  async schedule(draftId: string, now = Date.now()): Promise<void> {
    await this.queues.addOncePerWindow(
      JobName.SettleDraftText,
      draftId,
      { draftId },
      WINDOW_MS,
      AFTER_MS,
      now,
    );
  }

  @JobHandler(JobName.SettleDraftText)
  async handle(job: Job<{ draftId: string }>): Promise<{ rebuilt: number | null }> {
    return this.settle(job.data.draftId);
  }

  /** Rebuilds the text of a draft nobody is editing whose text is behind; returns the version it now shows. */
  async settle(draftId: string, editingMs = EDITING_MS): Promise<{ rebuilt: number | null }> {
    const rows: Array<{ version: number; content_version: number; idle_ms: number | null }> =
      await this.dataSource.query(
        `SELECT d.version, d.content_version,
                (EXTRACT(EPOCH FROM (now() - u.created_at)) * 1000)::float8 AS idle_ms
           FROM drafts d LEFT JOIN draft_updates u ON u.draft_id = d.id AND u.version = d.version
          WHERE d.id = $1`,
        [draftId],
      );
    const row = rows[0];
    if (!row || row.content_version >= row.version) return { rebuilt: null };
    // Still being edited (a later window's check follows), or its last update is compacted away (then it is old).
    if (row.idle_ms !== null && row.idle_ms < editingMs) return { rebuilt: null };
    const doc = await this.log.docAt(draftId, row.version);
    const written = await advanceText(this.dataSource, draftId, textOf(doc), row.version);
    return { rebuilt: written ? row.version : null };
  }
}
