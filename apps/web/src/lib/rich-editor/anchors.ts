/**
 * Comments and suggestions anchored in the text: highlighted where their anchor is now. Stored anchors carry Yjs
 * relative positions (relStart/relEnd, on the text of a block), which y-prosemirror turns into positions of the
 * current document, so a highlight moves with the edits around it. Where those do not resolve (REST mode, or a
 * block that is gone) the Markdown offsets are mapped through TextMap.
 */
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import * as Y from 'yjs';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from 'y-prosemirror';
import { TextMap, readDoc } from '@runde/richtext';
import { posOfCharIndex } from '../../../../../libs/richtext/src/positions';

export interface Highlight {
  id: string;
  kind: 'comment' | 'suggestion';
  start: number;
  end: number;
  relStart?: string;
  relEnd?: string;
}

const key = new PluginKey<DecorationSet>('anchors');
const REFRESH = 'refresh';

function decodeRelative(base64: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** Where a highlight is in the editor's document now, or null. */
export function resolveHighlight(
  state: EditorState,
  h: Omit<Highlight, 'id' | 'kind'>,
): [number, number] | null {
  const sync = ySyncPluginKey.getState(state) as
    { doc: Y.Doc; type: Y.XmlFragment; binding: { mapping: Map<unknown, unknown> } } | undefined;
  if (sync && h.relStart && h.relEnd && sync.binding.mapping.size > 0) {
    const rs = decodeRelative(h.relStart);
    const re = decodeRelative(h.relEnd);
    if (rs && re) {
      const from = relativePositionToAbsolutePosition(sync.doc, sync.type, rs, sync.binding.mapping as never);
      const to = relativePositionToAbsolutePosition(sync.doc, sync.type, re, sync.binding.mapping as never);
      if (from !== null && to !== null && to > from && to <= state.doc.content.size) return [from, to];
    }
  }
  if (!sync) return null;
  return fromOffsets(state.doc, sync.doc, h.start, h.end);
}

function fromOffsets(doc: Node, ydoc: Y.Doc, start: number, end: number): [number, number] | null {
  const map = new TextMap(ydoc, readDoc(ydoc));
  const [a, b] = map.charRange(start, end);
  if (b <= a) return null;
  const from = posOfCharIndex(doc, a, 1);
  const to = posOfCharIndex(doc, b, -1);
  return to > from ? [from, to] : null;
}

export function anchorHighlights(highlights: () => Highlight[], label: (h: Highlight) => string): Plugin {
  const build = (state: EditorState) => {
    const decorations: Decoration[] = [];
    for (const h of highlights()) {
      const range = resolveHighlight(state, h);
      if (!range) continue;
      decorations.push(
        Decoration.inline(range[0], range[1], {
          class: `anchor anchor-${h.kind}`,
          'data-anchor': h.id,
          title: label(h),
        }),
      );
    }
    return DecorationSet.create(state.doc, decorations);
  };
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: () => DecorationSet.empty,
      apply: (tr, set, _old, state) =>
        tr.getMeta(key) === REFRESH || tr.getMeta(ySyncPluginKey)
          ? build(state)
          : set.map(tr.mapping, tr.doc),
    },
    props: { decorations: (state) => key.getState(state) },
  });
}

/** A transaction that makes the highlights be looked up again (after the list of comments changed). */
export const refreshAnchors = (state: EditorState) => state.tr.setMeta(key, REFRESH);
