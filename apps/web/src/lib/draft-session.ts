/**
 * A draft's shared document in the browser: a Y.Doc whose ProseMirror document (the fragment of @runde/richtext,
 * bound to the editor by y-prosemirror) is kept in sync with the server.
 *
 * Live mode (the realtime protocol of libs/client/src/protocol.ts): `draft:sync` with our state vector brings
 * what we miss; our edits go out as `draft:update` (kept until acknowledged, resent merged after a reconnect, so
 * nothing typed offline is lost); others' edits arrive as `draft:update`; cursors and names travel as
 * `draft:awareness` (y-protocols awareness).
 *
 * REST mode, when the server does not answer `draft:sync`: the document is read from the draft's Markdown and saved
 * as Markdown with `PUT /drafts/:id/content` {content, baseVersion} (the server merges a stale base), and reloaded
 * when `draft.updated` says it changed.
 */
import * as Y from 'yjs';
import {
  docFromMarkdown,
  fragmentOf,
  numberingChanges,
  parseMarkdown,
  readDoc,
  toMarkdown,
  withBlockAttrs,
  writeDoc,
} from '@runde/richtext';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import { api, HttpError } from './api';
import { realtime } from './live';
import type { Draft } from './types';

export type DraftMode = 'connecting' | 'live' | 'rest';

const REMOTE = 'remote';
const SYNC_TIMEOUT_MS = 3000;

type Bytes = Uint8Array | ArrayBuffer | number[];
const toBytes = (b: Bytes): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(b as ArrayBuffer));

export function colorFor(id: string): { color: string; light: string } {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = h % 360;
  // Dark enough for white names on it (4.5:1 at every hue).
  return { color: `hsl(${hue} 70% 25%)`, light: `hsl(${hue} 70% 25% / 0.2)` };
}

export interface DraftSessionEvents {
  onMode: (mode: DraftMode) => void;
  onVersion: (version: number) => void;
  onSaving: (saving: boolean) => void;
  onLocked: () => void;
  onError: (error: unknown) => void;
}

