/** Undo and redo of one's own edits (y-prosemirror's undo manager: others' edits stay). */
import type { Command, EditorState } from 'prosemirror-state';
import { redo, undo, yUndoPluginKey } from 'y-prosemirror';

export const undoCommand: Command = (state) => undo(state);
export const redoCommand: Command = (state) => redo(state);

/** Starts a new undo step: a toolbar action or a link is undone on its own, not with the typing before it. */
export function newUndoStep(state: EditorState): void {
  (
    yUndoPluginKey.getState(state) as { undoManager?: { stopCapturing(): void } } | undefined
  )?.undoManager?.stopCapturing();
}
