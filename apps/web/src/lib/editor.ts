/**
 * CodeMirror 6 bound to the draft's Y.Text with y-codemirror.next: shared text, shared undo (own edits only),
 * remote cursors and selections with names (awareness). Comment and suggestion anchors are highlighted.
 */
import { markdown } from '@codemirror/lang-markdown';
import { Compartment, EditorState, RangeSetBuilder, StateEffect } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { yCollab } from 'y-codemirror.next';
import * as Y from 'yjs';
import type { DraftSession } from './draft-session';

export interface Highlight {
  from: number;
  to: number;
  kind: 'comment' | 'suggestion';
  id: string;
}

const refreshHighlights = StateEffect.define<null>();

export interface DraftEditor {
  view: EditorView;
  setEditable(editable: boolean): void;
  refreshHighlights(): void;
  select(from: number, to: number): void;
  destroy(): void;
}

export function createEditor(
  parent: HTMLElement,
  session: DraftSession,
  options: {
    label: string;
    editable: boolean;
    highlights: () => Highlight[];
    onSelection: (from: number, to: number) => void;
    onChange: () => void;
  },
): DraftEditor {
  const editable = new Compartment();
  const undoManager = new Y.UndoManager(session.text);

  const highlightPlugin = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = build(view);
      }
      update(u: ViewUpdate) {
        if (u.docChanged || u.transactions.some((tr) => tr.effects.some((e) => e.is(refreshHighlights))))
          this.decorations = build(u.view);
      }
    },
    { decorations: (v) => v.decorations },
  );

  function build(view: EditorView): DecorationSet {
    const length = view.state.doc.length;
    const ranges = options
      .highlights()
      .map((h) => ({
        ...h,
        from: Math.max(0, Math.min(h.from, length)),
        to: Math.max(0, Math.min(h.to, length)),
      }))
      .filter((h) => h.to > h.from)
      .sort((a, b) => a.from - b.from || a.to - b.to);
    const builder = new RangeSetBuilder<Decoration>();
    for (const h of ranges) {
      builder.add(
        h.from,
        h.to,
        Decoration.mark({ class: `cm-anchor cm-anchor-${h.kind}`, attributes: { 'data-anchor': h.id } }),
      );
    }
    return builder.finish();
  }

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: session.text.toString(),
      extensions: [
        basicSetup,
        markdown(),
        EditorView.lineWrapping,
        yCollab(session.text, session.awareness, { undoManager }),
        editable.of(EditorState.readOnly.of(!options.editable)),
        EditorView.contentAttributes.of({ 'aria-label': options.label, 'aria-multiline': 'true' }),
        highlightPlugin,
        EditorView.updateListener.of((u) => {
          if (u.selectionSet || u.docChanged) {
            const { from, to } = u.state.selection.main;
            options.onSelection(from, to);
          }
          if (u.docChanged) options.onChange();
        }),
      ],
    }),
  });

  return {
    view,
    setEditable(value: boolean) {
      view.dispatch({
        effects: editable.reconfigure(EditorState.readOnly.of(!value)),
      });
    },
    refreshHighlights() {
      view.dispatch({ effects: refreshHighlights.of(null) });
    },
    select(from: number, to: number) {
      const length = view.state.doc.length;
      view.dispatch({
        selection: { anchor: Math.min(from, length), head: Math.min(to, length) },
        scrollIntoView: true,
      });
      view.focus();
    },
    destroy() {
      undoManager.destroy();
      view.destroy();
    },
  };
}
