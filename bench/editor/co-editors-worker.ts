/**
 * A forked process holding the browser benchmark's co-editors: Node clients that speak the live draft protocol as
 * the browser does (apps/web/src/lib/draft-session.ts): libs/client's RealtimeClient (websocket, subscribe to
 * `draft:<id>`), `draft:sync` with the state vector, local edits queued and sent merged as `draft:update` 30 ms
 * after the first one (one in flight, kept until acknowledged), others' updates and awareness applied as they
 * arrive, and the cursor announced as awareness after every keystroke (y-prosemirror's cursor field: `anchor` and
 * `head` as relative positions in the block's text). Each co-editor types into a paragraph of its own
 * (blocks.ts: characters and some backspaces) at a fixed rate.
 */
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { RealtimeClient } from '@runde/client';
import { fragmentOf, readDoc, toMarkdown } from '@runde/richtext';
import { Blocks, mulberry32 } from '../drafts/blocks';
import { now, pool, serve } from '../drafts/support';

const REMOTE = 'remote';
const CHARS = 'abcdefghijklmnopqrstuvwxyz äöüß,.';

export interface CoEditorSpec {
  token: string;
  name: string;
  /** index of the top-level paragraph (among the document's paragraphs) it types into */
  paragraph: number;
}

type Bytes = Uint8Array | ArrayBuffer | number[];
const toBytes = (b: Bytes): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(b as ArrayBuffer));

class CoEditor {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly rnd: () => number;
  readonly blocks: Blocks;
  client!: RealtimeClient;
  pending: Uint8Array[] = [];
  flushing = false;
  flushTimer?: NodeJS.Timeout;
  typeTimer?: NodeJS.Timeout;
  typed = 0;
  sent = 0;
  acked = 0;
  errors = 0;
  received = 0;
  awarenessReceived = 0;

  constructor(
    readonly draftId: string,
    readonly spec: CoEditorSpec,
    index: number,
  ) {
    this.rnd = mulberry32(0xc0ed + index * 104729);
    this.blocks = new Blocks(this.doc, this.rnd);
    const hue = (index * 36) % 360;
    this.awareness.setLocalStateField('user', {
      name: spec.name,
      color: `hsl(${hue} 70% 32%)`,
      colorLight: `hsl(${hue} 70% 32% / 0.2)`,
    });
  }
}

const editors: CoEditor[] = [];
const errorSamples: string[] = [];
const note = (s: string) => {
  if (errorSamples.length < 10) errorSamples.push(s);
};

function scheduleFlush(e: CoEditor, delay = 30): void {
  if (e.flushTimer) return;
  e.flushTimer = setTimeout(() => {
    e.flushTimer = undefined;
    void flush(e);
  }, delay);
}

async function flush(e: CoEditor): Promise<void> {
  if (e.flushing || !e.pending.length || !e.client.socket.connected) return;
  e.flushing = true;
  const batch = e.pending.slice();
  e.sent++;
  try {
    const ack = await e.client.socket
      .timeout(10_000)
      .emitWithAck('draft:update', { draftId: e.draftId, update: Y.mergeUpdates(batch) });
    if (ack.ok) {
      e.pending.splice(0, batch.length);
      e.acked++;
    } else {
      e.errors++;
      note(`${ack.error.code}: ${ack.error.message}`);
    }
  } catch (error) {
    e.errors++;
    note(`ack: ${String(error)}`);
  } finally {
    e.flushing = false;
    if (e.pending.length) scheduleFlush(e, e.errors ? 1000 : 0);
  }
}

