/**
 * A forked load-generator process that holds socket.io client connections and measures what they receive:
 * raw clients (fan-out and idle phases) and the repo's RealtimeClient (reconnect storm).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';
import { RealtimeClient } from '@runde/client';
import type { Envelope, SubscribeAck } from '@runde/client';
import { sentAtOf } from './body';
import { Histogram, HistogramData } from './histogram';
import { now, pool, serve, sleep } from './rpc';

export interface ConnectItem {
  token?: string;
  /** subscribed right after connecting */
  stream?: string;
  /** subscribed later, by `subscribeLater` */
  later?: string;
  /** this client's server, when not the phase's url (several api processes) */
  url?: string;
}

export interface ConnectResult {
  connected: number;
  subscribed: number;
  failed: number;
  errors: string[];
  ms: number;
}

export interface FanoutStats {
  clients: number;
  /** event arrivals in total */
  received: number;
  /** arrivals of a seq this client already had */
  duplicates: number;
  /** arrivals with seq lower than one already received (late, out of order) */
  outOfOrder: number;
  /** arrivals with seq more than one above the highest so far (a hole, maybe filled later) */
  jumps: number;
  /** arrivals with seq <= the head in the subscribe ack (already covered by the ack) */
  beforeHead: number;
  /** sum over clients of (stream head at the end − head at subscribe), when heads are given */
  expected: number;
  /** distinct seqs received in (head at subscribe, head at the end] */
  distinct: number;
  /** expected − distinct */
  missing: number;
  clientsMissing: number;
  /** post→delivery latency of posts sent inside the window */
  latency: HistogramData;
  /** envelope occurredAt (set by the server when it writes the event) → delivery, same posts */
  fromEvent: HistogramData;
  /** arrivals whose receive time is inside the window */
  deliveredInWindow: number;
  windowMs: number;
  /** arrivals per second since the window's phase start */
  timeline: number[];
  loopDelay: { p50: number; p99: number; max: number };
}

interface RawClient {
  socket: Socket;
  stream?: string;
  later?: string;
  startSeq: number;
  maxSeq: number;
  counts: Uint8Array;
}

const groups = new Map<string, RawClient[]>();
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

let win = { phaseStart: 0, start: 0, end: 0 };
const hist = new Histogram();
const fromEvent = new Histogram();
let deliveredInWindow = 0;
let timeline: number[] = [];
const counters = { received: 0, duplicates: 0, outOfOrder: 0, jumps: 0, beforeHead: 0 };

function resetWindow(phaseStart: number, start: number, end: number): void {
  win = { phaseStart, start, end };
  hist.reset();
  fromEvent.reset();
  deliveredInWindow = 0;
  timeline = [];
  for (const k of Object.keys(counters) as Array<keyof typeof counters>) counters[k] = 0;
  loop.reset();
}

function onRawEvent(c: RawClient, e: Envelope): void {
  const at = now();
  counters.received += 1;
  const offset = e.seq - c.startSeq;
  if (offset <= 0) {
    counters.beforeHead += 1;
  } else {
    if (offset >= c.counts.length) {
      const grown = new Uint8Array(Math.max(offset + 1, c.counts.length * 2));
      grown.set(c.counts);
      c.counts = grown;
    }
    if (c.counts[offset]) counters.duplicates += 1;
    else if (e.seq < c.maxSeq) counters.outOfOrder += 1;
    else if (e.seq > c.maxSeq + 1) counters.jumps += 1;
    if (c.counts[offset] < 255) c.counts[offset] += 1;
    if (e.seq > c.maxSeq) c.maxSeq = e.seq;
  }
  const sentAt = sentAtOf((e.data as { post?: { body?: unknown } } | null)?.post?.body);
  if (sentAt >= win.start && sentAt < win.end) {
    hist.record(at - sentAt);
    fromEvent.record(at - Date.parse(e.occurredAt));
  }
  if (at >= win.start && at < win.end) deliveredInWindow += 1;
  const second = Math.floor((at - win.phaseStart) / 1000);
  if (second >= 0 && second < 600) timeline[second] = (timeline[second] ?? 0) + 1;
}

