/**
 * The editor's shortcuts and typing rules. Mod is Ctrl (Cmd on a Mac). The toolbar names each shortcut in its
 * button's title (SHORTCUTS), so what is written there and what works stay one list.
 */
import { baseKeymap, chainCommands, exitCode } from 'prosemirror-commands';
import {
  inputRules,
  textblockTypeInputRule,
  wrappingInputRule,
  type InputRule,
} from 'prosemirror-inputrules';
import { keymap } from 'prosemirror-keymap';
import type { Command, Plugin } from 'prosemirror-state';
import { splitListItem } from 'prosemirror-schema-list';
import { schema } from '@runde/richtext';
import { heading, paragraph, tab, toggle, toggleList } from './commands';
import { redoCommand, undoCommand } from './history';

const { nodes } = schema;

/** Shortcut of each toolbar action, as the keymap names it. */
export const SHORTCUTS = {
  paragraph: 'Mod-Alt-0',
  h1: 'Mod-Alt-1',
  h2: 'Mod-Alt-2',
  h3: 'Mod-Alt-3',
  strong: 'Mod-b',
  em: 'Mod-i',
  underline: 'Mod-u',
  strike: 'Mod-Shift-s',
  orderedList: 'Mod-Shift-7',
  bulletList: 'Mod-Shift-8',
  indent: 'Tab',
  outdent: 'Shift-Tab',
  link: 'Mod-k',
  undo: 'Mod-z',
  redo: 'Mod-Shift-z',
} as const;

const mac = typeof navigator !== 'undefined' && /Mac|iP(hone|[oa]d)/.test(navigator.platform);

/** A shortcut as people read it: "Strg+Umschalt+7" (German) or "Ctrl+Shift+7". */
export function shortcutLabel(key: string, words: { ctrl: string; shift: string; alt: string }): string {
  return key
    .split('-')
    .map((part) =>
      part === 'Mod'
        ? mac
          ? '⌘'
          : words.ctrl
        : part === 'Shift'
          ? words.shift
          : part === 'Alt'
            ? words.alt
            : part.length === 1
              ? part.toUpperCase()
              : part,
    )
    .join('+');
}

export function editorKeys(openLink: () => void): Plugin[] {
  const linkCommand: Command = () => {
    openLink();
    return true;
  };
  const hardBreak: Command = chainCommands(exitCode, (state, dispatch) => {
    dispatch?.(state.tr.replaceSelectionWith(nodes.hard_break.create()).scrollIntoView());
    return true;
  });
  const bindings: Record<string, Command> = {
    [SHORTCUTS.paragraph]: paragraph,
    [SHORTCUTS.h1]: heading(1),
    [SHORTCUTS.h2]: heading(2),
    [SHORTCUTS.h3]: heading(3),
    [SHORTCUTS.strong]: toggle('strong'),
    [SHORTCUTS.em]: toggle('em'),
    [SHORTCUTS.underline]: toggle('underline'),
    [SHORTCUTS.strike]: toggle('strike'),
    [SHORTCUTS.orderedList]: toggleList(nodes.ordered_list),
    [SHORTCUTS.bulletList]: toggleList(nodes.bullet_list),
    [SHORTCUTS.link]: linkCommand,
    Tab: tab(1),
    'Shift-Tab': tab(-1),
    Enter: splitListItem(nodes.list_item),
    'Shift-Enter': hardBreak,
    'Mod-z': undoCommand,
    'Mod-Shift-z': redoCommand,
    'Mod-y': redoCommand,
  };
  return [keymap(bindings), keymap(baseKeymap)];
}

/** Markdown habits while typing: "# " a heading, "- " a list, "1. " a numbered list, "> " a quote. */
export function typingRules(): Plugin {
  const rules: InputRule[] = [
    textblockTypeInputRule(/^(#{1,3})\s$/, nodes.heading, (m) => ({ level: m[1].length })),
    wrappingInputRule(/^\s*>\s$/, nodes.blockquote),
    wrappingInputRule(/^\s*([-+*])\s$/, nodes.bullet_list),
    wrappingInputRule(
      /^(\d+)\.\s$/,
      nodes.ordered_list,
      (m) => ({ order: Number(m[1]) }),
      (m, node) => node.childCount + (node.attrs.order as number) === Number(m[1]),
    ),
  ];
  return inputRules({ rules });
}