export class DraftSession {
  readonly doc = new Y.Doc();
  readonly fragment = fragmentOf(this.doc);
  readonly awareness = new Awareness(this.doc);
  mode: DraftMode = 'connecting';
  version = 0;
  private pending: Uint8Array[] = [];
  private flushing = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private restTimer: ReturnType<typeof setTimeout> | undefined;
  private restDirty = false;
  private destroyed = false;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    readonly draftId: string,
    user: { id: string; name: string },
    private readonly events: DraftSessionEvents,
  ) {
    const { color, light } = colorFor(user.id);
    this.awareness.setLocalStateField('user', { name: user.name, color, colorLight: light, id: user.id });
  }

  /** Loads the text: live when the server speaks the draft protocol, else over REST. */
  async start(draft: Draft): Promise<void> {
    const synced = (await this.syncUntilSubscribed()) === 'ok';
    if (this.destroyed) return;
    if (synced) {
      this.setMode('live');
      this.attachLive();
    } else {
      // The text as it is now (others may have edited while we waited for the live answer).
      const fresh = await api<Draft>('GET', `/drafts/${this.draftId}`).catch(() => draft);
      if (this.destroyed) return;
      this.version = fresh.version;
      const parsed = parseMarkdown(fresh.content ?? '');
      this.doc.transact(() => writeDoc(this.doc, withBlockAttrs(parsed, numberingChanges(parsed))), REMOTE);
      this.setMode('rest');
      this.attachRest();
    }
    this.events.onVersion(this.version);
  }

  /** The document's Markdown, as the server shows it as `content`. */
  markdown(): string {
    return toMarkdown(readDoc(this.doc));
  }

  /** True when every local edit is acknowledged (offsets in the text then match the server's `version`). */
  get settled(): boolean {
    return this.mode === 'live' ? this.pending.length === 0 && !this.flushing : !this.restDirty;
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.restTimer);
    if (this.mode === 'live') {
      removeAwarenessStates(this.awareness, [this.doc.clientID], 'local');
    }
    for (const c of this.cleanups.splice(0)) c();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** REST mode: someone else changed the text (a `draft.updated` event). */
  async remoteChanged(version: number): Promise<void> {
    if (this.mode !== 'rest' || version <= this.version || this.restDirty) return;
    const draft = await api<Draft>('GET', `/drafts/${this.draftId}`);
    if (this.restDirty || this.destroyed) return;
    this.replaceText(draft.content ?? '');
    this.version = draft.version;
    this.events.onVersion(this.version);
  }

  /** Live mode: the version of a remote update or of an acknowledged local one. */
  private noteVersion(version: number | undefined): void {
    if (typeof version === 'number' && version > this.version) {
      this.version = version;
      this.events.onVersion(version);
    }
  }

  private setMode(mode: DraftMode): void {
    this.mode = mode;
    this.events.onMode(mode);
  }

  /**
   * `draft:sync` with our state vector; applies what we miss. `unsupported` when the server does not answer it
   * (no live handlers), `retry` when it refuses for now (after a reconnect the server answers FORBIDDEN until the
   * client library has re-subscribed to `draft:<id>`).
   */
  private async sync(): Promise<'ok' | 'retry' | 'unsupported'> {
    const socket = realtime().socket;
    try {
      const ack = await socket
        .timeout(SYNC_TIMEOUT_MS)
        .emitWithAck('draft:sync', { draftId: this.draftId, stateVector: Y.encodeStateVector(this.doc) });
      if (!ack.ok)
        return ack.error.code === 'NOT_FOUND' || ack.error.code === 'VALIDATION_FAILED'
          ? 'unsupported'
          : 'retry';
      Y.applyUpdate(this.doc, toBytes(ack.update), REMOTE);
      this.noteVersion(ack.version);
      return 'ok';
    } catch {
      return socket.connected ? 'unsupported' : 'retry';
    }
  }

  /** Retries `retry` answers for a few seconds (re-subscription in flight); then gives up on live mode. */
  private async syncUntilSubscribed(withinMs = 8000): Promise<'ok' | 'retry' | 'unsupported'> {
    const deadline = Date.now() + withinMs;
    let result = await this.sync();
    while (result === 'retry' && Date.now() < deadline && !this.destroyed) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      result = await this.sync();
    }
    return result;
  }

  private attachLive(): void {
    const socket = realtime().socket;
    const onDocUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      this.pending.push(update);
      this.scheduleFlush();
    };
    this.doc.on('update', onDocUpdate);
    this.cleanups.push(() => this.doc.off('update', onDocUpdate));

    const onRemote = (payload: { draftId: string; update: Bytes; version?: number }) => {
      if (payload.draftId !== this.draftId) return;
      Y.applyUpdate(this.doc, toBytes(payload.update), REMOTE);
      this.noteVersion(payload.version);
    };
    socket.on('draft:update', onRemote as never);
    this.cleanups.push(() => socket.off('draft:update', onRemote as never));

    const onAwareness = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      if (origin === REMOTE) return;
      const changed = [...added, ...updated, ...removed];
      if (!socket.connected) return;
      socket.emit('draft:awareness', {
        draftId: this.draftId,
        update: encodeAwarenessUpdate(this.awareness, changed),
      });
    };
    this.awareness.on('update', onAwareness);
    this.cleanups.push(() => this.awareness.off('update', onAwareness));

    const onRemoteAwareness = (payload: { draftId: string; update: Bytes }) => {
      if (payload.draftId !== this.draftId) return;
      applyAwarenessUpdate(this.awareness, toBytes(payload.update), REMOTE);
    };
    socket.on('draft:awareness', onRemoteAwareness as never);
    this.cleanups.push(() => socket.off('draft:awareness', onRemoteAwareness as never));

    // After a reconnect: fetch what others did meanwhile, send what we did offline, show our cursor again.
    const onConnect = () => {
      void this.syncUntilSubscribed().then(() => {
        this.scheduleFlush(0);
        socket.emit('draft:awareness', {
          draftId: this.draftId,
          update: encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
        });
      });
    };
    socket.on('connect', onConnect);
    this.cleanups.push(() => socket.off('connect', onConnect));
    // Announce our cursor to those already here.
    socket.emit('draft:awareness', {
      draftId: this.draftId,
      update: encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
    });
  }

  private scheduleFlush(delay = 30): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, delay);
  }

  /** Sends the queued local updates merged into one; they stay queued until the server acknowledges them. */
  private async flush(): Promise<void> {
    if (this.flushing || !this.pending.length || this.destroyed) return;
    const socket = realtime().socket;
    if (!socket.connected) return; // resent on reconnect
    this.flushing = true;
    this.events.onSaving(true);
    const batch = this.pending.slice();
    try {
      const ack = await socket
        .timeout(10_000)
        .emitWithAck('draft:update', { draftId: this.draftId, update: Y.mergeUpdates(batch) });
      if (ack.ok) {
        this.pending.splice(0, batch.length);
        this.noteVersion(ack.version);
      } else {
        const code = (ack.error as { code: string }).code;
        if (code === 'VALIDATION_FAILED' || code === 'NOT_FOUND' || code === 'DRAFT_LOCKED') {
          // These edits can never be applied: drop them (the editor is made read-only when the draft is locked).
          this.pending.splice(0, batch.length);
          if (code === 'DRAFT_LOCKED') this.events.onLocked();
          this.events.onError(new Error(ack.error.message));
        }
        // FORBIDDEN (not yet re-subscribed), RATE_LIMITED, …: keep them and try again shortly.
      }
    } catch {
      // no answer: keep the batch, try again after the next reconnect or edit
    } finally {
      this.flushing = false;
      this.events.onSaving(this.pending.length > 0);
      if (this.pending.length && socket.connected) this.scheduleFlush(1000);
    }
  }

  private attachRest(): void {
    const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      this.restDirty = true;
      this.events.onSaving(true);
      clearTimeout(this.restTimer);
      this.restTimer = setTimeout(() => void this.saveRest(), 600);
    };
    this.doc.on('update', onDocUpdate);
    this.cleanups.push(() => this.doc.off('update', onDocUpdate));
  }

  private async saveRest(): Promise<void> {
    const sent = this.markdown();
    try {
      const draft = await api<Draft>('PUT', `/drafts/${this.draftId}/content`, {
        content: sent,
        baseVersion: this.version,
      });
      this.version = draft.version;
      // Others' edits merged in by the server: show them unless we typed on meanwhile (the next save merges).
      if (this.markdown() === sent) {
        this.restDirty = false;
        this.replaceText(draft.content ?? '');
      }
    } catch (error) {
      if (error instanceof HttpError && error.code === 'CONFLICT') {
        const current = error.details as Draft | Draft[] | undefined;
        const d = Array.isArray(current) ? current[0] : current;
        if (d && typeof d.content === 'string') {
          this.version = d.version;
          this.replaceText(d.content);
        }
        this.restDirty = false;
      } else if (error instanceof HttpError && error.code === 'DRAFT_LOCKED') {
        this.restDirty = false;
        this.events.onLocked();
      }
      this.events.onError(error);
    } finally {
      this.events.onVersion(this.version);
      this.events.onSaving(this.restDirty);
    }
  }

  /**
   * Makes the document say `next` (Markdown) with the smallest change: blocks keep their ids and Randnummern, and
   * unchanged text stays the same Yjs items, so cursors and anchors stay put.
   */
  private replaceText(next: string): void {
    if (this.markdown() === next) return;
    this.doc.transact(() => writeDoc(this.doc, docFromMarkdown(readDoc(this.doc), next, null)), REMOTE);
  }
}
