import { randomUUID } from 'node:crypto';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { as, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { addMember, expectErrorBody } from '../notifications/notification-helpers';

/**
 * What the composer's @mentions need from the api: members of the thread's group found by part of a name or of
 * an organisation (`GET /groups/:id/members?q=`), and the names of the people a thread's posts mention by id
 * (`GET /threads/:id/mentions`). Neither names anyone the caller could not see anyway.
 */
describe('mention suggestions and mentioned names', () => {
  let app: TestApp;
  let group: TestGroup;
  let other: TestGroup;
  let tag: string;
  let jurgen: TestUser;
  let stranger: TestUser;
  let orgName: string;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    other = await givenGroup(app);
    tag = randomUUID().slice(0, 6);
    orgName = `Landratsamt Suchheim ${tag}`;
    const [org] = await app.dataSource.query(
      `INSERT INTO organisations (name, kind) VALUES ($1, 'Landkreis') RETURNING id`,
      [orgName],
    );
    jurgen = await givenUser(app, { displayName: `Jürgen Öztürk ${tag}`, organisationId: org.id });
    await addMember(app, group, jurgen);
    // Someone of another group with a matching name: never suggested here.
    stranger = await givenUser(app, { displayName: `Jürgen Fremd ${tag}` });
    await addMember(app, other, stranger);
  });
  afterAll(() => app.close());

  const search = (user: TestUser, q: string, groupId = group.id) =>
    as(app, user).get(`/api/v1/groups/${groupId}/members?q=${encodeURIComponent(q)}&limit=10`);

  it('finds members by part of the name (any case, umlauts) or of the organisation, only in this group', async () => {
    for (const q of [`jürgen`, `ÖZTÜRK ${tag}`, `suchheim ${tag}`]) {
      const res = await search(group.people.member, q).expect(200);
      expect(res.body.items.map((m: { userId: string }) => m.userId)).toEqual([jurgen.id]);
    }
    const res = await search(group.people.member, tag).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        userId: jurgen.id,
        displayName: `Jürgen Öztürk ${tag}`,
        organisation: expect.objectContaining({ name: orgName }),
        role: 'member',
      }),
    ]);
    // Wildcards are plain characters.
    expect((await search(group.people.member, '%').expect(200)).body.items).toEqual([]);
    expect((await search(group.people.member, '_').expect(200)).body.items).toEqual([]);
    // Without q, the whole list as before.
    const all = await as(app, group.people.member).get(`/api/v1/groups/${group.id}/members`).expect(200);
    expect(all.body.items).toHaveLength(5);
  });

  it('refuses outsiders and bad input with the contract’s error body', async () => {
    const outsider = await search(stranger, 'jürgen').expect(404);
    expectErrorBody(outsider.body, 404);
    const long = await search(group.people.member, 'x'.repeat(101)).expect(400);
    expectErrorBody(long.body, 400);
    expect(long.body.code).toBe('VALIDATION_FAILED');
    await as(app, group.people.member).get(`/api/v1/groups/not-a-uuid/members?q=a`).expect(400);
    await as(app).get(`/api/v1/groups/${group.id}/members?q=a`).expect(401);
  });

  it('names the people mentioned by id in the posts the caller may read', async () => {
    const topicId = (await givenTopic(app, group)).id;
    const thread = await givenThread(app, group.people.member, topicId, `Frage an @${jurgen.id}`);
    const hidden = await givenPost(
      app,
      group.people.member,
      thread.id,
      `Und an @<${stranger.id.toUpperCase()}>`,
    );
    await givenPost(app, group.people.owner, thread.id, 'Eine Mail an x@example.org, kein Name: @Niemand');
    await as(app, group.people.moderator)
      .post(`/api/v1/posts/${hidden.id}/hide`)
      .send({ reasonCode: 'off_topic' })
      .expect(200);

    const names = async (user: TestUser) =>
      (await as(app, user).get(`/api/v1/threads/${thread.id}/mentions`).expect(200)).body.items
        .map((p: { id: string; displayName: string }) => `${p.id} ${p.displayName}`)
        .sort();
    // The hidden post's mention counts for its author and the moderators only.
    expect(await names(group.people.observer)).toEqual([`${jurgen.id} Jürgen Öztürk ${tag}`]);
    expect(await names(group.people.member)).toEqual(
      [`${jurgen.id} Jürgen Öztürk ${tag}`, `${stranger.id} Jürgen Fremd ${tag}`].sort(),
    );
    expect(await names(group.people.moderator)).toHaveLength(2);

    const outsider = await as(app, stranger).get(`/api/v1/threads/${thread.id}/mentions`).expect(404);
    expectErrorBody(outsider.body, 404);
    await as(app, stranger).get(`/api/v1/threads/nope/mentions`).expect(400);
    await as(app).get(`/api/v1/threads/${thread.id}/mentions`).expect(401);
  });

  it('in a network topic, every signed-in reader gets the names (they could read them in the posts)', async () => {
    const topicId = (await givenTopic(app, group, 'network')).id;
    const thread = await givenThread(app, group.people.member, topicId, `Frage an @${jurgen.id}`);
    const reader = await givenUser(app);
    const res = await as(app, reader).get(`/api/v1/threads/${thread.id}/mentions`).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ id: jurgen.id, displayName: `Jürgen Öztürk ${tag}`, deleted: false }),
    ]);
    // … but not the group's members.
    await search(reader, 'jürgen').expect(404);
  });
});
