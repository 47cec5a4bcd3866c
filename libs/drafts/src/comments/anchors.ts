import * as Y from 'yjs';
import type { DraftAnchorPayload } from '@runde/events';
import { AppError } from '@runde/platform';
import { bytes, contentOf } from '../doc/yjs-codec';

export interface StoredAnchor {
  start: Uint8Array;
  end: Uint8Array;
  quote: string;
}

/**
 * Anchors the range [start, end) of `doc`'s text with Yjs relative positions: the start sticks to the first
 * character of the range, the end to the last, so text typed before or after the range stays outside it and text
 * typed inside it stays inside. The positions name characters, so they stay valid in every later state.
 */
export function anchorRange(doc: Y.Doc, start: number, end: number): StoredAnchor {
  const text = contentOf(doc);
  const content = text.toString();
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
  return {
    start: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, start, 0)),
    end: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, end, -1)),
    quote: content.slice(start, end),
  };
}

/**
 * Where an anchor points now. When all of its text was deleted the two ends meet: the anchor is `detached` (shown
 * with its quote at the place the text was), never dropped.
 */
export function resolveAnchor(doc: Y.Doc, anchor: StoredAnchor): DraftAnchorPayload {
  const at = (rel: Uint8Array) =>
    Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(bytes(rel)), doc)?.index ?? null;
  const start = at(anchor.start);
  const end = at(anchor.end);
  const relStart = Buffer.from(anchor.start).toString('base64');
  const relEnd = Buffer.from(anchor.end).toString('base64');
  if (start === null || end === null || start >= end) {
    const where = start ?? end ?? 0;
    return { start: where, end: where, detached: true, quote: anchor.quote, relStart, relEnd };
  }
  return { start, end, detached: false, quote: anchor.quote, relStart, relEnd };
}
