import type { Command, EditorState } from 'prosemirror-state';
import { useRef } from 'preact/hooks';
import { schema } from '@runde/richtext';
import { t, type MessageKey } from '../../lib/i18n';
import {
  blockActive,
  heading,
  indent,
  insertTable,
  isInTable,
  listActive,
  linkAt,
  markActive,
  outdent,
  paragraph,
  tableCommands,
  toggle,
  toggleList,
  toggleQuote,
} from '../../lib/rich-editor/commands';
import type { DraftEditor } from '../../lib/rich-editor/editor';
import { SHORTCUTS, shortcutLabel } from '../../lib/rich-editor/keys';
import { newUndoStep, redoCommand, undoCommand } from '../../lib/rich-editor/history';

const { nodes, marks } = schema;

interface Tool {
  id: string;
  label: MessageKey;
  text: string;
  shortcut?: string;
  run: Command;
  /** Shown as pressed (aria-pressed) when true; tools without it are plain buttons. */
  active?: (state: EditorState) => boolean;
  /** Shown only when true (the table tools inside a table). */
  when?: (state: EditorState) => boolean;
}

/**
 * The formatting toolbar (WAI-ARIA toolbar: one tab stop, arrow keys, Home and End move between the buttons).
 * Each button names its shortcut in its title; marks and block types say whether they apply (aria-pressed).
 */
