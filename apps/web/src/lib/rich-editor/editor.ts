/**
 * The draft's co-editor: ProseMirror bound to the session's Y.Doc with y-prosemirror (shared document, others'
 * cursors with names, an undo that takes back only one's own edits), the schema of @runde/richtext, Randnummern,
 * tracked changes (suggesting), Word-aware paste, and the comments' highlights.
 */
import { dropCursor } from 'prosemirror-dropcursor';
import { gapCursor } from 'prosemirror-gapcursor';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { tableEditing } from 'prosemirror-tables';
import type { Node } from 'prosemirror-model';
import { EditorView, type NodeView } from 'prosemirror-view';
import { yCursorPlugin, ySyncPlugin, ySyncPluginKey, yUndoPlugin } from 'y-prosemirror';
import { schema } from '@runde/richtext';
import type { DraftSession } from '../draft-session';
import { anchorHighlights, refreshAnchors, resolveHighlight, type Highlight } from './anchors';
import { cursorBuilder, selectionBuilder } from './cursors';
import { editorKeys, typingRules } from './keys';
import { randnummern } from './numbering';
import { transformPastedHTML } from './paste';
import {
  attributeChanges,
  changeTitles,
  refreshChangeTitles,
  setSuggesting,
  suggestChanges,
  suggestingDispatch,
  type ChangeWords,
} from './tracking';

export type { Highlight };

export interface EditorOptions {
  label: string;
  editable: boolean;
  userId: string;
  rnLabel: (rn: string) => string;
  changeWords: ChangeWords;
  highlights: () => Highlight[];
  highlightLabel: (h: Highlight) => string;
  /** Every new state (selection or document): the toolbar, outline and changes list follow it. */
  onState: (state: EditorState) => void;
  onLinkRequest: () => void;
}

export interface DraftEditor {
  view: EditorView;
  setEditable(editable: boolean): void;
  setSuggesting(on: boolean): void;
  refreshHighlights(): void;
  refreshNames(): void;
  /** Selects [from, to) (document positions) and scrolls there. */
  select(from: number, to: number): void;
  /** Selects an anchored comment's or suggestion's text; false when its text is gone. */
  selectHighlight(h: Omit<Highlight, 'id' | 'kind'>): boolean;
  destroy(): void;
}

export function createEditor(
  parent: HTMLElement,
  session: DraftSession,
  options: EditorOptions,
): DraftEditor {
  let editable = options.editable;
  const dispatch = suggestingDispatch();
  const state = EditorState.create({
    schema,
    plugins: [
      ySyncPlugin(session.fragment),
      yCursorPlugin(session.awareness, { cursorBuilder, selectionBuilder }),
      yUndoPlugin(),
      ...editorKeys(options.onLinkRequest),
      typingRules(),
      dropCursor(),
      gapCursor(),
      tableEditing(),
      suggestChanges(),
      attributeChanges(() => options.userId),
      changeTitles(options.changeWords),
      randnummern(options.rnLabel),
      anchorHighlights(options.highlights, options.highlightLabel),
    ],
  });
  const view: EditorView = new EditorView(parent, {
    state,
    editable: () => editable,
    attributes: () => ({
      class: 'rich-text',
      lang: 'de',
      spellcheck: 'true',
      'aria-label': options.label,
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-readonly': String(!editable),
    }),
    transformPastedHTML,
    nodeViews: { heading: headingView },
    dispatchTransaction(this: EditorView, tr: Transaction) {
      keepViewOnRemoteChange(tr);
      dispatch.call(this, tr);
      options.onState(this.state);
    },
  });
  options.onState(view.state);

  const refresh = () => view.dispatch(refreshAnchors(view.state));
  return {
    view,
    setEditable(value: boolean) {
      editable = value;
      view.setProps({});
    },
    setSuggesting(on: boolean) {
      setSuggesting(view, on);
    },
    refreshHighlights: refresh,
    refreshNames() {
      view.dispatch(refreshChangeTitles(view.state));
    },
    select(from: number, to: number) {
      const size = view.state.doc.content.size;
      const sel = TextSelection.between(
        view.state.doc.resolve(Math.max(0, Math.min(from, size))),
        view.state.doc.resolve(Math.max(0, Math.min(to, size))),
      );
      view.dispatch(view.state.tr.setSelection(sel).scrollIntoView());
      view.focus();
    },
    selectHighlight(h) {
      const range = resolveHighlight(view.state, h);
      if (!range) return false;
      this.select(range[0], range[1]);
      return true;
    },
    destroy() {
      view.destroy();
    },
  };
}

/**
 * Headings one level below the page's own: the draft's title is the page's h1, so a "# Titel" in the text shows
 * as an h2 (and so on), and the page keeps one h1 and an outline that reads in order. Copying and exports still
 * use the schema's levels.
 */
function headingView(node: Node): NodeView {
  const level = node.attrs.level as number;
  const dom = document.createElement(`h${Math.min(6, level + 1)}`);
  dom.className = `heading-${level}`;
  if (node.attrs.id) dom.dataset.blockId = String(node.attrs.id);
  return {
    dom,
    contentDOM: dom,
    update: (next) =>
      next.type === node.type && next.attrs.level === level && next.attrs.id === node.attrs.id,
  };
}

/** prosemirror-state's flag for "scroll the selection into view" on a transaction (`Transaction.scrolledIntoView`). */
const UPDATED_SCROLL = 4;

/**
 * y-prosemirror asks to scroll the local cursor into view with every change that arrives from others. Measuring where
 * the cursor is costs a layout of the document (in a long draft with ten people typing, a fifth of the page's time
 * went to it, and it delayed one's own keystrokes); the browser's scroll anchoring keeps what one looks at in place
 * anyway. So others' changes do not scroll; one's own edits, undo and redo still do.
 */
function keepViewOnRemoteChange(tr: Transaction): void {
  const sync = tr.getMeta(ySyncPluginKey) as
    { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined;
  if (!sync?.isChangeOrigin || sync.isUndoRedoOperation || !tr.scrolledIntoView) return;
  const internal = tr as unknown as { updated: number };
  internal.updated &= ~UPDATED_SCROLL;
}
