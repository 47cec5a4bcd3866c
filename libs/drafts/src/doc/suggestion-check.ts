import * as Y from 'yjs';
import { listChanges, readDoc, withoutSuggestionsOf } from '@runde/richtext';
import type { DraftStatus } from '@runde/events';
import { AppError } from '@runde/platform';
import { assertMayEditText } from '../drafts/edit-policy';
import { applyDetectingChange } from './yjs-codec';

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Whether `update` would bring `doc` anything new (tried on a copy): a resend changes nothing. */
export function wouldChange(doc: Y.Doc, update: Uint8Array): boolean {
  return applyDetectingChange(copyOf(doc), update);
}

/**
 * Whether `update`, applied to `doc`, changes nothing but `authorId`'s own tracked changes: tried on a copy (the
 * document itself is not touched). What the document says apart from their suggestions must stay the same
 * (withoutSuggestionsOf), and every tracked change it adds must be theirs. Throws what assertMayEditText throws for
 * a suggest-only caller (SUGGESTIONS_ONLY) otherwise; an update that waits for ones the server has not seen is a
 * 409 (the client resyncs), since what it would change cannot be judged yet.
 */
export function assertSuggestionOnly(
  doc: Y.Doc,
  update: Uint8Array,
  authorId: string,
  status: DraftStatus,
): void {
  const copy = copyOf(doc);
  const pendingBefore = [copy.store.pendingStructs?.update, copy.store.pendingDs];
  Y.applyUpdate(copy, update);
  const pendingAfter = [copy.store.pendingStructs?.update, copy.store.pendingDs];
  const waits = pendingAfter.some((p, i) => p && p !== pendingBefore[i]);
  if (waits) {
    throw AppError.conflict(
      'This update builds on changes the server has not received; sync the document again',
    ).because('UPDATE_INCOMPLETE');
  }
  const before = readDoc(doc);
  const after = readDoc(copy);
  const refuse = () => assertMayEditText(status, 'suggest');
  if (withoutSuggestionsOf(before, authorId) !== withoutSuggestionsOf(after, authorId)) refuse();
  const known = new Set(listChanges(before).map((c) => c.key));
  for (const change of listChanges(after))
    if (!known.has(change.key) && change.authorId !== authorId) refuse();
}
