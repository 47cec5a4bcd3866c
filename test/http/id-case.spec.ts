import { as, givenUser } from '../support/factories';
import { eventsOf, givenThread, givenTopic, useGroupWithTopic } from '../support/discussion-factories';
import { givenDraft } from '../drafts/draft-support';

/**
 * UUIDs are accepted in any case, but a resource has one stream: `<kind>:<id in lower case>`, as PostgreSQL spells
 * the id. A request naming a resource in upper case must write to that stream, never to a second one.
 */
describe('ids in upper case', () => {
  const ctx = useGroupWithTopic();
  const upper = (id: string) => id.toUpperCase();

  /** Streams whose name has an upper-case letter (every stream name is lower case). */
  const upperCaseStreams = async (): Promise<string[]> =>
    (
      (await ctx.app.dataSource.query(
        `SELECT stream FROM event_streams WHERE stream <> lower(stream)`,
      )) as Array<{
        stream: string;
      }>
    ).map((r) => r.stream);

  afterEach(async () => expect(await upperCaseStreams()).toEqual([]));

  it('a post and a lock on a thread named in upper case go to thread:<lower>, in one gapless seq', async () => {
    const { app, group, topicId } = ctx;
    const thread = await givenThread(app, group.owner, upper(topicId));
    expect(thread.topicId).toBe(topicId);
    const post = await as(app, group.people.member)
      .post(`/api/v1/threads/${upper(thread.id)}/posts`)
      .send({ body: 'Großgeschrieben' })
      .expect(201);
    expect(post.body).toMatchObject({ threadId: thread.id, seq: 2 });
    await as(app, group.people.moderator)
      .post(`/api/v1/threads/${upper(thread.id)}/lock`)
      .expect(200);
    expect((await eventsOf(app, `thread:${thread.id}`)).map((e) => [e.seq, e.type])).toEqual([
      [1, 'post.created'],
      [2, 'post.created'],
      [3, 'thread.locked'],
    ]);
    expect((await eventsOf(app, `topic:${topicId}`)).map((e) => e.type)).toContain('thread.created');
  });

  it('moving a thread to a topic named in upper case (route and body) writes to the lower-case streams', async () => {
    const { app, group, topicId } = ctx;
    const thread = await givenThread(app, group.owner, topicId);
    const target = await givenTopic(app, group);
    const moved = await as(app, group.people.moderator)
      .post(`/api/v1/threads/${upper(thread.id)}/move`)
      .send({ topicId: upper(target.id) })
      .expect(200);
    expect(moved.body).toMatchObject({ id: thread.id, topicId: target.id });
    const [event] = (await eventsOf(app, `topic:${target.id}`)).filter((e) => e.type === 'thread.moved');
    expect(event.data).toMatchObject({ fromTopicId: topicId, toTopicId: target.id });
    expect((await eventsOf(app, `thread:${thread.id}`)).map((e) => e.type)).toEqual([
      'post.created',
      'thread.moved',
    ]);
    // Moving it again to where it is, spelled in upper case, changes nothing.
    await as(app, group.people.moderator)
      .post(`/api/v1/threads/${thread.id}/move`)
      .send({ topicId: upper(target.id) })
      .expect(200);
    expect(await eventsOf(app, `thread:${thread.id}`)).toHaveLength(2);
  });

  it('a group changed and a member added through an upper-case group id go to group:<lower>', async () => {
    const { app, group } = ctx;
    const before = (await eventsOf(app, `group:${group.id}`)).length;
    await as(app, group.owner)
      .patch(`/api/v1/groups/${upper(group.id)}`)
      .send({ description: 'Neu beschrieben' })
      .expect(200);
    const newcomer = await givenUser(app);
    const added = await as(app, group.owner)
      .post(`/api/v1/groups/${upper(group.id)}/members`)
      .send({ userId: upper(newcomer.id), role: 'member' })
      .expect(201);
    expect(added.body).toMatchObject({ userId: newcomer.id });
    await as(app, group.owner)
      .delete(`/api/v1/groups/${upper(group.id)}/members/${upper(newcomer.id)}`)
      .expect(204);
    const events = (await eventsOf(app, `group:${group.id}`)).slice(before);
    expect(events.map((e) => e.type)).toEqual(['group.updated', 'member.added', 'member.removed']);
    expect(events[1].data).toMatchObject({ groupId: group.id, member: { userId: newcomer.id } });
    expect(events[2].data).toEqual({ groupId: group.id, userId: newcomer.id });
  });

  it('a draft status change through an upper-case id goes to draft:<lower>', async () => {
    const { app, group, topicId } = ctx;
    const draft = await givenDraft(app, group.owner, topicId, 'Ein Entwurf.');
    const deadline = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    const res = await as(app, group.owner)
      .post(`/api/v1/drafts/${upper(draft.id)}/status`)
      .send({ status: 'consultation', deadline })
      .expect(200);
    expect(res.body).toMatchObject({ id: draft.id, status: 'consultation' });
    const events = await eventsOf(app, `draft:${draft.id}`);
    expect(events.map((e) => e.type)).toContain('draft.status_changed');
  });

  it('a malformed id is still 400 VALIDATION_FAILED', async () => {
    const { app, group } = ctx;
    const res = await as(app, group.owner).get(`/api/v1/threads/not-a-uuid`).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Malformed id: expected a UUID',
      reason: 'MALFORMED_ID',
    });
  });
});