function connectRaw(url: string, item: ConnectItem): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = io(item.url ?? url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 30_000,
      auth: item.token ? { token: item.token } : {},
    });
    const fail = (err: Error) => {
      socket.close();
      reject(err);
    };
    socket.once('connect_error', fail);
    socket.once('connect', () => {
      socket.off('connect_error', fail);
      resolve({
        socket,
        stream: item.stream,
        later: item.later,
        startSeq: 0,
        maxSeq: 0,
        counts: new Uint8Array(64),
      });
    });
  });
}

async function connect(args: {
  group: string;
  url: string;
  items: ConnectItem[];
  concurrency: number;
}): Promise<ConnectResult> {
  const started = now();
  const list = groups.get(args.group) ?? [];
  groups.set(args.group, list);
  const errors: string[] = [];
  let failed = 0;
  let subscribed = 0;
  await pool(args.items, args.concurrency, async (item) => {
    try {
      const c = await connectRaw(args.url, item);
      list.push(c);
      c.socket.on('event', (e: Envelope) => onRawEvent(c, e));
      if (item.stream) {
        const ack = (await c.socket
          .timeout(30_000)
          .emitWithAck('subscribe', { stream: item.stream })) as SubscribeAck;
        if (!ack.ok) throw new Error(`subscribe: ${ack.error.code} ${ack.error.message}`);
        c.startSeq = ack.head;
        c.maxSeq = ack.head;
        subscribed += 1;
      }
    } catch (error) {
      failed += 1;
      if (errors.length < 5) errors.push(error instanceof Error ? error.message : String(error));
    }
  });
  return { connected: args.items.length - failed, subscribed, failed, errors, ms: now() - started };
}

function fanoutStats(args: { heads?: Record<string, number> }): FanoutStats {
  const clients = [...groups.values()].flat().filter((c) => c.stream);
  let expected = 0;
  let distinct = 0;
  let clientsMissing = 0;
  if (args.heads) {
    for (const c of clients) {
      const head = args.heads[c.stream!] ?? c.startSeq;
      const want = Math.max(0, head - c.startSeq);
      let have = 0;
      for (let i = 1; i <= want && i < c.counts.length; i++) if (c.counts[i]) have += 1;
      expected += want;
      distinct += have;
      if (have < want) clientsMissing += 1;
    }
  }
  return {
    clients: clients.length,
    ...counters,
    expected,
    distinct,
    missing: expected - distinct,
    clientsMissing,
    latency: hist.toData(),
    fromEvent: fromEvent.toData(),
    deliveredInWindow,
    windowMs: win.end - win.start,
    timeline: Array.from(timeline, (v) => v ?? 0),
    loopDelay: {
      p50: loop.percentile(50) / 1e6,
      p99: loop.percentile(99) / 1e6,
      max: loop.max / 1e6,
    },
  };
}

async function subscribeLater(args: { group: string; concurrency: number }): Promise<ConnectResult> {
  const started = now();
  const list = (groups.get(args.group) ?? []).filter((c) => c.later);
  const errors: string[] = [];
  let failed = 0;
  await pool(list, args.concurrency, async (c) => {
    try {
      const ack = (await c.socket
        .timeout(30_000)
        .emitWithAck('subscribe', { stream: c.later })) as SubscribeAck;
      if (!ack.ok) throw new Error(`subscribe: ${ack.error.code} ${ack.error.message}`);
    } catch (error) {
      failed += 1;
      if (errors.length < 5) errors.push(error instanceof Error ? error.message : String(error));
    }
  });
  return { connected: list.length, subscribed: list.length - failed, failed, errors, ms: now() - started };
}

