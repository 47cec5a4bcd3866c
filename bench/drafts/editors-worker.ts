/**
 * A forked load-generator process holding live editors: each one a real socket.io client (websocket transport,
 * its own connection and JWT) with a Y.Doc kept in step over `draft:sync` / `draft:update`, typing small edits
 * into the text blocks of the rich-text document (the Y.XmlFragment `prosemirror`: characters and backspaces in a
 * paragraph or heading, now and then Enter for a new paragraph; see blocks.ts) at a fixed rate, like the browser
 * binding (one update in flight per editor; what is typed meanwhile is merged into the next one).
 *
 * What it measures, per update sent inside the window:
 * - update→peer: from the `draft:update` emit to the arrival of the broadcast at each of the draft's other editors.
 *   Updates are matched by their first struct id (sender's clientID + clock), read from the update's header.
 * - persistence lag: emit → ack (the server acknowledges after the update is committed to PostgreSQL).
 * - typed→peer / typed→ack: the same from the keystroke (includes waiting for the previous update's ack).
 * All editors of a draft live in the same process, so sender and receivers share one clock.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { readDoc, toMarkdown } from '@runde/richtext';
import { Blocks, mulberry32 } from './blocks';
import { Samples } from './stats';
import { now, pool, serve } from './support';

export interface EditorSpec {
  draftId: string;
  token: string;
  /** global editor number (seed of its random edits) */
  index: number;
}

export interface SetupArgs {
  url: string;
  editors: EditorSpec[];
  concurrency: number;
}

export interface SetupResult {
  connected: number;
  failed: number;
  errors: string[];
  ms: number;
  connectMs: number[];
  syncMs: number[];
}

export interface RunArgs {
  startAt: number;
  windowStart: number;
  windowEnd: number;
  stopAt: number;
  ratePerEditor: number;
  ackTimeoutMs: number;
}

export interface EditorStats {
  editors: number;
  typed: number;
  typedInWindow: number;
  sent: number;
  sentInWindow: number;
  /** sends that carried more than one edit (the previous update was still unacknowledged) */
  mergedSends: number;
  acked: number;
  ackedInWindow: number;
  errors: number;
  errorSamples: string[];
  /** broadcasts received (all editors) */
  received: number;
  /** broadcasts of an editor's own update (the sender is in the room too) */
  echoes: number;
  /** broadcasts that matched no update sent by this process */
  unmatched: number;
  /** versions an editor never heard of: neither broadcast to it nor acknowledged to it (its own are not echoed) */
  versionGaps: number;
  /** broadcasts with a version at or below one already seen */
  versionRepeats: number;
  /** peer deliveries of in-window updates: expected (acked × (editors−1)) and recorded */
  peerExpected: number;
  peerDelivered: number;
  peer: number[];
  persist: number[];
  typedPeer: number[];
  typedAck: number[];
  /** acks of in-window sends per second of the window */
  ackTimeline: number[];
  loopDelay: { p50: number; p99: number; max: number };
}

/** Where the latencies of an update go: the measured window, the single-editor baseline, or nowhere. */
interface Sink {
  peer: Samples;
  persist: Samples;
  typedPeer: Samples;
  typedAck: Samples;
}

const newSink = (): Sink => ({
  peer: new Samples(),
  persist: new Samples(),
  typedPeer: new Samples(),
  typedAck: new Samples(),
});

interface Sent {
  sender: Editor;
  sentAt: number;
  typedAt: number;
  inWindow: boolean;
  sink: Sink | null;
  peersLeft: number;
  acked: boolean;
}

