import * as Y from 'yjs';
import { readDoc, TextMap } from '@runde/richtext';
import type { DraftAnchorPayload } from '@runde/events';
import { AppError } from '@runde/platform';
import { bytes } from '../doc/yjs-codec';

export interface StoredAnchor {
  start: Uint8Array;
  end: Uint8Array;
  quote: string;
}

/**
 * The text map of a document as it is now (Markdown offsets ↔ characters ↔ Yjs positions), built once per state:
 * listing fifty comments resolves fifty anchors against one map.
 */
const maps = new WeakMap<Y.Doc, { map: TextMap | null }>();
export function textMapOf(doc: Y.Doc): TextMap {
  let entry = maps.get(doc);
  if (!entry) {
    const fresh: { map: TextMap | null } = { map: null };
    doc.on('afterTransaction', () => {
      fresh.map = null;
    });
    maps.set(doc, fresh);
    entry = fresh;
  }
  entry.map ??= new TextMap(doc, readDoc(doc));
  return entry.map;
}

/**
 * Anchors the range [start, end) of `doc`'s Markdown with Yjs relative positions on the document's text: the
 * start sticks to the first character of the range, the end to the last, so text typed before or after the range
 * stays outside it and text typed inside it stays inside. The positions name characters, so they stay valid in
 * every later state. Markup at the range's edges (`**`, `[`) is not text: the range is the text it covers.
 */
export function anchorRange(doc: Y.Doc, start: number, end: number): StoredAnchor {
  const map = textMapOf(doc);
  const content = map.markdown;
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end > content.length ||
    start >= end
  ) {
    throw AppError.validation(`The range ${start}…${end} is not a non-empty range of the text`, [
      { field: 'anchor', messages: [`must satisfy 0 <= start < end <= ${content.length}`] },
    ]);
  }
  const [from, to] = map.charRange(start, end);
  const relStart = from < to ? map.relative(from, 0) : null;
  const relEnd = from < to ? map.relative(to, -1) : null;
  if (!relStart || !relEnd) {
    throw AppError.validation(`The range ${start}…${end} holds no text, only markup`, [
      { field: 'anchor', messages: ['must cover some text of the draft'] },
    ]);
  }
  return {
    start: Y.encodeRelativePosition(relStart),
    end: Y.encodeRelativePosition(relEnd),
    quote: content.slice(map.offsetOf(from), map.offsetOf(to - 1) + 1),
  };
}

/**
 * Where an anchor points now, in Markdown offsets. When all of its text was deleted the two ends meet: the anchor
 * is `detached` (shown with its quote at the place the text was), never dropped.
 */
export function resolveAnchor(doc: Y.Doc, anchor: StoredAnchor): DraftAnchorPayload {
  const map = textMapOf(doc);
  const at = (rel: Uint8Array) => {
    try {
      return map.resolve(Y.decodeRelativePosition(bytes(rel)));
    } catch {
      return null;
    }
  };
  const from = at(anchor.start);
  const to = at(anchor.end);
  const relStart = Buffer.from(anchor.start).toString('base64');
  const relEnd = Buffer.from(anchor.end).toString('base64');
  if (from === null || to === null || from >= to) {
    const where = from !== null ? map.offsetOf(from) : to !== null ? map.offsetOf(to) : 0;
    return { start: where, end: where, detached: true, quote: anchor.quote, relStart, relEnd };
  }
  const start = map.offsetOf(from);
  const end = map.offsetOf(to - 1) + 1;
  return { start, end, detached: false, quote: anchor.quote, relStart, relEnd };
}
