/** Others' cursors and selections, in each person's colour and with their name (awareness `user`). */
import type { DecorationAttrs } from 'prosemirror-view';

interface AwarenessUser {
  name?: string;
  color?: string;
  colorLight?: string;
}

export function cursorBuilder(user: AwarenessUser): HTMLElement {
  const caret = document.createElement('span');
  caret.className = 'remote-caret';
  caret.style.borderColor = user.color ?? '#555';
  const name = document.createElement('span');
  name.className = 'remote-caret-name';
  name.style.background = user.color ?? '#555';
  name.textContent = user.name ?? '';
  caret.append('\u2060', name, '\u2060');
  return caret;
}

export function selectionBuilder(user: AwarenessUser): DecorationAttrs {
  return { class: 'remote-selection', style: `background-color: ${user.colorLight ?? 'rgba(0,0,0,.15)'}` };
}
