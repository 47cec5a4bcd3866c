/**
 * Tracked changes (Änderungsmodus). In "Vorschlagen" the view's dispatch goes through withSuggestChanges of
 * @handlewithcare/prosemirror-suggest-changes: typing inserts text marked `insertion`, deleting marks text
 * `deletion`. An appended transaction gives those marks the suggesting person and the time (our schema's `author`
 * and `at`), before y-prosemirror sends them, so everyone sees whose change it is. Every change shows inline
 * for everyone: insertions underlined, deletions struck through, each with a title naming person and time.
 */
import type { Mark, Node } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import {
  enableSuggestChanges,
  disableSuggestChanges,
  isSuggestChangesEnabled,
  suggestChanges,
  withSuggestChanges,
} from '@handlewithcare/prosemirror-suggest-changes';
import { CHANGE_MARKS } from '@runde/richtext';

export { suggestChanges, isSuggestChangesEnabled };

const isChange = (mark: Mark) => (CHANGE_MARKS as readonly string[]).includes(mark.type.name);

/** A fresh random id for a change (ids of different people's changes must never meet). */
export function generateChangeId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `c${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The view's dispatch (call it with the view as `this`), suggesting when suggesting is on (the plugin says). */
export function suggestingDispatch(): (this: EditorView, tr: Transaction) => void {
  return withSuggestChanges(
    function (this: EditorView, tr: Transaction) {
      this.updateState(this.state.apply(tr));
    },
    () => generateChangeId(),
  );
}

export function setSuggesting(view: EditorView, on: boolean): void {
  if (isSuggestChangesEnabled(view.state) === on) return;
  (on ? enableSuggestChanges : disableSuggestChanges)(view.state, view.dispatch);
}

/** Fills `author` and `at` on this person's new change marks (same id: the time of its first part). */
export function attributeChanges(authorId: () => string): Plugin {
  return new Plugin({
    key: new PluginKey('attribute-changes'),
    appendTransaction(transactions, _old, state) {
      if (!transactions.some((tr) => tr.docChanged && tr.getMeta(ySyncPluginKey) === undefined)) return null;
      const author = authorId();
      const known = new Map<string, string>();
      const open: Array<{ from: number; to: number; mark: Mark }> = [];
      state.doc.descendants((node, pos) => {
        if (!node.isText) return true;
        for (const mark of node.marks) {
          if (!isChange(mark)) continue;
          if (mark.attrs.author === null) open.push({ from: pos, to: pos + node.nodeSize, mark });
          else if (mark.attrs.author === author && mark.attrs.at)
            known.set(`${mark.type.name}~${String(mark.attrs.id)}`, String(mark.attrs.at));
        }
        return false;
      });
      if (!open.length) return null;
      const now = new Date().toISOString();
      const tr = state.tr;
      for (const { from, to, mark } of open) {
        const at = known.get(`${mark.type.name}~${String(mark.attrs.id)}`) ?? now;
        tr.removeMark(from, to, mark);
        tr.addMark(from, to, mark.type.create({ ...mark.attrs, author, at }));
      }
      return tr;
    },
  });
}

export interface ChangeWords {
  /** "Einfügung von {name}, {time}" and the like. */
  describe(
    kind: 'insertion' | 'deletion' | 'modification',
    authorId: string | null,
    at: string | null,
  ): string;
}

const titles = new PluginKey<DecorationSet>('change-titles');

/** A title on every tracked change naming its author and time (read as its description). */
export function changeTitles(words: ChangeWords): Plugin {
  const build = (doc: Node) => {
    const decorations: Decoration[] = [];
    doc.descendants((node, pos) => {
      if (!node.isText) return true;
      for (const mark of node.marks) {
        if (!isChange(mark)) continue;
        const kind = mark.type.name as 'insertion' | 'deletion' | 'modification';
        decorations.push(
          Decoration.inline(pos, pos + node.nodeSize, {
            title: words.describe(
              kind,
              (mark.attrs.author as string | null) ?? null,
              mark.attrs.at as string,
            ),
            'data-author': String(mark.attrs.author ?? ''),
          }),
        );
      }
      return false;
    });
    return DecorationSet.create(doc, decorations);
  };
  return new Plugin<DecorationSet>({
    key: titles,
    state: {
      init: (_c, state) => build(state.doc),
      apply: (tr, set) => (tr.docChanged || tr.getMeta(titles) ? build(tr.doc) : set),
    },
    props: { decorations: (state) => titles.getState(state) },
  });
}

/** Looks the names up again (the list of people arrived later than the text). */
export const refreshChangeTitles = (state: EditorState) => state.tr.setMeta(titles, true);