class Editor {
  readonly doc = new Y.Doc();
  readonly blocks: Blocks;
  socket!: Socket;
  pending: Uint8Array[] = [];
  /** Received updates not applied yet: applied together before the editor's next keystroke (see catchUp). */
  inbox: Uint8Array[] = [];
  pendingTypedAt = 0;
  inFlight = false;
  /** highest version heard of (broadcasts and own acks) */
  lastVersion = 0;
  /** the version of the first sync, and every version heard of after it (broadcast to it, or its own ack) */
  syncVersion = 0;
  readonly heard = new Set<number>();
  ackedVersion = 0;
  consecutiveErrors = 0;
  done = false;
  timer?: NodeJS.Timeout;
  readonly rnd: () => number;

  constructor(readonly spec: EditorSpec) {
    this.rnd = mulberry32(0x5eed + spec.index * 7919);
    this.blocks = new Blocks(this.doc, this.rnd);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      if (!this.pending.length) this.pendingTypedAt = now();
      this.pending.push(update);
    });
  }
}

/** The first struct id of a Yjs v1 update ("client:clock"), or null for a delete-only update. */
export function keyOf(update: Uint8Array): string | null {
  let pos = 0;
  const varUint = (): number => {
    let num = 0;
    let mult = 1;
    for (;;) {
      const byte = update[pos++];
      if (byte === undefined) throw new Error('truncated update');
      num += (byte & 0x7f) * mult;
      if (byte < 0x80) return num;
      mult *= 128;
    }
  };
  const clients = varUint();
  if (clients === 0) return null;
  varUint(); // number of structs of the first client
  const client = varUint();
  const clock = varUint();
  return `${client}:${clock}`;
}

const editors: Editor[] = [];
const byDraft = new Map<string, Editor[]>();
const registry = new Map<string, Sent>();
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let win = { start: 0, end: 0 };
let loopDelay = { p50: 0, p99: 0, max: 0 };
const c = {
  typed: 0,
  typedInWindow: 0,
  sent: 0,
  sentInWindow: 0,
  mergedSends: 0,
  acked: 0,
  ackedInWindow: 0,
  errors: 0,
  received: 0,
  echoes: 0,
  unmatched: 0,
  versionGaps: 0,
  versionRepeats: 0,
};
const errorSamples: string[] = [];
const windowSink = newSink();
/**
 * BENCH_DRAFTS_TIMELINE=<prefix>: each window update's [ms after the window start, persistence lag ms], written to
 * <prefix>-<pid>.json as `{start, timeline}` (`start`: the window's start in ms since the epoch, so that stalls can
 * be lined up with other processes' logs).
 */
const TIMELINE = process.env.BENCH_DRAFTS_TIMELINE;
const timeline: Array<[number, number]> = [];
let baselineSink: Sink | null = null;
let ackTimeline: number[] = [];
let ackTimeoutMs = 10_000;

const CHARS = 'abcdefghijklmnopqrstuvwxyz äöüß,.';

/**
 * Applies what the editor received since its last keystroke, in one transaction. Arrival is timed when an update
 * comes in; applying it can wait until the editor types again (as in a busy browser tab) and costs the load
 * generator much less in one go than update by update, which leaves more of the machine to the server measured.
 */
function catchUp(e: Editor): void {
  if (!e.inbox.length) return;
  const inbox = e.inbox;
  e.inbox = [];
  e.doc.transact(() => {
    for (const update of inbox) Y.applyUpdate(e.doc, update, 'remote');
  }, 'remote');
}

/**
 * One update's worth of typing at the editor's cursor: now and then the cursor moves to another block (5 %) or
 * Enter starts a new paragraph (1 %), sometimes a backspace (20 %: a character, or at a block's start a join with
 * the block before), then 1–3 characters.
 */
function typeSomething(e: Editor): void {
  catchUp(e);
  const b = e.blocks;
  e.doc.transact(() => {
    if (e.rnd() < 0.05 || !b.block) b.jump();
    if (e.rnd() < 0.01) b.enter();
    else if (e.rnd() < 0.2) b.backspace();
    const n = 1 + Math.floor(e.rnd() * 3);
    let s = '';
    for (let i = 0; i < n; i++) s += CHARS[Math.floor(e.rnd() * CHARS.length)];
    b.type(s);
  });
}

