/**
 * Randnummern in the editor: local edits give new blocks an id and a label (numberingChanges of @runde/richtext,
 * applied in an appended transaction); remote edits arrive numbered by the person who made them. Each numbered
 * block shows its label in the left margin ("Rn. 14") as a widget: visible, read by screen readers, never part
 * of the editable text.
 */
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { NUMBERED, numberingChanges } from '@runde/richtext';

const key = new PluginKey<DecorationSet>('randnummern');

export function randnummern(label: (rn: string) => string): Plugin {
  const build = (doc: import('prosemirror-model').Node) => {
    const widgets: Decoration[] = [];
    doc.forEach((node, pos) => {
      const rn = node.attrs.rn as string | null;
      if (!rn || !NUMBERED.has(node.type.name)) return;
      widgets.push(
        Decoration.widget(
          pos,
          () => {
            const el = document.createElement('span');
            el.className = 'rn';
            el.dataset.rn = rn;
            el.textContent = label(rn);
            return el;
          },
          { side: -1, key: `rn-${rn}`, ignoreSelection: true },
        ),
      );
    });
    return DecorationSet.create(doc, widgets);
  };
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: (_config, state) => build(state.doc),
      apply: (tr, set) => (tr.docChanged ? build(tr.doc) : set),
    },
    props: { decorations: (state) => key.getState(state) },
    appendTransaction(transactions, _old, state) {
      const local = transactions.some((tr) => tr.docChanged && tr.getMeta(ySyncPluginKey) === undefined);
      if (!local) return null;
      const changes = numberingChanges(state.doc);
      if (!changes.length) return null;
      const tr = state.tr;
      for (const change of changes) tr.setNodeMarkup(change.pos, undefined, change.attrs);
      return tr;
    },
  });
}
