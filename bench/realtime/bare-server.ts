/**
 * The baseline: a bare socket.io server (no auth, no persistence, no Redis adapter) carrying the same traffic.
 * `subscribe {stream}` joins the room; `POST /publish {stream, actorId, body}` numbers the event per stream and
 * broadcasts an envelope shaped like runde's `post.created` to the room. Forked by the benchmark; reports its port.
 */
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const heads = new Map<string, number>();
const threadPostSeq = new Map<string, number>();

function publish(input: { stream: string; actorId: string; body: string }) {
  const seq = (heads.get(input.stream) ?? 0) + 1;
  heads.set(input.stream, seq);
  const threadId = input.stream.slice('thread:'.length);
  const postSeq = (threadPostSeq.get(threadId) ?? 0) + 1;
  threadPostSeq.set(threadId, postSeq);
  const at = new Date().toISOString();
  const post = {
    id: randomUUID(),
    threadId,
    seq: postSeq,
    authorId: input.actorId,
    author: { id: input.actorId, displayName: 'Bench Person', organisation: null, deleted: false },
    body: input.body,
    replyToId: null,
    replyTo: null,
    createdAt: at,
    editedAt: null,
    hidden: false,
    deleted: false,
  };
  io.to(input.stream).emit('event', {
    id: randomUUID(),
    stream: input.stream,
    seq,
    type: 'post.created',
    occurredAt: at,
    actorId: input.actorId,
    data: { post },
  });
  return { ...post, moderation: null };
}

const http = createServer((req: IncomingMessage, res: ServerResponse) => {
  if (req.method === 'POST' && req.url === '/publish') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          stream: string;
          actorId: string;
          body: string;
        };
        const out = JSON.stringify(publish(body));
        res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
        res.end(out);
      } catch (error) {
        res.writeHead(400);
        res.end(String(error));
      }
    });
    return;
  }
  if (req.method === 'GET' && req.url === '/heads') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(Object.fromEntries(heads)));
    return;
  }
  res.writeHead(404);
  res.end();
});

const io = new Server(http, {
  path: '/socket.io',
  maxHttpBufferSize: 1024 * 1024,
  pingInterval: 20_000,
  pingTimeout: 20_000,
  cors: { origin: false },
});

io.on('connection', (socket) => {
  socket.on('subscribe', (payload: { stream?: unknown }, ack?: (r: unknown) => void) => {
    const stream = typeof payload?.stream === 'string' ? payload.stream : '';
    if (!stream) return ack?.({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'stream' } });
    void socket.join(stream);
    ack?.({ ok: true, head: heads.get(stream) ?? 0, missed: [] });
  });
  // The latency probe: an immediate error ack, as runde answers a malformed `unsubscribe`.
  socket.on('unsubscribe', (_payload: unknown, ack?: (r: unknown) => void) =>
    ack?.({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'unsubscribe needs {stream}' } }),
  );
});

// Idle keep-alive connections as long as runde's api keeps them (KEEP_ALIVE_TIMEOUT_MS): with Node's 5 s default the
// poster sometimes reused a connection just as the server closed it, and that post failed with ECONNRESET.
http.keepAliveTimeout = 65_000;
http.headersTimeout = 66_000;

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.send?.({ ready: true, port });
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
