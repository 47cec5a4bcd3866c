import { startTestApp, type TestApp } from './test-app';
import { as, givenGroup, TestGroup, TestUser } from './factories';

export async function givenTopic(app: TestApp, group: TestGroup, visibility: 'group' | 'network' = 'group') {
  const res = await as(app, group.owner)
    .post(`/api/v1/groups/${group.id}/topics`)
    .send({ title: `Thema ${visibility}`, visibility })
    .expect(201);
  return res.body as { id: string; groupId: string; visibility: string };
}

export async function givenThread(app: TestApp, author: TestUser, topicId: string, body = 'Erster Beitrag') {
  const res = await as(app, author)
    .post(`/api/v1/topics/${topicId}/threads`)
    .send({ title: 'Ein Thread', body })
    .expect(201);
  return res.body as { id: string; topicId: string; postCount: number };
}

export async function givenPost(
  app: TestApp,
  author: TestUser,
  threadId: string,
  body = 'Ein Beitrag',
  replyToId?: string,
) {
  const res = await as(app, author)
    .post(`/api/v1/threads/${threadId}/posts`)
    .send({ body, ...(replyToId ? { replyToId } : {}) })
    .expect(201);
  return res.body as { id: string; seq: number; threadId: string };
}

export async function eventsOf(app: TestApp, stream: string) {
  const rows: Array<{ seq: string; type: string; data: Record<string, unknown>; actor_id: string | null }> =
    await app.dataSource.query(
      `SELECT seq, type, data, actor_id FROM domain_events WHERE stream = $1 ORDER BY seq`,
      [stream],
    );
  return rows.map((r) => ({ seq: Number(r.seq), type: r.type, data: r.data, actorId: r.actor_id }));
}

/**
 * The setup most discussion and draft test files share: an app for the file, a group with every role, and a
 * topic in it. Call at the top of a `describe`; the fields are set once `beforeAll` has run.
 */
export function useGroupWithTopic(options: Parameters<typeof startTestApp>[0] = {}): {
  app: TestApp;
  group: TestGroup;
  topicId: string;
} {
  const ctx = {} as { app: TestApp; group: TestGroup; topicId: string };
  beforeAll(async () => {
    ctx.app = await startTestApp(options);
    ctx.group = await givenGroup(ctx.app);
    ctx.topicId = (await givenTopic(ctx.app, ctx.group)).id;
  });
  afterAll(() => ctx.app.close());
  return ctx;
}
