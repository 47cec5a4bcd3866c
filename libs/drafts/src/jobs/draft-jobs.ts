import { Injectable, Logger } from '@nestjs/common';
import { JobName, QueueService } from '@runde/events';

/** Every this many versions the log is folded into a snapshot. */
export const COMPACT_EVERY = 500;
const WINDOW_MS = 1000;

/**
 * Schedules the drafts' background jobs from the api: the coalesced `draft.updated` announcement (a delayed job
 * per draft and one-second window; its job id makes the window's other updates no-ops) and compaction.
 * Failing to schedule never fails the edit: the update is already durable.
 */
@Injectable()
export class DraftJobs {
  private readonly logger = new Logger('DraftJobs');
  /** Windows this process already scheduled (only saves Redis round trips; the job id is what deduplicates). */
  private readonly scheduled = new Map<string, number>();

  constructor(private readonly queues: QueueService) {}

  /** After the versions `previous + 1 … version` were committed (a group commit can add several at once). */
  async afterUpdate(draftId: string, version: number, previous = version - 1): Promise<void> {
    const now = Date.now();
    const window = Math.floor(now / WINDOW_MS);
    if (this.scheduled.get(draftId) !== window) {
      if (this.scheduled.size > 10_000) this.scheduled.clear();
      this.scheduled.set(draftId, window);
      await this.add(JobName.AnnounceDraftUpdate, draftId, `announce-draft-update-${draftId}-${window}`, {
        delay: (window + 1) * WINDOW_MS - now,
      });
    }
    const every = Math.floor(version / COMPACT_EVERY) * COMPACT_EVERY;
    if (every > previous) await this.requestCompaction(draftId, every);
  }

  async requestCompaction(draftId: string, version: number): Promise<void> {
    await this.add(JobName.CompactDraft, draftId, `compact-draft-${draftId}-${version}`);
  }

  private async add(job: JobName, draftId: string, jobId: string, options: { delay?: number } = {}) {
    try {
      await this.queues.add(job, { draftId }, { jobId, ...options });
    } catch (error) {
      this.logger.warn({ err: error, draftId, job }, 'could not schedule a draft job');
    }
  }
}