function flush(e: Editor): void {
  if (e.inFlight || !e.pending.length || !e.socket.connected) return;
  const update = e.pending.length === 1 ? e.pending[0] : Y.mergeUpdates(e.pending);
  if (e.pending.length > 1) c.mergedSends++;
  const typedAt = e.pendingTypedAt;
  e.pending = [];
  const sentAt = now();
  const inWindow = sentAt >= win.start && sentAt < win.end;
  const key = keyOf(update);
  const entry: Sent = {
    sender: e,
    sentAt,
    typedAt,
    inWindow,
    sink: inWindow ? windowSink : baselineSink,
    peersLeft: (byDraft.get(e.spec.draftId)?.length ?? 1) - 1,
    acked: false,
  };
  if (key) registry.set(key, entry);
  c.sent++;
  if (inWindow) c.sentInWindow++;
  e.inFlight = true;
  e.socket
    .timeout(ackTimeoutMs)
    .emit(
      'draft:update',
      { draftId: e.spec.draftId, update },
      (
        err: Error | null,
        ack?: { ok: boolean; version?: number; error?: { code: string; message: string } },
      ) => {
        const t = now();
        e.inFlight = false;
        if (err || !ack?.ok) {
          c.errors++;
          e.consecutiveErrors++;
          if (errorSamples.length < 10)
            errorSamples.push(err ? `ack: ${err.message}` : `${ack?.error?.code}: ${ack?.error?.message}`);
          // Like the browser binding: keep the edit and send it again with what was typed since (a resend
          // of something already committed changes nothing on the server).
          if (e.consecutiveErrors <= 5) {
            e.pending.unshift(update);
            e.pendingTypedAt = typedAt;
          }
        } else {
          e.consecutiveErrors = 0;
          entry.acked = true;
          c.acked++;
          e.ackedVersion = Math.max(e.ackedVersion, ack.version ?? 0);
          // The server does not echo an update to its sender: its own versions arrive as acks.
          if (typeof ack.version === 'number') {
            e.heard.add(ack.version);
            e.lastVersion = Math.max(e.lastVersion, ack.version);
          }
          entry.sink?.persist.push(t - sentAt);
          if (inWindow && TIMELINE) timeline.push([Math.round(sentAt - win.start), Math.round(t - sentAt)]);
          entry.sink?.typedAck.push(t - typedAt);
          if (inWindow) {
            c.ackedInWindow++;
            const second = Math.floor((sentAt - win.start) / 1000);
            ackTimeline[second] = (ackTimeline[second] ?? 0) + 1;
          }
        }
        flush(e);
      },
    );
}

function onRemote(e: Editor, payload: { draftId: string; update: Uint8Array; version?: number }): void {
  const t = now();
  if (payload?.draftId !== e.spec.draftId) return;
  c.received++;
  const update = new Uint8Array(payload.update);
  e.inbox.push(update);
  const v = payload.version;
  if (typeof v === 'number') {
    if (e.heard.has(v) || v <= e.syncVersion) c.versionRepeats++;
    e.heard.add(v);
    e.lastVersion = Math.max(e.lastVersion, v);
  }
  const key = keyOf(update);
  const sent = key ? registry.get(key) : undefined;
  if (!sent) {
    c.unmatched++;
    return;
  }
  if (sent.sender === e) {
    c.echoes++;
    return;
  }
  sent.peersLeft--;
  sent.sink?.peer.push(t - sent.sentAt);
  sent.sink?.typedPeer.push(t - sent.typedAt);
}

