import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { givenDraft } from '../drafts/draft-support';
import { givenThread, givenTopic } from '../support/discussion-factories';
import { givenGroup, TestGroup } from '../support/factories';
import { connectSocket, subscribe, TestSocket } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

type Emitter = {
  emit(event: string, payload: unknown): void;
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
};

/** Odd payloads: wrong types, wrong shapes, unknown and malformed ids, text where bytes belong, huge values. */
function oddPayloads(ids: { thread: string; draft: string }): unknown[] {
  return [
    undefined,
    null,
    0,
    'thread',
    [],
    [1, 2],
    {},
    { stream: 5 },
    { stream: `thread:${ids.thread}`, since: 'yesterday' },
    { stream: `thread:${ids.thread}`, since: 1e20 },
    { token: 42 },
    { token: 'not.a.token' },
    { draftId: 'not-a-uuid', update: Buffer.from([0]) },
    { draftId: randomUUID(), update: Buffer.from([0]) },
    { draftId: ids.draft, update: 'text, not bytes' },
    { draftId: ids.draft, update: Buffer.from([255, 255, 255, 255, 255]) },
    { draftId: ids.draft, stateVector: [1, 2, 3] },
    { draftId: ids.draft, update: { nested: { deeper: [1, { x: 'y' }] } } },
    { stream: 'x'.repeat(100_000) },
  ];
}

const ACKED = ['subscribe', 'unsubscribe', 'auth', 'draft:sync', 'draft:update'];
const UNACKED = ['typing', 'draft:awareness'];
const REFUSALS = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
];

/**
 * Every client event of the gateway with odd payloads, with and without an ack callback: each acked event is
 * answered (a refusal with a contract code, or ok), nothing ends the connection or the process, and the draft
 * is untouched.
 */
describe('every socket event, odd payloads: answered, never fatal', () => {
  let app: TestApp;
  let group: TestGroup;
  const ids = { thread: '', draft: '' };
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    app = await startTestApp();
    group = await givenGroup(app);
    const topicId = (await givenTopic(app, group)).id;
    ids.thread = (await givenThread(app, group.owner, topicId)).id;
    ids.draft = (await givenDraft(app, group.people.member, topicId, 'Unberührt.')).id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app.close();
  });

  it.each(ACKED)('%s: every odd payload gets an answer, and the socket keeps serving', async (event) => {
    const socket = await connectSocket(app, group.people.member.accessToken);
    sockets.push(socket);
    const raw = socket as unknown as Emitter;
    for (const payload of oddPayloads(ids)) {
      const ack = (await raw.timeout(5000).emitWithAck(event, payload)) as {
        ok: boolean;
        error?: { code: string; message: string };
      };
      if (!ack.ok) {
        expect(REFUSALS).toContain(ack.error?.code);
        expect(typeof ack.error?.message).toBe('string');
      }
      raw.emit(event, payload); // the same without a callback: ignored or done, never a crash
    }
    expect(socket.connected).toBe(true);
    expect(await subscribe(socket, `thread:${ids.thread}`)).toMatchObject({ ok: true });
  });

  it.each(UNACKED)('%s: odd payloads are dropped, the socket keeps serving', async (event) => {
    const socket = await connectSocket(app, group.people.member.accessToken);
    sockets.push(socket);
    const raw = socket as unknown as Emitter;
    for (const payload of oddPayloads(ids)) raw.emit(event, payload);
    expect(await subscribe(socket, `thread:${ids.thread}`)).toMatchObject({ ok: true });
    expect(socket.connected).toBe(true);
  });

  it('leaves the draft and the server as they were', async () => {
    const draft = await request(app.url)
      .get(`/api/v1/drafts/${ids.draft}`)
      .auth(group.people.member.accessToken, { type: 'bearer' })
      .expect(200);
    expect(draft.body).toMatchObject({ content: 'Unberührt.', version: 1 });
    await request(app.url).get('/health').expect(200);
  });
});
