import { TopicActivity } from '@runde/discussion';
import type { DomainEvents } from '@runde/events';
import { as, givenUser } from '../support/factories';
import {
  eventsOf,
  givenPost,
  givenThread,
  givenTopic,
  useGroupWithTopic,
} from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe } from '../support/sockets';

type Activity = DomainEvents['topic.activity'];

describe('topic.activity: thread lists stay live, one coalesced event per topic and second', () => {
  const ctx = useGroupWithTopic({ worker: true });

  const activities = async (topicId: string) =>
    (await eventsOf(ctx.app, `topic:${topicId}`))
      .filter((e) => e.type === 'topic.activity')
      .map((e) => e.data as unknown as Activity);

  /** The newest state each thread was announced with, folding the events in order (as a client does). */
  const folded = (list: Activity[]) => {
    const state = new Map<string, Activity['threads'][number]>();
    for (const a of list) for (const t of a.threads) state.set(t.id, t);
    return state;
  };

  it('announces the final counts of busy threads with far fewer events than posts; the topic stream stays gapless', async () => {
    const { app, group } = ctx;
    const topicId = (await givenTopic(app, group)).id;
    const a = await givenThread(app, group.people.member, topicId);
    const b = await givenThread(app, group.people.moderator, topicId);
    const started = Date.now();
    for (let i = 0; i < 12; i++) {
      await Promise.all([
        givenPost(app, group.people.member, a.id, `A ${i}`),
        givenPost(app, group.people.moderator, b.id, `B ${i}`),
      ]);
    }
    const seconds = Math.ceil((Date.now() - started) / 1000) + 1;
    const [ta, tb] = await Promise.all(
      [a.id, b.id].map(
        async (id) => (await as(app, group.people.member).get(`/api/v1/threads/${id}`).expect(200)).body,
      ),
    );
    const list = await expectEventually(async () => {
      const all = await activities(topicId);
      const state = folded(all);
      expect(state.get(a.id)).toEqual({
        id: a.id,
        postCount: 13,
        lastPostSeq: ta.lastPostSeq,
        lastActivityAt: ta.lastActivityAt,
        locked: false,
        pinned: false,
      });
      expect(state.get(b.id)).toMatchObject({ postCount: 13, lastPostSeq: tb.lastPostSeq });
      return all;
    });
    // 26 posts (plus the two first posts) in `seconds` windows: at most one event per window, plus one late job
    expect(list.length).toBeLessThanOrEqual(seconds + 2);
    expect(list.length).toBeLessThan(14);
    for (const activity of list) {
      expect(activity.topicId).toBe(topicId);
      // each event lists a thread at most once
      expect(new Set(activity.threads.map((t) => t.id)).size).toBe(activity.threads.length);
    }
    const seqs = (await eventsOf(app, `topic:${topicId}`)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    // An idempotent consumer: no processed_events row per post (the notifications consumer has one each).
    const markers = async (consumer: string) =>
      Number(
        (
          await app.dataSource.query(
            `SELECT count(*) AS n FROM processed_events p JOIN domain_events d ON d.id = p.event_id
              WHERE p.consumer = $1 AND d.stream = ANY($2::text[])`,
            [consumer, [`thread:${a.id}`, `thread:${b.id}`]],
          )
        )[0].n,
      );
    expect(await markers('discussion.topic-activity')).toBe(0);
    await expectEventually(async () => expect(await markers('notifications.post-created')).toBe(26));
  });

  it('carries lock and pin, and a repeated or late announcement adds nothing', async () => {
    const { app, group } = ctx;
    const topicId = (await givenTopic(app, group)).id;
    await givenThread(app, group.people.member, topicId);
    const busy = await givenThread(app, group.people.member, topicId);
    await expectEventually(async () => expect(folded(await activities(topicId)).size).toBe(2));
    const before = (await activities(topicId)).length;

    await as(app, group.owner).post(`/api/v1/threads/${busy.id}/pin`).expect(200);
    await as(app, group.owner).post(`/api/v1/threads/${busy.id}/lock`).expect(200);
    const list = await expectEventually(async () => {
      const all = await activities(topicId);
      expect(folded(all).get(busy.id)).toMatchObject({ pinned: true, locked: true, postCount: 1 });
      return all;
    });
    // the quiet thread is not listed again: only threads whose stream moved are
    for (const activity of list.slice(before)) expect(activity.threads.map((t) => t.id)).toEqual([busy.id]);

    const count = list.length;
    const announcer = app.worker!.get(TopicActivity);
    expect(await announcer.announce(topicId)).toEqual({ threads: 0 });
    expect(await Promise.all([announcer.announce(topicId), announcer.announce(topicId)])).toEqual([
      { threads: 0 },
      { threads: 0 },
    ]);
    expect((await activities(topicId)).length).toBe(count);
  });

  it('reaches a subscriber of the topic live, and nobody who may not read the topic', async () => {
    const { app, group, topicId } = ctx;
    const thread = await givenThread(app, group.people.member, topicId);
    const socket = await connectSocket(app, group.people.observer.accessToken);
    try {
      const ack = await subscribe(socket, `topic:${topicId}`);
      expect(ack.ok).toBe(true);
      const post = await givenPost(app, group.people.member, thread.id, 'Neu im Thread');
      const event = await expectEventually(() => {
        const found = socket.received.find(
          (e) =>
            e.type === 'topic.activity' &&
            (e.data as Activity).threads.some((t) => t.id === thread.id && t.lastPostSeq === post.seq),
        );
        expect(found).toBeDefined();
        return found!;
      });
      expect(event).toMatchObject({ stream: `topic:${topicId}`, actorId: null });
    } finally {
      socket.close();
    }
    const outsider = await connectSocket(app, (await givenUser(app)).accessToken);
    try {
      const ack = await subscribe(outsider, `topic:${topicId}`);
      expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } }); // a group topic is not revealed
    } finally {
      outsider.close();
    }
  });
});