async function connectEditor(url: string, spec: EditorSpec): Promise<{ connectMs: number; syncMs: number }> {
  const e = new Editor(spec);
  const t0 = now();
  const socket = io(url, {
    transports: ['websocket'],
    auth: { token: spec.token },
    reconnection: false,
    forceNew: true,
  });
  e.socket = socket;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timeout')), 20_000);
    socket.once('connect', () => (clearTimeout(timer), resolve()));
    socket.once('connect_error', (err) => (clearTimeout(timer), reject(err)));
  });
  const connectMs = now() - t0;
  socket.on('draft:update', (payload) => onRemote(e, payload));
  socket.on('disconnect', (reason) => {
    if (!e.done && errorSamples.length < 10)
      errorSamples.push(`editor ${spec.index} disconnected: ${reason}`);
  });
  const sub = await socket.timeout(15_000).emitWithAck('subscribe', { stream: `draft:${spec.draftId}` });
  if (!sub?.ok) throw new Error(`subscribe draft:${spec.draftId}: ${JSON.stringify(sub?.error ?? sub)}`);
  const t1 = now();
  const ack = await socket
    .timeout(15_000)
    .emitWithAck('draft:sync', { draftId: spec.draftId, stateVector: Y.encodeStateVector(e.doc) });
  if (!ack?.ok) throw new Error(`draft:sync: ${JSON.stringify(ack?.error ?? ack)}`);
  Y.applyUpdate(e.doc, new Uint8Array(ack.update), 'remote');
  e.lastVersion = Math.max(e.lastVersion, ack.version);
  e.syncVersion = ack.version;
  e.ackedVersion = ack.version;
  e.blocks.jump();
  editors.push(e);
  const list = byDraft.get(spec.draftId) ?? [];
  list.push(e);
  byDraft.set(spec.draftId, list);
  return { connectMs, syncMs: now() - t1 };
}

function schedule(e: Editor, args: RunArgs): void {
  const period = 1000 / args.ratePerEditor;
  const offset = e.rnd() * period;
  let k = 0;
  const next = () => {
    const at = args.startAt + offset + k * period;
    if (at >= args.stopAt) {
      e.done = true;
      return;
    }
    e.timer = setTimeout(
      () => {
        const t = now();
        typeSomething(e);
        c.typed++;
        if (t >= win.start && t < win.end) c.typedInWindow++;
        flush(e);
        k++;
        next();
      },
      Math.max(0, at - now()),
    );
  };
  next();
}

// A normal exit on SIGTERM, so that node --cpu-prof (BENCH_EDITORS_NODE_ARGS) writes its profile.
process.on('SIGTERM', () => process.exit(0));