async function close(args: { group: string }): Promise<{ closed: number }> {
  const list = groups.get(args.group) ?? [];
  for (const c of list) c.socket.close();
  groups.delete(args.group);
  await sleep(200);
  return { closed: list.length };
}

// ---------------------------------------------------------------- reconnect storm (RealtimeClient)

interface StormClient {
  client: RealtimeClient;
  stream: string;
  last: number;
  delivered: number;
  consumerGaps: number;
  resyncs: number;
  errors: number;
  rawArrivals: number;
  rawHoles: number;
  reconnects: number;
  reconnectedAt?: number;
  /** after the drop: resubscribed (`since` replay applied) and nothing missing up to the ack's head */
  caughtUpAt?: number;
  /** after the drop: first post sent after the drop delivered (includes that post's own latency) */
  liveAt?: number;
  ackHead?: number;
}

let storm: StormClient[] = [];
let dropAt = 0;
/** after the drop: connection attempts and why they failed */
const stormAttempts = { attempts: 0, connectErrors: {} as Record<string, number> };
const stormLatency = new Histogram();

async function stormConnect(args: {
  url: string;
  items: Array<{ token: string; stream: string; url?: string }>;
  concurrency: number;
}): Promise<ConnectResult> {
  const started = now();
  const errors: string[] = [];
  let failed = 0;
  await pool(args.items, args.concurrency, async (item) => {
    const s: StormClient = {
      client: new RealtimeClient({
        url: item.url ?? args.url,
        token: () => item.token,
        socketOptions: { forceNew: true, timeout: 30_000 },
      }),
      stream: item.stream,
      last: 0,
      delivered: 0,
      consumerGaps: 0,
      resyncs: 0,
      errors: 0,
      rawArrivals: 0,
      rawHoles: 0,
      reconnects: 0,
    };
    storm.push(s);
    s.client.socket.io.on('reconnect_attempt', () => {
      if (dropAt) stormAttempts.attempts += 1;
    });
    s.client.socket.on('connect_error', (err: Error) => {
      if (!dropAt) return;
      const key = err.message.slice(0, 60);
      stormAttempts.connectErrors[key] = (stormAttempts.connectErrors[key] ?? 0) + 1;
    });
    s.client.socket.on('connect', () => {
      if (!dropAt) return;
      s.reconnects += 1;
      s.reconnectedAt ??= now();
    });
    // Observe the library's (private) subscribe round trip, to know when a re-subscribe after the drop was
    // answered: caught up = that ack applied and every event up to its head delivered in order.
    const internals = s.client as unknown as {
      request: (stream: string, since?: number) => Promise<SubscribeAck>;
    };
    const request = internals.request.bind(s.client);
    internals.request = async (stream, since) => {
      const ack = await request(stream, since);
      if (dropAt && s.reconnectedAt !== undefined && s.caughtUpAt === undefined && ack.ok && !ack.resync) {
        s.ackHead = Math.max(s.ackHead ?? 0, ack.head);
        if (s.last >= s.ackHead) s.caughtUpAt = now();
      }
      return ack;
    };
    let rawMax = 0;
    s.client.socket.on('event', (e: Envelope) => {
      s.rawArrivals += 1;
      if (rawMax && e.seq > rawMax + 1) s.rawHoles += 1;
      if (e.seq > rawMax) rawMax = e.seq;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('connect timed out')), 30_000);
      s.client.socket.once('connect', () => (clearTimeout(timer), resolve()));
    }).catch((error: unknown) => {
      failed += 1;
      if (errors.length < 5) errors.push(String(error));
    });
    const ack = await s.client.subscribe(item.stream, {
      onEvent: (e) => {
        if (s.last && e.seq !== s.last + 1) s.consumerGaps += 1;
        s.last = e.seq;
        s.delivered += 1;
        const sentAt = sentAtOf((e.data as { post?: { body?: unknown } } | null)?.post?.body);
        const at = now();
        if (sentAt) stormLatency.record(at - sentAt);
        if (dropAt && s.liveAt === undefined && sentAt >= dropAt && s.reconnectedAt !== undefined)
          s.liveAt = at;
        if (s.ackHead !== undefined && s.caughtUpAt === undefined && s.last >= s.ackHead) s.caughtUpAt = at;
      },
      onResync: () => (s.resyncs += 1),
      onError: () => (s.errors += 1),
    });
    if (!ack.ok) {
      failed += 1;
      if (errors.length < 5) errors.push(`subscribe: ${ack.error.code}`);
    } else {
      s.last = ack.head;
    }
  });
  return {
    connected: storm.length - failed,
    subscribed: storm.length - failed,
    failed,
    errors,
    ms: now() - started,
  };
}

