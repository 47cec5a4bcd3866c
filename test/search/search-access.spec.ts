import { randomUUID } from 'node:crypto';
import { as, givenAdmin, givenGroup, givenUser, TestGroup, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { expectErrorBody, givenPost, givenThread, givenTopic, uniqueWord } from './search-fixtures';

/** Search finds only what the caller may read: own groups (any role), network topics; admins everything. */
describe('search: who finds what', () => {
  let app: TestApp;
  let ours: TestGroup;
  let theirs: TestGroup;
  let outsider: TestUser;
  let admin: TestUser;
  const word = uniqueWord();
  const hit = {} as Record<
    | 'ourThread'
    | 'ourPost'
    | 'hidden'
    | 'deleted'
    | 'closedThread'
    | 'closedPost'
    | 'openThread'
    | 'openPost',
    string
  >;

  async function found(user: TestUser, extra: Record<string, string> = {}): Promise<string[]> {
    const res = await as(app, user)
      .get('/api/v1/search')
      .query({ q: word, limit: 100, ...extra })
      .expect(200);
    return (res.body.items as Array<{ id: string }>).map((i) => i.id).sort();
  }
  const sorted = (...ids: string[]) => [...ids].sort();

  beforeAll(async () => {
    app = await startTestApp();
    admin = await givenAdmin(app);
    ours = await givenGroup(app);
    theirs = await givenGroup(app);
    outsider = await givenUser(app);
    const me = ours.people.member.id;
    const they = theirs.people.member.id;

    const ourTopic = await givenTopic(app, ours.id, 'group');
    hit.ourThread = await givenThread(app, ourTopic, me, `Unser ${word}`);
    hit.ourPost = await givenPost(app, hit.ourThread, me, `Ein ${word} für uns.`);
    hit.hidden = await givenPost(app, hit.ourThread, me, `Verborgener ${word}.`, { hidden: true });
    hit.deleted = await givenPost(app, hit.ourThread, me, `Gelöschter ${word}.`, { deleted: true });

    const closedTopic = await givenTopic(app, theirs.id, 'group');
    hit.closedThread = await givenThread(app, closedTopic, they, `Interner ${word}`);
    hit.closedPost = await givenPost(app, hit.closedThread, they, `Nur intern: ${word}.`);

    const openTopic = await givenTopic(app, theirs.id, 'network');
    hit.openThread = await givenThread(app, openTopic, they, `Offener ${word}`);
    hit.openPost = await givenPost(app, hit.openThread, they, `Für alle: ${word}.`);
    await givenPost(app, hit.openThread, they, `Versteckt: ${word}.`, { hidden: true });
  });
  afterAll(() => app.close());

  it('shows members (any role) their groups’ content and network topics, never other groups’', async () => {
    const expected = sorted(hit.ourThread, hit.ourPost, hit.openThread, hit.openPost);
    for (const role of ['owner', 'moderator', 'member', 'observer'] as const) {
      expect(await found(ours.people[role])).toEqual(expected);
    }
  });

  it('shows people outside every group only network topics', async () => {
    expect(await found(outsider)).toEqual(sorted(hit.openThread, hit.openPost));
  });

  it('shows platform admins everything except hidden and deleted posts', async () => {
    expect(await found(admin)).toEqual(
      sorted(hit.ourThread, hit.ourPost, hit.closedThread, hit.closedPost, hit.openThread, hit.openPost),
    );
  });

  it('never finds hidden or deleted posts, not even for the group’s moderators', async () => {
    for (const user of [ours.owner, ours.people.moderator, admin]) {
      const ids = await found(user, { type: 'post' });
      expect(ids).not.toContain(hit.hidden);
      expect(ids).not.toContain(hit.deleted);
    }
    const res = await as(app, ours.owner).get('/api/v1/search').query({ q: 'Verborgener' }).expect(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).not.toContain(hit.hidden);
  });

  it('narrows to a readable group; a group the caller may not read is 404 like a missing one', async () => {
    expect(await found(ours.people.observer, { groupId: ours.id })).toEqual(
      sorted(hit.ourThread, hit.ourPost),
    );
    expect(await found(admin, { groupId: theirs.id })).toEqual(
      sorted(hit.closedThread, hit.closedPost, hit.openThread, hit.openPost),
    );
    for (const groupId of [theirs.id, randomUUID()]) {
      const res = await as(app, ours.people.member)
        .get('/api/v1/search')
        .query({ q: word, groupId })
        .expect(404);
      expectErrorBody(res.body, 404, 'NOT_FOUND');
    }
    const res = await as(app, outsider)
      .get('/api/v1/search')
      .query({ q: word, groupId: theirs.id })
      .expect(404);
    expectErrorBody(res.body, 404, 'NOT_FOUND');
  });

  it('follows membership changes at once', async () => {
    const group = await givenGroup(app);
    const topic = await givenTopic(app, group.id, 'group');
    const thread = await givenThread(app, topic, group.owner.id, `Mitglieder ${word}`);
    const leaver = group.people.member;
    expect(await found(leaver)).toContain(thread);
    await as(app, group.owner).delete(`/api/v1/groups/${group.id}/members/${leaver.id}`).expect(204);
    expect(await found(leaver)).not.toContain(thread);
  });
});
