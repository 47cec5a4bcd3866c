import type { TestApp } from './test-app';
import { as, TestGroup, TestUser } from './factories';

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