/** Drops every storm connection at once, as a network blip would; the clients reconnect by themselves. */
function stormDrop(): { dropAt: number } {
  dropAt = now();
  stormLatency.reset();
  for (const s of storm) (s.client.socket.io as unknown as { engine: { close(): void } }).engine.close();
  return { dropAt };
}

interface StormProgress {
  clients: number;
  reconnected: number;
  caughtUp: number;
  live: number;
  /** ms from the drop until each client caught up */
  catchUp: HistogramData;
  reconnect: HistogramData;
  liveAgain: HistogramData;
}

function stormProgress(): StormProgress {
  const catchUp = new Histogram();
  const reconnect = new Histogram();
  const live = new Histogram();
  for (const s of storm) {
    if (s.caughtUpAt !== undefined) catchUp.record(s.caughtUpAt - dropAt);
    if (s.reconnectedAt !== undefined) reconnect.record(s.reconnectedAt - dropAt);
    if (s.liveAt !== undefined) live.record(s.liveAt - dropAt);
  }
  return {
    clients: storm.length,
    reconnected: reconnect.n,
    caughtUp: catchUp.n,
    live: live.n,
    catchUp: catchUp.toData(),
    reconnect: reconnect.toData(),
    liveAgain: live.toData(),
  };
}

function stormStats(args: { heads: Record<string, number> }) {
  let missing = 0;
  let clientsBehind = 0;
  let consumerGaps = 0;
  let resyncs = 0;
  let errors = 0;
  let delivered = 0;
  let rawArrivals = 0;
  let rawHoles = 0;
  let reconnects = 0;
  for (const s of storm) {
    const head = args.heads[s.stream] ?? 0;
    if (s.last < head) {
      clientsBehind += 1;
      missing += head - s.last;
    }
    consumerGaps += s.consumerGaps;
    resyncs += s.resyncs;
    errors += s.errors;
    delivered += s.delivered;
    rawArrivals += s.rawArrivals;
    rawHoles += s.rawHoles;
    reconnects += s.reconnects;
  }
  return {
    ...stormProgress(),
    missing,
    clientsBehind,
    consumerGaps,
    resyncs,
    errors,
    delivered,
    rawArrivals,
    rawHoles,
    reconnects,
    latency: stormLatency.toData(),
    loopDelay: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
    attempts: stormAttempts.attempts,
    connectErrors: stormAttempts.connectErrors,
  };
}

async function stormClose(): Promise<{ closed: number }> {
  for (const s of storm) s.client.close();
  const n = storm.length;
  storm = [];
  dropAt = 0;
  stormAttempts.attempts = 0;
  stormAttempts.connectErrors = {};
  await sleep(200);
  return { closed: n };
}

serve({
  connect,
  window: (args: { phaseStart: number; start: number; end: number }) => {
    resetWindow(args.phaseStart, args.start, args.end);
    return true;
  },
  stats: fanoutStats,
  close,
  subscribeLater,
  stormConnect,
  stormDrop,
  stormProgress,
  stormStats,
  stormClose,
  loopReset: () => (loop.reset(), true),
});
