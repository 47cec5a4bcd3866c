import { EventDispatcher, EventStore, type EventEnvelope } from '@runde/events';
import { as } from '../support/factories';
import { givenPost, givenThread, useGroupWithTopic } from '../support/discussion-factories';
import { waitForQueuesToDrain } from '../support/test-app';

/**
 * Consumers may see a stream's events out of order (concurrent jobs, sweeps, retries). The notification consumers
 * are order-insensitive: an edit's event that mentions someone, handled before the post's own event that
 * mentions them too, notifies them once, by mention, and not again as a follower.
 */
describe('notifications: events handled out of order', () => {
  const ctx = useGroupWithTopic({ worker: true });

  it('post.updated before post.created: one mention, no second notice', async () => {
    const { app, group, topicId } = ctx;
    const mentioned = group.people.observer;
    const thread = await givenThread(app, group.owner, topicId);
    await as(app, mentioned).post(`/api/v1/threads/${thread.id}/follow`).expect(201);
    const post = await givenPost(app, group.people.member, thread.id, `Frage an @${mentioned.id}`);
    await as(app, group.people.member)
      .patch(`/api/v1/posts/${post.id}`)
      .send({ body: `Frage an @${mentioned.id}, bitte bis Freitag` })
      .expect(200);
    await waitForQueuesToDrain(app);

    const events = (await app.api.get(EventStore).read(`thread:${thread.id}`, 0)).filter(
      (e) => (e.data as { post?: { id: string } }).post?.id === post.id,
    ) as EventEnvelope[];
    expect(events.map((e) => e.type)).toEqual(['post.created', 'post.updated']);

    // Forget what the consumers did, then hand them the two events the other way round.
    await app.dataSource.query(`DELETE FROM notifications WHERE post_id = $1`, [post.id]);
    await app.dataSource.query(`DELETE FROM followed_post_notices WHERE post_id = $1`, [post.id]);
    await app.dataSource.query(`DELETE FROM processed_events WHERE event_id = ANY($1::uuid[])`, [
      events.map((e) => e.id),
    ]);
    const dispatcher = app.worker!.get(EventDispatcher);
    await dispatcher.dispatch(events[1]);
    await dispatcher.dispatch(events[0]);

    const rows: Array<{ kind: string }> = await app.dataSource.query(
      `SELECT kind FROM notifications WHERE user_id = $1 AND post_id = $2`,
      [mentioned.id, post.id],
    );
    expect(rows).toEqual([{ kind: 'mention' }]);
    // Nor was the post counted in a followed-thread notice for them.
    const counted = await app.dataSource.query(
      `SELECT 1 FROM followed_post_notices WHERE user_id = $1 AND post_id = $2`,
      [mentioned.id, post.id],
    );
    expect(counted).toHaveLength(0);
  });
});
