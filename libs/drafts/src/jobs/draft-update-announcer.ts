import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler, JobName, streamName, UnitOfWork } from '@runde/events';
import { DraftTextSettler } from './draft-text-settler';

/**
 * Runs at the end of a draft's one-second window: appends one `draft.updated` with the version reached, unless
 * that version was announced already (a late job, or nothing new since).
 */
@Injectable()
export class DraftUpdateAnnouncer {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settler: DraftTextSettler,
  ) {}

  @JobHandler(JobName.AnnounceDraftUpdate)
  async handle(job: Job<{ draftId: string }>): Promise<{ version: number | null }> {
    // First, so a failure retries both: the text is checked once the editing stops (a no-op while it goes on).
    await this.settler.schedule(job.data.draftId);
    return this.announce(job.data.draftId);
  }

  async announce(draftId: string): Promise<{ version: number | null }> {
    return this.uow.run(async (tx) => {
      const rows: Array<{ version: number }> = await tx.manager.query(
        // The draft's version is read, not locked: live commits of the draft never wait for an announcement.
        `INSERT INTO draft_announcements (draft_id, version)
         SELECT id, version FROM drafts WHERE id = $1 AND version > 0
         ON CONFLICT (draft_id) DO UPDATE SET version = EXCLUDED.version
          WHERE draft_announcements.version < EXCLUDED.version
         RETURNING version`,
        [draftId],
      );
      if (!rows.length) return { version: null };
      const { version } = rows[0];
      tx.append(streamName('draft', draftId), 'draft.updated', { draftId, version }, null);
      return { version };
    });
  }
}