async function connect(url: string, draftId: string, spec: CoEditorSpec, index: number): Promise<void> {
  const e = new CoEditor(draftId, spec, index);
  e.client = new RealtimeClient({ url, token: () => spec.token });
  const socket = e.client.socket;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timeout')), 20_000);
    socket.once('connect', () => (clearTimeout(timer), resolve()));
  });
  const sub = await e.client.subscribe(`draft:${draftId}`, { onEvent: () => undefined });
  if (!sub.ok) throw new Error(`subscribe: ${JSON.stringify(sub)}`);
  const ack = await socket
    .timeout(15_000)
    .emitWithAck('draft:sync', { draftId, stateVector: Y.encodeStateVector(e.doc) });
  if (!ack.ok) throw new Error(`draft:sync: ${JSON.stringify(ack.error)}`);
  Y.applyUpdate(e.doc, toBytes(ack.update), REMOTE);
  e.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    e.pending.push(update);
    scheduleFlush(e);
  });
  socket.on('draft:update', (payload: { draftId: string; update: Bytes }) => {
    if (payload.draftId !== draftId) return;
    e.received++;
    Y.applyUpdate(e.doc, toBytes(payload.update), REMOTE);
  });
  socket.on('draft:awareness', (payload: { draftId: string; update: Bytes }) => {
    if (payload.draftId !== draftId) return;
    e.awarenessReceived++;
    applyAwarenessUpdate(e.awareness, toBytes(payload.update), REMOTE);
  });
  e.awareness.on(
    'update',
    (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      if (origin === REMOTE || !socket.connected) return;
      socket.emit('draft:awareness', {
        draftId,
        update: encodeAwarenessUpdate(e.awareness, [...added, ...updated, ...removed]),
      });
    },
  );
  // its paragraph: the n-th top-level paragraph, the cursor at its end
  const paragraphs = fragmentOf(e.doc)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph');
  const block = paragraphs[spec.paragraph % paragraphs.length];
  e.blocks.block = block;
  e.blocks.offset = block.toArray().find((c): c is Y.XmlText => c instanceof Y.XmlText)?.length ?? 0;
  announceCursor(e);
  editors.push(e);
}

function announceCursor(e: CoEditor): void {
  const block = e.blocks.block;
  const text = block?.toArray().find((c): c is Y.XmlText => c instanceof Y.XmlText);
  if (!text) return;
  const pos = Y.relativePositionToJSON(
    Y.createRelativePositionFromTypeIndex(text, Math.min(e.blocks.offset, text.length)),
  );
  e.awareness.setLocalStateField('cursor', { anchor: pos, head: pos });
}

function keystroke(e: CoEditor): void {
  const b = e.blocks;
  // stays in its paragraph: types mostly, sometimes a backspace (never across the paragraph's start)
  if (b.offset > 0 && e.rnd() < 0.15) b.backspace();
  else b.type(CHARS[Math.floor(e.rnd() * CHARS.length)]);
  e.typed++;
  announceCursor(e);
}

// A normal exit on SIGTERM.
process.on('SIGTERM', () => process.exit(0));

serve({
  async setup(args: {
    url: string;
    draftId: string;
    editors: CoEditorSpec[];
  }): Promise<{ connected: number; failed: number; errors: string[] }> {
    const errors: string[] = [];
    let failed = 0;
    await pool(
      args.editors.map((spec, index) => ({ spec, index })),
      5,
      async ({ spec, index }) => {
        try {
          await connect(args.url, args.draftId, spec, index);
        } catch (error) {
          failed++;
          errors.push(error instanceof Error ? error.message : String(error));
        }
      },
    );
    return { connected: editors.length, failed, errors };
  },

  /** Starts typing: each co-editor `rate` keystrokes/s, at a fixed schedule with a random phase. */
  start(args: { rate: number }): { ok: true } {
    const period = 1000 / args.rate;
    const t0 = now();
    for (const e of editors) {
      const offset = e.rnd() * period;
      let k = 0;
      const next = () => {
        const at = t0 + offset + k * period;
        e.typeTimer = setTimeout(
          () => {
            keystroke(e);
            k++;
            next();
          },
          Math.max(0, at - now()),
        );
      };
      next();
    }
    return { ok: true };
  },

  async stop(): Promise<{
    typed: number;
    sent: number;
    acked: number;
    errors: number;
    received: number;
    awarenessReceived: number;
    unacked: number;
    errorSamples: string[];
  }> {
    for (const e of editors) clearTimeout(e.typeTimer);
    const t0 = now();
    while (editors.some((e) => e.pending.length || e.flushing) && now() - t0 < 15_000)
      await new Promise((r) => setTimeout(r, 50));
    const sum = (k: 'typed' | 'sent' | 'acked' | 'errors' | 'received' | 'awarenessReceived') =>
      editors.reduce((a, e) => a + e[k], 0);
    return {
      typed: sum('typed'),
      sent: sum('sent'),
      acked: sum('acked'),
      errors: sum('errors'),
      received: sum('received'),
      awarenessReceived: sum('awarenessReceived'),
      unacked: editors.reduce((a, e) => a + e.pending.length, 0),
      errorSamples,
    };
  },

  /** Whether every co-editor's document holds `text` (the browser's typing reached them). */
  contains(args: { text: string }): boolean {
    return editors.every((e) => toMarkdown(readDoc(e.doc)).includes(args.text));
  },

  close(): { ok: true } {
    for (const e of editors) {
      clearTimeout(e.typeTimer);
      clearTimeout(e.flushTimer);
      e.client.close();
    }
    return { ok: true };
  },
});
