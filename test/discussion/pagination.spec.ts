import { as, givenGroup, TestGroup } from '../support/factories';
import { givenThread, givenTopic } from '../support/discussion-factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('post pagination under concurrent writes', () => {
  let app: TestApp;
  let group: TestGroup;
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
  });
  afterAll(() => app.close());

  it('500 posts written while paging: every post is seen exactly once, in seq order', async () => {
    const topic = await givenTopic(app, group);
    const thread = await givenThread(app, group.owner, topic.id);
    const writers = [group.owner, group.people.moderator, group.people.member];
    const TOTAL = 500;
    let written = 0;
    const writing = (async () => {
      // 5 concurrent writers until 500 posts (plus the first) exist.
      await Promise.all(
        Array.from({ length: 5 }, async (_, w) => {
          while (written < TOTAL) {
            written += 1;
            await as(app, writers[w % writers.length])
              .post(`/api/v1/threads/${thread.id}/posts`)
              .send({ body: `p${written}` })
              .expect(201);
          }
        }),
      );
    })();

    const seen: number[] = [];
    let after = 0;
    let writersDone = false;
    void writing.then(() => (writersDone = true));
    for (;;) {
      // Only a page asked for after every post was acknowledged can show that nothing is left: a request sent
      // earlier may be answered after the writers finish, without the last posts.
      const askedAfterWriting = writersDone;
      const res = await as(app, group.people.observer)
        .get(`/api/v1/threads/${thread.id}/posts?after=${after}&limit=7`)
        .expect(200);
      for (const p of res.body.items as Array<{ seq: number }>) seen.push(p.seq);
      if (res.body.items.length) after = res.body.items.at(-1).seq;
      if (askedAfterWriting && res.body.nextCursor === null && res.body.items.length === 0) break;
      if (res.body.nextCursor !== null) expect(res.body.nextCursor).toBe(String(after));
    }
    await writing;
    expect(seen).toEqual(Array.from({ length: TOTAL + 1 }, (_, i) => i + 1));
  }, 180_000); // 500 HTTP posts: a budget for a busy machine, not a speed assertion
});
