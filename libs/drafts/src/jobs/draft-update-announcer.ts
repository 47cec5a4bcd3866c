import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler, JobName, streamName, UnitOfWork } from '@runde/events';
import { GroupCommit } from '@runde/platform';
import { DraftTextSettler } from './draft-text-settler';

/**
 * Runs at the end of a draft's one-second window: appends one `draft.updated` with the version reached, unless
 * that version was announced already (a late job, or nothing new since).
 */
@Injectable()
export class DraftUpdateAnnouncer {
  /**
   * Windows end in four phases a second, so the jobs of many drafts run at once (the events queue runs several):
   * their announcements are written together, one transaction for the drafts whose jobs run meanwhile.
   */
  private readonly announcements = new GroupCommit<string, number | null>({
    write: (draftIds) => this.announceAll(draftIds),
    maxBatch: 64,
    logger: new Logger(DraftUpdateAnnouncer.name),
    what: 'draft announcements',
  });

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
    return { version: await this.announcements.submit(draftId) };
  }

  /** The version each draft reached, announced, or null: nothing new since its last announcement (in order). */
  private announceAll(draftIds: string[]): Promise<Array<number | null>> {
    return this.uow.run(async (tx) => {
      const unique = [...new Set(draftIds.map((id) => id.toLowerCase()))];
      const rows: Array<{ draft_id: string; version: number }> = await tx.manager.query(
        // The drafts' versions are read, not locked: live commits never wait for an announcement. In id order, so
        // that two workers' batches take the announcement rows in the same order.
        `INSERT INTO draft_announcements (draft_id, version)
         SELECT id, version FROM drafts WHERE id = ANY($1::uuid[]) AND version > 0 ORDER BY id
         ON CONFLICT (draft_id) DO UPDATE SET version = EXCLUDED.version
          WHERE draft_announcements.version < EXCLUDED.version
         RETURNING draft_id, version`,
        [unique],
      );
      const announced = new Map(rows.map((r) => [r.draft_id, r.version]));
      for (const [draftId, version] of announced)
        tx.append(streamName('draft', draftId), 'draft.updated', { draftId, version }, null);
      // A draft twice in one batch: the second time is no news, as it would be one after the other.
      return draftIds.map((id) => {
        const key = id.toLowerCase();
        const version = announced.get(key) ?? null;
        announced.delete(key);
        return version;
      });
    });
  }
}
