import * as Y from 'yjs';
import {
  FRAGMENT,
  docFromMarkdown,
  fragmentOf,
  plainText,
  readDoc,
  stateOf,
  toMarkdown,
  updateTo,
} from '@runde/richtext';
import { AppError } from '@runde/platform';
import type { TextChange } from '../text/text-diff';

/**
 * The one shared type of a draft document: a ProseMirror document (the schema of @runde/richtext) in a
 * Y.XmlFragment, as the browser's editor binds it with y-prosemirror. REST clients read and write its Markdown.
 * Drafts written before the rich-text model kept Markdown in a Y.Text named `content` (LEGACY_TEXT); the
 * RichTextDrafts migration moved them over.
 */
export const CONTENT = FRAGMENT;
export const LEGACY_TEXT = 'content';
export const MAX_UPDATE_BYTES = 1024 * 1024;

export const contentOf = (doc: Y.Doc): Y.XmlFragment => fragmentOf(doc);
/** The document's Markdown (what REST shows as `content`). */
export const textOf = (doc: Y.Doc): string => toMarkdown(readDoc(doc));
/** The document's plain text (what search indexes). */
export const plainTextOf = (doc: Y.Doc): string => plainText(readDoc(doc));

/** A byte array as Yjs wants it (pg hands out Buffers that may view a larger pool). */
export function bytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

function invalid(message: string): AppError {
  return AppError.validation(message, [{ field: 'update', messages: [message] }]);
}

/**
 * Checks an incoming update without touching any document: at most 1 MB, decodes as a Yjs (v1) update, and
 * holds only the document's XML (elements with attributes, text with formatting) under its fragment: no other
 * root types, no root-level maps, no arrays, maps or other embedded types. Whether the XML fits the schema is not
 * checked here: what does not fit is left out when the document is read (readDoc), never thrown about.
 */
export function assertValidUpdate(update: unknown): Uint8Array {
  if (!(update instanceof Uint8Array)) throw invalid('update must be binary (a Yjs update)');
  if (update.byteLength === 0) throw invalid('update is empty');
  if (update.byteLength > MAX_UPDATE_BYTES) throw invalid('update is larger than 1 MB');
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(bytes(update));
  } catch {
    throw invalid('update is not a Yjs update');
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Decoded items name their parent by root name (a string) or by the id of a nested type.
    const parent = struct.parent as unknown;
    if (typeof parent === 'string') {
      if (parent !== CONTENT) throw invalid(`update touches "${parent}"`);
      if (struct.parentSub !== null) throw invalid('update holds map entries at the root');
    }
    const content = struct.content;
    if (content instanceof Y.ContentType) {
      if (!(content.type instanceof Y.XmlElement) && !(content.type instanceof Y.XmlText))
        throw invalid("update holds types other than the document's elements and text");
      continue;
    }
    if (
      !(content instanceof Y.ContentString) &&
      !(content instanceof Y.ContentDeleted) &&
      !(content instanceof Y.ContentFormat) &&
      !(content instanceof Y.ContentAny)
    )
      throw invalid("update holds content other than the document's elements and text");
  }
  return bytes(update);
}

export function assertValidStateVector(stateVector: unknown): Uint8Array {
  const fail = () =>
    AppError.validation('stateVector is not a Yjs state vector', [
      { field: 'stateVector', messages: ['not a Yjs state vector'] },
    ]);
  if (!(stateVector instanceof Uint8Array) || stateVector.byteLength > 64 * 1024) throw fail();
  try {
    Y.decodeStateVector(bytes(stateVector));
  } catch {
    throw fail();
  }
  return bytes(stateVector);
}

/**
 * Applies an update and says whether it brought anything new: content, deletions, or structs that wait for
 * ones they depend on (those must be persisted too, or they would be lost on restart).
 */
export function applyDetectingChange(doc: Y.Doc, update: Uint8Array): boolean {
  const pendingBefore = [doc.store.pendingStructs?.update, doc.store.pendingDs];
  let changed = false;
  // What Yjs itself checks before it emits 'update' (without encoding the update again, as an 'update'
  // listener would make it): something deleted, or some client's clock moved.
  const onTransaction = (tr: Y.Transaction) => {
    if (changed) return;
    if (tr.deleteSet.clients.size > 0) changed = true;
    else
      for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) changed = true;
  };
  doc.on('afterTransaction', onTransaction);
  try {
    Y.applyUpdate(doc, update);
  } finally {
    doc.off('afterTransaction', onTransaction);
  }
  return (
    changed ||
    pendingBefore[0] !== doc.store.pendingStructs?.update ||
    pendingBefore[1] !== doc.store.pendingDs
  );
}

/** A document from a snapshot state and the updates after it, applied in one transaction. */
export function buildDoc(state: Uint8Array | null, updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    if (state) Y.applyUpdate(doc, state);
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

/**
 * Turns Markdown changes (in the coordinates of `doc`'s current Markdown) into one Yjs update made on a copy of
 * `doc` by a fresh client, so it can be applied to any later state and merges with what happened since. Blocks
 * keep their ids and Randnummern where they stay (see docFromMarkdown); tracked changes written as CriticMarkup
 * that are new are attributed to `actorId`.
 */
export function updateFromChanges(
  doc: Y.Doc,
  changes: readonly TextChange[],
  actorId: string | null = null,
): Uint8Array | null {
  if (changes.length === 0) return null;
  let text = textOf(doc);
  for (const change of [...changes].sort((a, b) => b.start - a.start))
    text = text.slice(0, change.start) + change.text + text.slice(change.end);
  return updateTo(doc, docFromMarkdown(readDoc(doc), text, actorId));
}

/** The first update of a new draft. */
export function initialUpdate(content: string, actorId: string | null = null): Uint8Array | null {
  if (!content) return null;
  const doc = new Y.Doc();
  return stateOf(docFromMarkdown(readDoc(doc), content, actorId));
}