export function Toolbar(props: {
  editor: DraftEditor | null;
  state: EditorState | null;
  disabled: boolean;
  onLink: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const openLink: Command = () => (props.onLink(), true);
  const groups: Array<{ label: MessageKey; tools: Tool[] }> = [
    {
      label: 'editorToolbar',
      tools: [
        {
          id: 'b',
          label: 'fmtBold',
          text: 'F',
          shortcut: SHORTCUTS.strong,
          run: toggle('strong'),
          active: (s) => markActive(s, marks.strong),
        },
        {
          id: 'i',
          label: 'fmtItalic',
          text: 'K',
          shortcut: SHORTCUTS.em,
          run: toggle('em'),
          active: (s) => markActive(s, marks.em),
        },
        {
          id: 'u',
          label: 'fmtUnderline',
          text: 'U',
          shortcut: SHORTCUTS.underline,
          run: toggle('underline'),
          active: (s) => markActive(s, marks.underline),
        },
        {
          id: 's',
          label: 'fmtStrike',
          text: 'S',
          shortcut: SHORTCUTS.strike,
          run: toggle('strike'),
          active: (s) => markActive(s, marks.strike),
        },
        {
          id: 'link',
          label: 'fmtLink',
          text: '🔗',
          shortcut: SHORTCUTS.link,
          run: openLink,
          active: (s) => linkAt(s) !== null,
        },
      ],
    },
    {
      label: 'editorToolbar',
      tools: [
        {
          id: 'ul',
          label: 'fmtBulletList',
          text: '•',
          shortcut: SHORTCUTS.bulletList,
          run: toggleList(nodes.bullet_list),
          active: (s) => listActive(s, nodes.bullet_list),
        },
        {
          id: 'ol',
          label: 'fmtOrderedList',
          text: '#',
          shortcut: SHORTCUTS.orderedList,
          run: toggleList(nodes.ordered_list),
          active: (s) => listActive(s, nodes.ordered_list),
        },
        { id: 'indent', label: 'fmtIndent', text: '→', shortcut: SHORTCUTS.indent, run: indent },
        { id: 'outdent', label: 'fmtOutdent', text: '←', shortcut: SHORTCUTS.outdent, run: outdent },
        {
          id: 'quote',
          label: 'fmtQuote',
          text: '❝',
          run: toggleQuote,
          active: (s) => blockActive(s, nodes.blockquote),
        },
        { id: 'table', label: 'fmtTable', text: '▦', run: insertTable, when: (s) => !isInTable(s) },
        { id: 'row+', label: 'fmtAddRow', text: '+Z', run: tableCommands.addRow, when: isInTable },
        { id: 'row-', label: 'fmtDeleteRow', text: '−Z', run: tableCommands.deleteRow, when: isInTable },
        { id: 'col+', label: 'fmtAddColumn', text: '+Sp', run: tableCommands.addColumn, when: isInTable },
        {
          id: 'col-',
          label: 'fmtDeleteColumn',
          text: '−Sp',
          run: tableCommands.deleteColumn,
          when: isInTable,
        },
        {
          id: 'table-',
          label: 'fmtDeleteTable',
          text: '▦×',
          run: tableCommands.deleteTable,
          when: isInTable,
        },
      ],
    },
    {
      label: 'editorToolbar',
      tools: [
        { id: 'undo', label: 'fmtUndo', text: '↶', shortcut: SHORTCUTS.undo, run: undoCommand },
        { id: 'redo', label: 'fmtRedo', text: '↷', shortcut: SHORTCUTS.redo, run: redoCommand },
      ],
    },
  ];
  const state = props.state;
  const words = { ctrl: t('keyCtrl'), shift: t('keyShift'), alt: t('keyAlt') };
  const run = (tool: Tool) => {
    const view = props.editor?.view;
    if (!view || props.disabled) return;
    newUndoStep(view.state);
    tool.run(view.state, view.dispatch, view);
    if (tool.id !== 'link') view.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const buttons = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const to =
      e.key === 'ArrowRight'
        ? index + 1
        : e.key === 'ArrowLeft'
          ? index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? buttons.length - 1
              : null;
    if (to === null) return;
    e.preventDefault();
    const next = buttons[(to + buttons.length) % buttons.length];
    for (const b of buttons) b.tabIndex = b === next ? 0 : -1;
    next.focus();
  };
  let first = true;
  const block = state ? blockKind(state) : 'p';
  const setBlock = (kind: string) => {
    const view = props.editor?.view;
    if (!view || props.disabled) return;
    newUndoStep(view.state);
    const command = kind === 'p' ? paragraph : heading(Number(kind.slice(1)) as 1 | 2 | 3);
    command(view.state, view.dispatch, view);
    view.focus();
  };
  return (
    <div
      class="editor-toolbar"
      role="toolbar"
      aria-label={t('editorToolbar')}
      ref={ref}
      onKeyDown={onKeyDown}
    >
      <div class="toolbar-group" role="group">
        <label for="block-format" class="visually-hidden">
          {t('fmtBlock')}
        </label>
        <select
          id="block-format"
          class="block-format"
          title={BLOCKS.map(([, key, shortcut]) =>
            t('withShortcut', { label: t(key), keys: shortcutLabel(shortcut, words) }),
          ).join(' · ')}
          value={block}
          disabled={props.disabled}
          onChange={(e) => setBlock((e.target as HTMLSelectElement).value)}
        >
          {block === 'other' && <option value="other">–</option>}
          {BLOCKS.map(([value, key]) => (
            <option key={value} value={value}>
              {t(key)}
            </option>
          ))}
        </select>
      </div>
      {groups.map((group, g) => (
        <div class="toolbar-group" role="group" key={g}>
          {group.tools
            .filter((tool) => !tool.when || (state ? tool.when(state) : false))
            .map((tool) => {
              const label = t(tool.label);
              const title = tool.shortcut
                ? t('withShortcut', { label, keys: shortcutLabel(tool.shortcut, words) })
                : label;
              const pressed = tool.active && state ? tool.active(state) : undefined;
              const tabIndex = first ? 0 : -1;
              first = false;
              return (
                <button
                  key={tool.id}
                  type="button"
                  class={`tool tool-${tool.id}`}
                  aria-label={label}
                  title={title}
                  aria-pressed={tool.active ? !!pressed : undefined}
                  aria-keyshortcuts={tool.shortcut ? ariaKeys(tool.shortcut) : undefined}
                  tabIndex={tabIndex}
                  disabled={props.disabled}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => run(tool)}
                >
                  <span aria-hidden="true">{tool.text}</span>
                </button>
              );
            })}
        </div>
      ))}
    </div>
  );
}

const BLOCKS: Array<[string, MessageKey, string]> = [
  ['p', 'fmtParagraph', SHORTCUTS.paragraph],
  ['h1', 'fmtH1', SHORTCUTS.h1],
  ['h2', 'fmtH2', SHORTCUTS.h2],
  ['h3', 'fmtH3', SHORTCUTS.h3],
];

/** The kind of the text block where the selection starts: 'p', 'h1'…'h3', or 'other' (e.g. a mixed selection). */
function blockKind(state: EditorState): string {
  const parent = state.selection.$from.parent;
  if (parent.type === nodes.heading) return `h${parent.attrs.level as number}`;
  if (parent.type === nodes.paragraph) return 'p';
  return 'other';
}

/** "Mod-Shift-7" → "Control+Shift+7" (aria-keyshortcuts). */
function ariaKeys(key: string): string {
  return key
    .split('-')
    .map((part) => (part === 'Mod' ? 'Control' : part.length === 1 ? part.toUpperCase() : part))
    .join('+');
}
