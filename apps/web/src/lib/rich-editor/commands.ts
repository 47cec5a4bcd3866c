/**
 * What the toolbar and the shortcuts do to the document: block types, marks, lists, quotes, links and tables,
 * each as a ProseMirror command, and whether it is active where the selection is (for aria-pressed).
 */
import { lift, setBlockType, toggleMark, wrapIn } from 'prosemirror-commands';
import type { MarkType, Node, NodeType } from 'prosemirror-model';
import { TextSelection, type Command, type EditorState } from 'prosemirror-state';
import { liftListItem, sinkListItem, wrapInList } from 'prosemirror-schema-list';
import {
  addColumnAfter,
  addRowAfter,
  deleteColumn,
  deleteRow,
  deleteTable,
  goToNextCell,
  isInTable,
} from 'prosemirror-tables';
import { safeHref, schema } from '@runde/richtext';

const { nodes, marks } = schema;

export const heading = (level: 1 | 2 | 3): Command => setBlockType(nodes.heading, { level });
export const paragraph: Command = setBlockType(nodes.paragraph);
export const toggle = (mark: 'strong' | 'em' | 'underline' | 'strike'): Command => toggleMark(marks[mark]);

/** The list the selection is in (the innermost), with its depth, or null. */
function listAt(state: EditorState): { node: Node; depth: number } | null {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d);
    if (node.type === nodes.bullet_list || node.type === nodes.ordered_list) return { node, depth: d };
  }
  return null;
}

/** Into a list of this kind; out of it when already in one; from the other kind into this one. */
export const toggleList =
  (type: NodeType): Command =>
  (state, dispatch) => {
    const list = listAt(state);
    if (!list) return wrapInList(type)(state, dispatch);
    if (list.node.type === type) return liftListItem(nodes.list_item)(state, dispatch);
    if (dispatch) {
      const pos = state.selection.$from.before(list.depth);
      dispatch(state.tr.setNodeMarkup(pos, type, { ...list.node.attrs }).scrollIntoView());
    }
    return true;
  };

export const indent: Command = sinkListItem(nodes.list_item);
export const outdent: Command = liftListItem(nodes.list_item);

export const toggleQuote: Command = (state, dispatch) =>
  blockActive(state, nodes.blockquote) ? lift(state, dispatch) : wrapIn(nodes.blockquote)(state, dispatch);

/** A 3×3 table whose first row is a header row, after the current block. */
export const insertTable: Command = (state, dispatch) => {
  if (isInTable(state)) return false;
  const cell = (type: NodeType) => type.createAndFill()!;
  const row = (type: NodeType) => nodes.table_row.create(null, [cell(type), cell(type), cell(type)]);
  const table = nodes.table.create(null, [
    row(nodes.table_header),
    row(nodes.table_cell),
    row(nodes.table_cell),
  ]);
  if (dispatch) {
    const tr = state.tr.replaceSelectionWith(table);
    // The cursor into the first header cell.
    let at = -1;
    tr.doc.descendants((node, pos) => {
      if (at < 0 && node === table) at = pos;
      return at < 0;
    });
    if (at >= 0) tr.setSelection(TextSelection.create(tr.doc, at + 4));
    dispatch(tr.scrollIntoView());
  }
  return true;
};

export const tableCommands = {
  addRow: addRowAfter,
  deleteRow,
  addColumn: addColumnAfter,
  deleteColumn,
  deleteTable,
};
export { isInTable };

/** Tab and Shift-Tab: a list item in or out, a table cell on; anything else leaves the editor as usual. */
export const tab =
  (direction: 1 | -1): Command =>
  (state, dispatch) => {
    if (isInTable(state)) return goToNextCell(direction)(state, dispatch);
    if (listAt(state)) return (direction === 1 ? indent : outdent)(state, dispatch);
    return false;
  };

/** Links only to the web or to mail, as the toolbar's dialog accepts them. */
export function linkAllowed(href: string): boolean {
  return /^(https?:\/\/\S+|mailto:\S+)$/i.test(href.trim()) && safeHref(href);
}

/** Sets the link on the selection (or inserts the address as linked text), or removes it when href is empty. */
export const setLink =
  (href: string): Command =>
  (state, dispatch) => {
    const { from, to, empty } = state.selection;
    const link = marks.link;
    const target = href.trim();
    if (!target) {
      if (dispatch) dispatch(state.tr.removeMark(from, to, link));
      return true;
    }
    if (!linkAllowed(target)) return false;
    if (dispatch) {
      const tr = empty
        ? state.tr.insertText(target, from).addMark(from, from + target.length, link.create({ href: target }))
        : state.tr.removeMark(from, to, link).addMark(from, to, link.create({ href: target }));
      dispatch(tr.scrollIntoView());
    }
    return true;
  };

/** The link where the selection is, or null. */
export function linkAt(state: EditorState): string | null {
  const { $from, from, to, empty } = state.selection;
  const found = empty
    ? marks.link.isInSet($from.marks())
    : (() => {
        let mark = null as ReturnType<MarkType['isInSet']> | null;
        state.doc.nodesBetween(from, to, (node) => {
          mark = mark ?? marks.link.isInSet(node.marks) ?? null;
        });
        return mark;
      })();
  return found ? String(found.attrs.href) : null;
}

export function markActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks ?? $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

/** Whether the selection sits in a block of this type (a heading of this level). */
export function blockActive(state: EditorState, type: NodeType, attrs?: Record<string, unknown>): boolean {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d);
    if (node.type === type)
      return !attrs || Object.entries(attrs).every(([key, value]) => node.attrs[key] === value);
  }
  return false;
}

export function listActive(state: EditorState, type: NodeType): boolean {
  return listAt(state)?.node.type === type;
}