serve({
  async setup(args: SetupArgs): Promise<SetupResult> {
    const t0 = now();
    const errors: string[] = [];
    const connectMs: number[] = [];
    const syncMs: number[] = [];
    let failed = 0;
    await pool(args.editors, args.concurrency, async (spec) => {
      try {
        const r = await connectEditor(args.url, spec);
        connectMs.push(Math.round(r.connectMs * 100) / 100);
        syncMs.push(Math.round(r.syncMs * 100) / 100);
      } catch (error) {
        failed++;
        if (errors.length < 10) errors.push(error instanceof Error ? error.message : String(error));
      }
    });
    return { connected: editors.length, failed, errors, ms: now() - t0, connectMs, syncMs };
  },

  /**
   * Before the load: one editor of the first draft types `count` edits, one every `intervalMs`, each sent on its
   * own, while the draft's other editors receive — the latency of a single update with no queue in front of it.
   */
  async baseline(args: {
    count: number;
    intervalMs: number;
  }): Promise<{ peer: number[]; persist: number[]; errors: number }> {
    const first = byDraft.values().next().value as Editor[] | undefined;
    if (!first?.length) throw new Error('no editors');
    const e = first[0];
    baselineSink = newSink();
    const errorsBefore = c.errors;
    for (let i = 0; i < args.count; i++) {
      typeSomething(e);
      flush(e);
      await new Promise((r) => setTimeout(r, args.intervalMs));
    }
    const t0 = now();
    while (
      (e.inFlight ||
        e.pending.length ||
        [...registry.values()].some((s) => s.sink === baselineSink && s.peersLeft > 0)) &&
      now() - t0 < 10_000
    )
      await new Promise((r) => setTimeout(r, 20));
    const out = {
      peer: baselineSink.peer.toArray(),
      persist: baselineSink.persist.toArray(),
      errors: c.errors - errorsBefore,
    };
    baselineSink = null;
    return out;
  },

  run(args: RunArgs): { ok: true } {
    win = { start: args.windowStart, end: args.windowEnd };
    ackTimeoutMs = args.ackTimeoutMs;
    ackTimeline = new Array(Math.ceil((args.windowEnd - args.windowStart) / 1000)).fill(0);
    setTimeout(() => loop.reset(), Math.max(0, args.windowStart - now()));
    setTimeout(
      () => {
        loopDelay = {
          p50: loop.percentile(50) / 1e6,
          p99: loop.percentile(99) / 1e6,
          max: loop.max / 1e6,
        };
      },
      Math.max(0, args.windowEnd - now()),
    );
    for (const e of editors) schedule(e, args);
    return { ok: true };
  },

  /** Waits until typing has stopped, every update is acknowledged and every broadcast has arrived. */
  async drain(args: { timeoutMs: number }): Promise<{ quiet: boolean; ms: number; waitingAcks: number }> {
    const t0 = now();
    for (;;) {
      const busy = editors.filter((e) => !e.done || e.inFlight || e.pending.length).length;
      let undelivered = 0;
      for (const s of registry.values()) if (s.acked && s.peersLeft > 0) undelivered++;
      if (busy === 0 && undelivered === 0) return { quiet: true, ms: now() - t0, waitingAcks: 0 };
      if (now() - t0 > args.timeoutMs) return { quiet: false, ms: now() - t0, waitingAcks: busy };
      await new Promise((r) => setTimeout(r, 50));
    }
  },

  stats(): EditorStats {
    let peerExpected = 0;
    let peerDelivered = 0;
    for (const s of registry.values()) {
      if (!s.inWindow || !s.acked) continue;
      const peers = (byDraft.get(s.sender.spec.draftId)?.length ?? 1) - 1;
      peerExpected += peers;
      peerDelivered += peers - Math.max(0, s.peersLeft);
    }
    c.versionGaps = 0;
    for (const e of editors) {
      let heard = 0;
      for (const v of e.heard) if (v > e.syncVersion && v <= e.lastVersion) heard++;
      c.versionGaps += e.lastVersion - e.syncVersion - heard;
    }
    if (TIMELINE)
      writeFileSync(`${TIMELINE}-${process.pid}.json`, JSON.stringify({ start: win.start, timeline }));
    return {
      editors: editors.length,
      ...c,
      errorSamples,
      peerExpected,
      peerDelivered,
      peer: windowSink.peer.toArray(),
      persist: windowSink.persist.toArray(),
      typedPeer: windowSink.typedPeer.toArray(),
      typedAck: windowSink.typedAck.toArray(),
      ackTimeline,
      loopDelay,
    };
  },

  /** Per draft: whether its editors' documents are identical (their Markdown), the Markdown, and the versions they reached. */
  texts(): Array<{
    draftId: string;
    equal: boolean;
    text: string;
    lastVersions: number[];
    ackedVersions: number[];
  }> {
    return [...byDraft.entries()].map(([draftId, list]) => {
      const texts = list.map((e) => (catchUp(e), toMarkdown(readDoc(e.doc))));
      return {
        draftId,
        equal: texts.every((t) => t === texts[0]),
        text: texts[0],
        lastVersions: list.map((e) => e.lastVersion),
        ackedVersions: list.map((e) => e.ackedVersion),
      };
    });
  },

  close(): { ok: true } {
    for (const e of editors) {
      e.done = true;
      if (e.timer) clearTimeout(e.timer);
      e.socket.close();
    }
    return { ok: true };
  },
});
