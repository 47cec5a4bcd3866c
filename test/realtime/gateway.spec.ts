import { JwtService } from '@nestjs/jwt';
import { as, givenGroup, givenUser, TestGroup } from '../support/factories';
import { givenPost, givenThread, givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { connectError, connectSocket, subscribe, TestSocket } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

describe('realtime gateway', () => {
  let app: TestApp;
  let group: TestGroup;
  let topicId: string;
  const sockets: TestSocket[] = [];
  const open = async (token?: string, target: TestApp = app) => {
    const s = await connectSocket(target, token);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    topicId = (await givenTopic(app, group)).id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app.close();
  });

  it('refuses a missing, bad or expired token with connect_error "unauthorized"', async () => {
    expect((await connectError(app.url, {})).message).toBe('unauthorized');
    expect((await connectError(app.url, { token: 'nonsense' })).message).toBe('unauthorized');
    expect((await connectError(app.url, { token: 42 })).message).toBe('unauthorized');
    const expired = app.api
      .get(JwtService)
      .sign({ sub: group.owner.id, typ: 'access', exp: Math.floor(Date.now() / 1000) - 1 });
    expect((await connectError(app.url, { token: expired })).message).toBe('unauthorized');
  });

  it('answers forbidden, unknown and malformed subscriptions with error acks, and keeps serving', async () => {
    const s = await open(group.people.member.accessToken);
    const other = await givenGroup(app);
    const foreignThread = await givenThread(app, other.owner, (await givenTopic(app, other)).id);
    expect(await subscribe(s, `thread:${foreignThread.id}`)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.any(String) },
    });
    expect(await subscribe(s, 'thread:9d3a4c1e-2b7f-4e8a-9c6d-5f0e1a2b3c4d')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await subscribe(s, `user:${group.owner.id}`)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await subscribe(s, 'thread:not-a-uuid')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const weird = [
      null,
      42,
      'thread',
      { stream: 7 },
      { stream: `user:${group.people.member.id}`, since: -1 },
      { stream: 'x'.repeat(10_000) },
    ];
    for (const payload of weird) {
      const ack = await s.timeout(5000).emitWithAck('subscribe', payload as never);
      expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    (s as unknown as { emit: (e: string, p: unknown) => void }).emit('subscribe', {
      stream: `user:${group.people.member.id}`,
    }); // no ack callback: ignored, no crash
    expect(await subscribe(s, `user:${group.people.member.id}`)).toMatchObject({
      ok: true,
      head: expect.any(Number),
      missed: [],
    });
  });

  it('10 concurrent posters: every subscriber gets every post.created once, seq 1..N without gaps', async () => {
    const thread = await givenThread(app, group.owner, topicId);
    const subscribers = await Promise.all(
      [group.owner, group.people.observer, group.people.moderator].map((u) => open(u.accessToken)),
    );
    for (const s of subscribers)
      expect(await subscribe(s, `thread:${thread.id}`)).toMatchObject({ ok: true, head: 1 });
    const posters = await Promise.all(Array.from({ length: 10 }, () => givenUser(app)));
    for (const p of posters) {
      await as(app, group.owner)
        .post(`/api/v1/groups/${group.id}/members`)
        .send({ userId: p.id, role: 'member' })
        .expect(201);
    }
    await Promise.all(
      posters.flatMap((p) =>
        Array.from({ length: 5 }, (_, i) => givenPost(app, p, thread.id, `Beitrag ${i}`)),
      ),
    );
    for (const s of subscribers) {
      await expectEventually(() =>
        expect(s.received.filter((e) => e.stream === `thread:${thread.id}`)).toHaveLength(50),
      );
      const seqs = s.received.filter((e) => e.stream === `thread:${thread.id}`).map((e) => e.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
      expect(new Set(s.received.map((e) => e.id)).size).toBe(s.received.length);
      expect(s.received.every((e) => e.type === 'post.created')).toBe(true);
    }
  });

  it('a client that missed 100 events catches up with `since`, in order', async () => {
    const thread = await givenThread(app, group.owner, topicId);
    const s = await open(group.people.member.accessToken);
    const first = await subscribe(s, `thread:${thread.id}`);
    expect(first).toMatchObject({ ok: true, head: 1 });
    s.emit('unsubscribe', { stream: `thread:${thread.id}` });
    for (let i = 0; i < 100; i++) await givenPost(app, group.owner, thread.id, `verpasst ${i}`);
    const ack = await subscribe(s, `thread:${thread.id}`, 1);
    if (!ack.ok) throw new Error('subscribe failed');
    expect(ack.head).toBe(101);
    expect(ack.missed.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    expect(ack.missed[0]).toMatchObject({
      type: 'post.created',
      stream: `thread:${thread.id}`,
      data: { post: { body: 'verpasst 0' } },
    });
    // Events no longer in the log: the client is told to reload.
    await app.dataSource.query(`DELETE FROM domain_events WHERE stream = $1 AND seq < 50`, [
      `thread:${thread.id}`,
    ]);
    expect(await subscribe(s, `thread:${thread.id}`, 10)).toEqual({
      ok: true,
      head: 101,
      missed: [],
      resync: true,
    });
  });

  it('a removed member stops receiving at once', async () => {
    const g = await givenGroup(app);
    const thread = await givenThread(app, g.owner, (await givenTopic(app, g)).id);
    const s = await open(g.people.member.accessToken);
    expect(await subscribe(s, `thread:${thread.id}`)).toMatchObject({ ok: true });
    expect(await subscribe(s, `group:${g.id}`)).toMatchObject({ ok: true });
    const revoked: string[] = [];
    s.on('unsubscribed', ({ stream }) => revoked.push(stream));
    await as(app, g.owner).delete(`/api/v1/groups/${g.id}/members/${g.people.member.id}`).expect(204);
    await expectEventually(() =>
      expect(revoked.sort()).toEqual([`group:${g.id}`, `thread:${thread.id}`].sort()),
    );
    const before = s.received.length;
    await givenPost(app, g.owner, thread.id, 'nicht mehr für dich');
    const watcher = await open(g.owner.accessToken);
    await subscribe(watcher, `thread:${thread.id}`, 1);
    await givenPost(app, g.owner, thread.id, 'noch einer');
    await expectEventually(() => expect(watcher.received.length).toBeGreaterThanOrEqual(1));
    expect(s.received.slice(before).filter((e) => e.stream === `thread:${thread.id}`)).toEqual([]);
    expect(await subscribe(s, `thread:${thread.id}`)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('a topic made group-only ends outsiders’ subscriptions to it, its threads and drafts; members keep theirs', async () => {
    const g = await givenGroup(app);
    const topic = await givenTopic(app, g, 'network');
    const thread = await givenThread(app, g.owner, topic.id);
    const draft = (
      await as(app, g.owner).post(`/api/v1/topics/${topic.id}/drafts`).send({ title: 'Konzept' }).expect(201)
    ).body as { id: string };
    const outsider = await givenUser(app);
    const streams = [`topic:${topic.id}`, `thread:${thread.id}`, `draft:${draft.id}`];
    const out = await open(outsider.accessToken);
    const member = await open(g.people.member.accessToken);
    for (const stream of streams) {
      expect(await subscribe(out, stream)).toMatchObject({ ok: true });
      expect(await subscribe(member, stream)).toMatchObject({ ok: true });
    }
    const revoked: string[] = [];
    const memberRevoked: string[] = [];
    out.on('unsubscribed', ({ stream }) => revoked.push(stream));
    member.on('unsubscribed', ({ stream }) => memberRevoked.push(stream));

    // Only moderators and owners change a topic; outsiders cannot see a group topic, and bad bodies are 400s.
    await as(app, g.people.member).patch(`/api/v1/topics/${topic.id}`).send({ title: 'x' }).expect(403);
    await as(app, g.owner).patch(`/api/v1/topics/${topic.id}`).send({}).expect(400);
    await as(app, g.owner).patch(`/api/v1/topics/${topic.id}`).send({ visibility: 'everyone' }).expect(400);
    const res = await as(app, g.people.moderator)
      .patch(`/api/v1/topics/${topic.id}`)
      .send({ visibility: 'group', title: 'Nur für die AG' })
      .expect(200);
    expect(res.body).toMatchObject({ id: topic.id, visibility: 'group', title: 'Nur für die AG' });

    await expectEventually(() => expect(revoked.sort()).toEqual([...streams].sort()));
    await expectEventually(() =>
      expect(member.received.filter((e) => e.type === 'topic.updated').map((e) => e.stream)).toEqual([
        `topic:${topic.id}`,
      ]),
    );
    const before = out.received.length;
    await givenPost(app, g.owner, thread.id, 'nur noch für Mitglieder');
    await expectEventually(() =>
      expect(
        member.received.some((e) => e.type === 'post.created' && e.stream === `thread:${thread.id}`),
      ).toBe(true),
    );
    expect(memberRevoked).toEqual([]);
    expect(out.received.slice(before).filter((e) => streams.includes(e.stream))).toEqual([]);
    await as(app, outsider).get(`/api/v1/topics/${topic.id}`).expect(404);
    await as(app, outsider).patch(`/api/v1/topics/${topic.id}`).send({ title: 'x' }).expect(404);
    expect(await subscribe(out, `thread:${thread.id}`)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('presence appears and disappears; typing reaches the others', async () => {
    const thread = await givenThread(app, group.owner, topicId);
    const a = await open(group.people.member.accessToken);
    const b = await open(group.people.moderator.accessToken);
    const seenByA: Array<string[]> = [];
    a.on('presence', ({ users }) => seenByA.push(users.map((u) => u.id)));
    await subscribe(a, `thread:${thread.id}`);
    await subscribe(b, `thread:${thread.id}`);
    await expectEventually(() =>
      expect(seenByA.at(-1)?.sort()).toEqual([group.people.member.id, group.people.moderator.id].sort()),
    );
    const typing: string[] = [];
    a.on('typing', ({ userId }) => typing.push(userId));
    b.emit('typing', { stream: `thread:${thread.id}` });
    await expectEventually(() => expect(typing).toEqual([group.people.moderator.id]));
    b.close();
    await expectEventually(() => expect(seenByA.at(-1)).toEqual([group.people.member.id]));
  });

  it('replaces an expiring token with `auth`, refusing someone else’s token', async () => {
    const s = await open(group.people.member.accessToken);
    const fresh = app.api
      .get(JwtService)
      .sign({ sub: group.people.member.id, typ: 'access' }, { expiresIn: 900 });
    expect(await s.timeout(5000).emitWithAck('auth', { token: fresh })).toEqual({ ok: true });
    expect(await s.timeout(5000).emitWithAck('auth', { token: group.owner.accessToken })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await s.timeout(5000).emitWithAck('auth', { token: 'bad' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(await s.timeout(5000).emitWithAck('auth', {} as never)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('closes the connection when the token expires without renewal', async () => {
    const shortLived = app.api
      .get(JwtService)
      .sign({ sub: group.people.member.id, typ: 'access' }, { expiresIn: 2 });
    const s = await open(shortLived);
    expect(s.connected).toBe(true);
    await expectEventually(() => expect(s.connected).toBe(false), { timeoutMs: 8000 });
  });

  it('warns with token_expiring in the last minute; a renewed token keeps the connection past the old expiry', async () => {
    const expiresIn = 3;
    const shortLived = app.api
      .get(JwtService)
      .sign({ sub: group.people.member.id, typ: 'access' }, { expiresIn });
    const oldExpiry = Date.now() + expiresIn * 1000;
    const s = await open(shortLived);
    const warned = new Promise<{ expiresAt: string }>((resolve) => s.once('token_expiring', resolve));
    expect(Date.parse((await warned).expiresAt)).toBeLessThanOrEqual(oldExpiry + 1000);
    const fresh = app.api
      .get(JwtService)
      .sign({ sub: group.people.member.id, typ: 'access' }, { expiresIn: 900 });
    expect(await s.timeout(5000).emitWithAck('auth', { token: fresh })).toEqual({ ok: true });
    // Past the old expiry and two expiry ticks later, the connection is still open (asserting an absence).
    await new Promise((resolve) => setTimeout(resolve, oldExpiry - Date.now() + 2500));
    expect(s.connected).toBe(true);
  });

  it('limits the message rate per socket with RATE_LIMITED acks', async () => {
    const s = await open(group.people.member.accessToken);
    const acks = await Promise.all(
      Array.from({ length: 120 }, () =>
        s.timeout(5000).emitWithAck('unsubscribe', { stream: `thread:${group.id}` }),
      ),
    );
    expect(acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
    expect(s.connected).toBe(true);
  });
});

describe('two api processes', () => {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    one = await startTestApp();
    two = await startTestApp();
  });
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  it('a client on each sees the other’s posts and presence', async () => {
    const group = await givenGroup(one);
    const thread = await givenThread(one, group.owner, (await givenTopic(one, group)).id);
    const a = await connectSocket(one, group.people.member.accessToken);
    const b = await connectSocket(two, group.people.moderator.accessToken);
    try {
      const presenceOnA: string[][] = [];
      a.on('presence', ({ users }) => presenceOnA.push(users.map((u) => u.id)));
      await subscribe(a, `thread:${thread.id}`);
      await subscribe(b, `thread:${thread.id}`);
      await expectEventually(() => expect(presenceOnA.at(-1)?.length).toBe(2));
      await givenPost(two, group.people.moderator, thread.id, 'von Prozess zwei');
      await givenPost(one, group.people.member, thread.id, 'von Prozess eins');
      for (const s of [a, b]) {
        await expectEventually(() => expect(s.received.map((e) => e.seq).sort()).toEqual([2, 3]));
      }
    } finally {
      a.close();
      b.close();
    }
  });
});
