import { as, givenAdmin, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket, subscribe } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 23, finding 2: the group page's open-flag count comes from the server (`GET /groups/:id/flags/count`)
 * and is fetched again on the group stream's `flag.created`, `flag.resolved` and `flag.moved`.
 */
describe('open flags of a group: the count', () => {
  let app: TestApp;
  let group: TestGroup;
  let other: TestGroup;
  let topicId: string;
  let otherTopicId: string;
  let admin: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    other = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
    otherTopicId = (await givenTopic(app, other)).id;
    admin = await givenAdmin(app);
    outsider = await givenUser(app);
    // The group's moderator moderates the other group too: the one who may move threads between them.
    await as(app, other.owner)
      .post(`/api/v1/groups/${other.id}/members`)
      .send({ userId: group.people.moderator.id, role: 'moderator' })
      .expect(201);
  });
  afterAll(() => app.close());

  const countOf = async (groupId: string, user: TestUser = group.people.moderator) =>
    (await as(app, user).get(`/api/v1/groups/${groupId}/flags/count`).expect(200)).body.open as number;
  const flag = async (user: TestUser, postId: string) =>
    (await as(app, user).post(`/api/v1/posts/${postId}/flags`).send({ reason: 'Bitte prüfen' }).expect(201))
      .body.id as string;

  it('owners, moderators and platform admins read it; members and observers may not; outsiders see nothing', async () => {
    for (const user of [group.owner, group.people.moderator, admin])
      await as(app, user)
        .get(`/api/v1/groups/${group.id}/flags/count`)
        .expect(200)
        .expect('Cache-Control', 'no-store');
    for (const user of [group.people.member, group.people.observer])
      await as(app, user).get(`/api/v1/groups/${group.id}/flags/count`).expect(403);
    const hidden = await as(app, outsider).get(`/api/v1/groups/${group.id}/flags/count`).expect(404);
    expect(hidden.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    await as(app, group.people.moderator).get(`/api/v1/groups/not-a-uuid/flags/count`).expect(400);
    await as(app, group.people.moderator).get(`/api/v1/groups/${group.id}/flags/count`).expect(200);
    await as(app).get(`/api/v1/groups/${group.id}/flags/count`).expect(401);
  });

  it('counts each open flag: up with flags, down with resolutions (one closes every flag on its post), live', async () => {
    const base = await countOf(group.id);
    const thread = await givenThread(app, group.people.member, topicId);
    const first = await givenPost(app, group.people.member, thread.id, 'Erster');
    const second = await givenPost(app, group.people.member, thread.id, 'Zweiter');
    const socket = await connectSocket(app, group.people.moderator.accessToken);
    try {
      expect(await subscribe(socket, `group:${group.id}`)).toMatchObject({ ok: true });
      const a = await flag(group.people.observer, first.id);
      await flag(group.people.member, first.id);
      await flag(group.people.observer, second.id);
      expect(await countOf(group.id)).toBe(base + 3);
      expect(await countOf(group.id, group.owner)).toBe(base + 3);

      // Resolving one of the first post's flags closes both: the count falls by two, and the stream says so.
      await as(app, group.people.moderator)
        .post(`/api/v1/flags/${a}/resolve`)
        .send({ action: 'dismiss' })
        .expect(200);
      await expectEventually(async () =>
        expect(socket.received.map((e) => e.type)).toEqual([
          'flag.created',
          'flag.created',
          'flag.created',
          'flag.resolved',
        ]),
      );
      expect(await countOf(group.id)).toBe(base + 1);
      expect(
        (await as(app, group.people.moderator).get(`/api/v1/groups/${group.id}/moderation/queue?limit=100`))
          .body.items,
      ).toHaveLength(base + 1);
    } finally {
      socket.close();
    }
  });

  it('a thread moved to another group takes its open flags from one count to the other, and both streams say so', async () => {
    const fromBase = await countOf(group.id);
    const toBase = await countOf(other.id);
    const thread = await givenThread(app, group.people.member, topicId);
    const post = await givenPost(app, group.people.member, thread.id, 'Wandert mit');
    const resolved = await givenPost(app, group.people.member, thread.id, 'Schon erledigt');
    await flag(group.people.observer, post.id);
    await as(app, group.people.moderator)
      .post(`/api/v1/flags/${await flag(group.people.observer, resolved.id)}/resolve`)
      .send({ action: 'dismiss' })
      .expect(200);
    expect(await countOf(group.id)).toBe(fromBase + 1);

    const fromSocket = await connectSocket(app, group.people.moderator.accessToken);
    const toSocket = await connectSocket(app, other.owner.accessToken);
    try {
      expect(await subscribe(fromSocket, `group:${group.id}`)).toMatchObject({ ok: true });
      expect(await subscribe(toSocket, `group:${other.id}`)).toMatchObject({ ok: true });
      await as(app, group.people.moderator)
        .post(`/api/v1/threads/${thread.id}/move`)
        .send({ topicId: otherTopicId })
        .expect(200);
      for (const socket of [fromSocket, toSocket])
        await expectEventually(async () =>
          expect(socket.received.filter((e) => e.type === 'flag.moved').map((e) => e.data)).toEqual([
            expect.objectContaining({ postId: post.id, fromGroupId: group.id, toGroupId: other.id }),
          ]),
        );
      expect(await countOf(group.id)).toBe(fromBase);
      expect(await countOf(other.id)).toBe(toBase + 1);
      expect(await countOf(other.id, other.owner)).toBe(toBase + 1);
    } finally {
      fromSocket.close();
      toSocket.close();
    }
  });
});
