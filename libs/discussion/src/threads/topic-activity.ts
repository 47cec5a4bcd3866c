import { Injectable } from '@nestjs/common';
import { prepared } from '@runde/platform';
import type { Job } from 'bullmq';
import {
  EventEnvelope,
  JobHandler,
  JobName,
  OnDomainEvent,
  QueueService,
  streamName,
  type ThreadActivityPayload,
  Transaction,
  UnitOfWork,
} from '@runde/events';

const WINDOW_MS = 1000;

/** The thread events that change what a topic's thread list shows (counts, order, flags). */
const LIST_CHANGES = [
  'post.created',
  'post.deleted',
  'thread.locked',
  'thread.unlocked',
  'thread.pinned',
  'thread.unpinned',
] as const;

/**
 * Keeps thread lists live: after a thread changed, its topic gets one coalesced `topic.activity` per second
 * listing the threads whose stream moved since the last announcement. The topic stream carries no per-post
 * event, so a busy thread costs its topic's followers at most one event per second.
 *
 * The worker schedules the announcement (a consumer of the thread events, so a failed schedule is retried with
 * the event), as a delayed job per topic and one-second window: the job id makes the window's other changes
 * no-ops. The job runs after the window ends, when the change that scheduled it is long committed, and compares
 * each thread's stream head with the head it last announced (`thread_activity_marks`), so a late or repeated job
 * announces nothing twice and misses nothing.
 */
@Injectable()
export class TopicActivity {
  /** thread → its topic and the topic's window this process scheduled (saves the topic lookup; the job id deduplicates). */
  private readonly scheduled = new Map<string, { topicId: string; window: number }>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly queues: QueueService,
  ) {}

  // Idempotent: the job id makes a repeated schedule a no-op, so no processed_events row per post is needed.
  @OnDomainEvent('discussion.topic-activity', [...LIST_CHANGES], { idempotent: true })
  async onThreadChanged(event: EventEnvelope, tx: Transaction): Promise<void> {
    const threadId = event.stream.slice('thread:'.length);
    const now = Date.now();
    const data = event.data as { thread?: { topicId: string } };
    const seen = this.scheduled.get(threadId);
    const sameTopic = seen && (!data.thread?.topicId || data.thread.topicId === seen.topicId);
    if (sameTopic && QueueService.windowOf(seen.topicId, WINDOW_MS, now).window === seen.window) return;
    let topicId = data.thread?.topicId;
    if (!topicId) {
      const rows = await prepared<{ topic_id: string }>(
        tx.manager,
        `SELECT topic_id FROM threads WHERE id = $1`,
        [threadId],
      );
      topicId = rows[0]?.topic_id;
    }
    if (!topicId) return;
    const window = await this.queues.addOncePerWindow(
      JobName.AnnounceTopicActivity,
      topicId,
      { topicId },
      WINDOW_MS,
      0,
      now,
    );
    if (this.scheduled.size > 10_000) this.scheduled.clear();
    this.scheduled.set(threadId, { topicId, window });
  }

  @JobHandler(JobName.AnnounceTopicActivity)
  async handle(job: Job<{ topicId: string }>): Promise<{ threads: number }> {
    return this.announce(job.data.topicId);
  }

  /** Appends one `topic.activity` with the topic's threads that changed since they were last announced. */
  async announce(topicId: string): Promise<{ threads: number }> {
    return this.uow.run(async (tx) => {
      const rows: Array<{
        id: string;
        post_count: number;
        last_post_seq: number;
        last_activity_at: Date;
        locked: boolean;
        pinned: boolean;
      }> = await tx.manager.query(
        // Concurrent jobs of one topic: the second waits on the marks the first moved, then finds them current.
        // Only threads ahead of their mark are written (and locked): a quiet thread costs one index lookup.
        `WITH heads AS (
           SELECT t.id, es.head FROM threads t JOIN event_streams es ON es.stream = 'thread:' || t.id
             LEFT JOIN thread_activity_marks m ON m.thread_id = t.id
            WHERE t.topic_id = $1 AND (m.head IS NULL OR m.head < es.head)
         ), moved AS (
           INSERT INTO thread_activity_marks (thread_id, head) SELECT id, head FROM heads
           ON CONFLICT (thread_id) DO UPDATE SET head = EXCLUDED.head
            WHERE thread_activity_marks.head < EXCLUDED.head
           RETURNING thread_id
         )
         SELECT t.id, t.post_count, t.last_post_seq, t.last_activity_at, t.locked, t.pinned
           FROM threads t JOIN moved m ON m.thread_id = t.id
          ORDER BY t.last_activity_at DESC, t.id`,
        [topicId],
      );
      if (!rows.length) return { threads: 0 };
      const threads: ThreadActivityPayload[] = rows.map((r) => ({
        id: r.id,
        postCount: r.post_count,
        lastPostSeq: r.last_post_seq,
        lastActivityAt: r.last_activity_at.toISOString(),
        locked: r.locked,
        pinned: r.pinned,
      }));
      tx.append(streamName('topic', topicId), 'topic.activity', { topicId, threads }, null);
      return { threads: threads.length };
    });
  }
}
