import { Injectable, Logger } from '@nestjs/common';
import { JobName, keyPhase, QueueService } from '@runde/events';

/** Every this many versions the log is folded into a snapshot. */
export const COMPACT_EVERY = 500;
const WINDOW_MS = 1000;

/**
 * The latest compaction point at or below `version`: every COMPACT_EVERY versions, shifted per draft, so that
 * drafts edited together (a workshop, the benchmark) are not all compacted in the same moment.
 */
export function compactionMark(draftId: string, version: number): number {
  const shift = keyPhase(draftId, COMPACT_EVERY);
  return Math.floor((version + shift) / COMPACT_EVERY) * COMPACT_EVERY - shift;
}

/**
 * Schedules the drafts' background jobs from the api: the coalesced `draft.updated` announcement (a delayed job
 * per draft and one-second window; its job id makes the window's other updates no-ops) and compaction.
 * Failing to schedule never fails the edit: the update is already durable.
 */
@Injectable()
export class DraftJobs {
  private readonly logger = new Logger('DraftJobs');

  constructor(private readonly queues: QueueService) {}

  /** After the versions `previous + 1 … version` were committed (a group commit can add several at once). */
  async afterUpdate(draftId: string, version: number, previous = version - 1): Promise<void> {
    try {
      await this.queues.addOncePerWindow(JobName.AnnounceDraftUpdate, draftId, { draftId }, WINDOW_MS);
    } catch (error) {
      this.logger.warn({ err: error, draftId }, 'could not schedule a draft’s announcement');
    }
    const mark = compactionMark(draftId, version);
    if (mark > previous && mark > 0) await this.requestCompaction(draftId, mark);
  }

  async requestCompaction(draftId: string, version: number): Promise<void> {
    await this.add(JobName.CompactDraft, draftId, `compact-draft-${draftId}-${version}`);
  }

  private async add(job: JobName, draftId: string, jobId: string) {
    try {
      await this.queues.add(job, { draftId }, { jobId });
    } catch (error) {
      this.logger.warn({ err: error, draftId, job }, 'could not schedule a draft job');
    }
  }
}
