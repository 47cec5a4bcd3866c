import { EventStore, UnitOfWork, type EventEnvelope } from '@runde/events';
import { NotificationsConsumer } from '../../libs/notifications/src/fanout/notifications.consumer';
import { as, givenUser, TestUser } from '../support/factories';
import { givenPost, givenThread } from '../support/discussion-factories';
import { useGroupWithTopic } from '../support/discussion-factories';
import { waitForQueuesToDrain } from '../support/test-app';
import { addMember } from './notification-helpers';

const ROUNDS = 20;
const THREADS = 4;
const FOLLOWERS = 6;
const POSTS_PER_THREAD = 6;

/**
 * Two (or more) workers fanning out posts for the same people at the same moment: each consumer transaction
 * upserts one coalesced followed-thread row per (person, thread), and each batch meets those rows in its own
 * order. They must never deadlock (Postgres 40P01), and the counts must come out exact.
 */
describe('notifications: concurrent fan-outs for overlapping people and threads', () => {
  const ctx = useGroupWithTopic({ worker: true });
  let followers: TestUser[];
  let threadIds: string[];
  let events: Array<EventEnvelope<'post.created'>>;

  beforeAll(async () => {
    const { app, group, topicId } = ctx;
    followers = [];
    for (let i = 0; i < FOLLOWERS; i++) {
      const user = await givenUser(app, { displayName: `Folgende ${i}` });
      await addMember(app, group, user);
      followers.push(user);
    }
    threadIds = [];
    for (let t = 0; t < THREADS; t++) {
      const thread = await givenThread(app, group.people.member, topicId);
      for (const user of followers)
        await as(app, user).post(`/api/v1/threads/${thread.id}/follow`).expect(201);
      threadIds.push(thread.id);
    }
    // Posts by someone who follows nothing: every follower hears of every post.
    for (let i = 0; i < POSTS_PER_THREAD; i++)
      for (const id of threadIds) await givenPost(app, group.people.moderator, id, `Beitrag ${i}`);
    await waitForQueuesToDrain(app);
    const store = app.api.get(EventStore);
    events = [];
    for (const id of threadIds) {
      const all = await store.read(`thread:${id}`, 1); // after each thread's first post
      events.push(...(all.filter((e) => e.type === 'post.created') as Array<EventEnvelope<'post.created'>>));
    }
    expect(events).toHaveLength(THREADS * POSTS_PER_THREAD);
  });

  /** The batches: every event once, each batch crossing the threads in another order. */
  function batches(round: number): Array<Array<EventEnvelope<'post.created'>>> {
    const byThread = threadIds.map((id) => events.filter((e) => e.data.post.threadId === id));
    const out: Array<Array<EventEnvelope<'post.created'>>> = [];
    for (let b = 0; b < POSTS_PER_THREAD; b++) {
      const order = threadIds.map((_, t) => (t + b + round) % THREADS);
      if ((b + round) % 2) order.reverse();
      out.push(order.map((t) => byThread[t][b]));
    }
    return out;
  }

  it(`runs ${ROUNDS} rounds of concurrent fan-outs without a deadlock and with exact counts`, async () => {
    const { app } = ctx;
    const consumer = app.worker!.get(NotificationsConsumer);
    const unitOfWork = app.worker!.get(UnitOfWork);
    const followerIds = followers.map((f) => f.id);
    const postIds = events.map((e) => e.data.post.id);

    for (let round = 0; round < ROUNDS; round++) {
      // Forget what the fan-out wrote, as if the events had never been handled.
      await app.dataSource.query(
        `DELETE FROM notifications WHERE kind = 'followed_thread' AND thread_id = ANY($1::uuid[])`,
        [threadIds],
      );
      await app.dataSource.query(`DELETE FROM followed_post_notices WHERE post_id = ANY($1::uuid[])`, [
        postIds,
      ]);
      const [{ position }] = await app.dataSource.query(
        `SELECT COALESCE(max(position), 0)::text AS position FROM domain_events`,
      );

      // Straight through the consumer in transactions of its own (no dispatcher retrying a failed batch one by
      // one, which would hide a deadlock): all batches at once.
      const results = await Promise.allSettled(
        batches(round).map((batch) => unitOfWork.run((tx) => consumer.onPostsCreated(batch, tx))),
      );
      const failures = results
        .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        .map((r) => `${(r.reason as { code?: string }).code ?? ''} ${String(r.reason)}`);
      expect({ round, failures }).toEqual({ round, failures: [] });

      // One unread row per follower and thread, counting every post of that thread.
      const rows: Array<{ user_id: string; thread_id: string; count: number }> = await app.dataSource.query(
        `SELECT user_id, thread_id, count FROM notifications
          WHERE kind = 'followed_thread' AND thread_id = ANY($1::uuid[]) AND user_id = ANY($2::uuid[])
          ORDER BY user_id, thread_id`,
        [threadIds, followerIds],
      );
      expect(rows).toHaveLength(FOLLOWERS * THREADS);
      expect(rows.every((r) => r.count === POSTS_PER_THREAD)).toBe(true);
      // And exactly one `notification.created` per row, on the follower's own stream.
      const [{ created }] = await app.dataSource.query(
        `SELECT count(*)::int AS created FROM domain_events
          WHERE position > $1 AND type = 'notification.created' AND stream = ANY($2::text[])`,
        [position, followerIds.map((id) => `user:${id}`)],
      );
      expect(created).toBe(FOLLOWERS * THREADS);
    }

    const [{ deadlocks }] = await app.dataSource.query(
      `SELECT deadlocks::int FROM pg_stat_database WHERE datname = current_database()`,
    );
    expect(deadlocks).toBe(0);
  });
});
