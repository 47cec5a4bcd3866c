import {
  Schema,
  type AttributeSpec,
  type DOMOutputSpec,
  type MarkSpec,
  type NodeSpec,
} from 'prosemirror-model';
import { tableNodes } from 'prosemirror-tables';

/**
 * The one schema of a strategy draft, shared by the browser editor (ProseMirror on y-prosemirror) and the server
 * (Markdown in and out, exports, diffs, anchors). What it has no node or mark for does not survive a paste or a
 * Markdown write: fonts, colours, classes and other styling are dropped by construction.
 *
 * Block ids and Randnummern: every top-level block carries `id` (stable, random) and every numbered block `rn`
 * (its Randnummer as a label, "14" or "14a"); see numbering.ts.
 *
 * Tracked changes: `insertion` and `deletion` (and `modification`, for format changes) are the marks of
 * @handlewithcare/prosemirror-suggest-changes, with `author` and `at` added; see tracked.ts.
 */

const blockAttrs: Record<string, AttributeSpec> = {
  id: { default: null },
  rn: { default: null },
};

/** The marks a block may carry when the block itself was suggested (a new paragraph, a deleted list item). */
const TRACKED = 'insertion deletion modification';

/** The little of a DOM element the parse rules read (the server compiles without the DOM library). */
interface El {
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  style: { fontWeight: string };
  dataset: Record<string, string | undefined>;
}
const el = (dom: unknown) => dom as El;

const idFromDom = (node: unknown) => {
  const dom = el(node);
  return {
    id: dom.getAttribute('data-block-id') || null,
    rn: dom.getAttribute('data-rn') || null,
  };
};
const idToDom = (attrs: Record<string, unknown>) => {
  const out: Record<string, string> = {};
  if (attrs.id) out['data-block-id'] = String(attrs.id);
  if (attrs.rn) out['data-rn'] = String(attrs.rn);
  return out;
};

const tables = tableNodes({
  tableGroup: 'block',
  cellContent: 'paragraph+',
  cellAttributes: {},
});

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+', marks: TRACKED },
  paragraph: {
    group: 'block',
    content: 'inline*',
    attrs: blockAttrs,
    parseDOM: [{ tag: 'p', getAttrs: idFromDom }],
    toDOM: (node) => ['p', idToDom(node.attrs), 0],
  },
  heading: {
    group: 'block',
    content: 'inline*',
    defining: true,
    attrs: { ...blockAttrs, level: { default: 1 } },
    parseDOM: [1, 2, 3, 4, 5, 6].map((level) => ({
      tag: `h${level}`,
      getAttrs: (dom) => ({ ...idFromDom(dom), level: Math.min(level, 3) }),
    })),
    toDOM: (node) => [`h${node.attrs.level as number}`, idToDom(node.attrs), 0],
  },
  blockquote: {
    group: 'block',
    content: 'block+',
    defining: true,
    marks: TRACKED,
    attrs: blockAttrs,
    parseDOM: [{ tag: 'blockquote', getAttrs: idFromDom }],
    toDOM: (node) => ['blockquote', idToDom(node.attrs), 0],
  },
  bullet_list: {
    group: 'block',
    content: 'list_item+',
    marks: TRACKED,
    attrs: { ...blockAttrs, tight: { default: true } },
    parseDOM: [{ tag: 'ul', getAttrs: (dom) => ({ ...idFromDom(dom), tight: true }) }],
    toDOM: (node) => ['ul', idToDom(node.attrs), 0],
  },
  ordered_list: {
    group: 'block',
    content: 'list_item+',
    marks: TRACKED,
    attrs: { ...blockAttrs, order: { default: 1 }, tight: { default: true } },
    parseDOM: [
      {
        tag: 'ol',
        getAttrs: (dom) => ({
          ...idFromDom(dom),
          order: el(dom).hasAttribute('start') ? Number(el(dom).getAttribute('start')) || 1 : 1,
          tight: true,
        }),
      },
    ],
    toDOM: (node) =>
      node.attrs.order === 1
        ? ['ol', idToDom(node.attrs), 0]
        : ['ol', { ...idToDom(node.attrs), start: String(node.attrs.order) }, 0],
  },
  list_item: {
    content: 'paragraph block*',
    defining: true,
    marks: TRACKED,
    parseDOM: [{ tag: 'li' }],
    toDOM: () => ['li', 0],
  },
  table: {
    ...tables.table,
    marks: TRACKED,
    attrs: { ...(tables.table.attrs ?? {}), ...blockAttrs },
    parseDOM: [{ tag: 'table', getAttrs: idFromDom }],
    toDOM: (node) => ['table', idToDom(node.attrs), ['tbody', 0]],
  },
  table_row: { ...tables.table_row, marks: TRACKED },
  table_cell: { ...tables.table_cell, marks: TRACKED },
  table_header: { ...tables.table_header, marks: TRACKED },
  text: { group: 'inline' },
  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    parseDOM: [{ tag: 'br' }],
    toDOM: () => ['br'],
  },
};

/** Who suggested a change and when: added to the suggest-changes marks (which carry only an id). */
const changeAttrs: Record<string, AttributeSpec> = {
  id: { default: null },
  author: { default: null },
  at: { default: null },
};
const changeToDom =
  (tag: string, label: string) =>
  (mark: { attrs: Record<string, unknown> }, inline: boolean): DOMOutputSpec => [
    tag,
    {
      'data-id': JSON.stringify(mark.attrs.id),
      'data-author': mark.attrs.author ? String(mark.attrs.author) : '',
      'data-at': mark.attrs.at ? String(mark.attrs.at) : '',
      'data-inline': String(inline),
      class: `tracked tracked-${label}`,
      ...(inline ? {} : { style: 'display: block' }),
    },
    0,
  ];
const changeFromDom = (node: unknown) => {
  const dom = el(node);
  const raw = dom.dataset['id'];
  if (!raw) return false;
  let id: unknown;
  try {
    id = JSON.parse(raw);
  } catch {
    return false;
  }
  return { id, author: dom.dataset['author'] || null, at: dom.dataset['at'] || null };
};

const marks: Record<string, MarkSpec> = {
  link: {
    attrs: { href: {}, title: { default: null } },
    inclusive: false,
    parseDOM: [
      {
        tag: 'a[href]',
        getAttrs: (dom) => {
          const href = el(dom).getAttribute('href') ?? '';
          return safeHref(href) ? { href, title: el(dom).getAttribute('title') } : false;
        },
      },
    ],
    toDOM: (mark) => [
      'a',
      { href: mark.attrs.href as string, title: mark.attrs.title as string, rel: 'noopener noreferrer' },
      0,
    ],
  },
  em: {
    parseDOM: [
      { tag: 'i' },
      { tag: 'em' },
      { style: 'font-style=italic' },
      { style: 'font-style=normal', clearMark: (m) => m.type.name === 'em' },
    ],
    toDOM: () => ['em', 0],
  },
  strong: {
    parseDOM: [
      { tag: 'strong' },
      // Google Docs wraps a whole paste in <b style="font-weight:normal">: that is not bold.
      { tag: 'b', getAttrs: (node) => el(node).style.fontWeight !== 'normal' && null },
      { style: 'font-weight=400', clearMark: (m) => m.type.name === 'strong' },
      { style: 'font-weight', getAttrs: (value: string) => /^(bold(er)?|[6-9]\d{2,})$/.test(value) && null },
    ],
    toDOM: () => ['strong', 0],
  },
  underline: {
    parseDOM: [
      { tag: 'u' },
      { style: 'text-decoration=underline' },
      { style: 'text-decoration-line=underline' },
    ],
    toDOM: () => ['u', 0],
  },
  strike: {
    parseDOM: [
      { tag: 's' },
      { tag: 'strike' },
      { style: 'text-decoration=line-through' },
      { style: 'text-decoration-line=line-through' },
    ],
    toDOM: () => ['s', 0],
  },
  insertion: {
    inclusive: false,
    excludes: 'insertion deletion modification',
    attrs: changeAttrs,
    parseDOM: [{ tag: 'ins[data-id]', getAttrs: changeFromDom }],
    toDOM: changeToDom('ins', 'insertion'),
  },
  deletion: {
    inclusive: false,
    excludes: 'insertion deletion modification',
    attrs: changeAttrs,
    parseDOM: [{ tag: 'del[data-id]', getAttrs: changeFromDom }],
    toDOM: changeToDom('del', 'deletion'),
  },
  modification: {
    inclusive: false,
    excludes: 'deletion insertion',
    attrs: {
      ...changeAttrs,
      type: { default: 'mark' },
      attrName: { default: null },
      previousValue: { default: null },
      newValue: { default: null },
    },
    parseDOM: [],
    toDOM: changeToDom('span', 'modification'),
  },
};

/** Links go to the web, to mail or to a place in the app; nothing that runs. */
export function safeHref(href: string): boolean {
  return /^(https?:|mailto:|\/|#)/i.test(href.trim());
}

export const schema = new Schema({ nodes, marks });

/** The blocks that carry a Randnummer (headings are numbered by their level, not by Rn.). */
export const NUMBERED = new Set(['paragraph', 'blockquote', 'bullet_list', 'ordered_list', 'table']);
/** The blocks that carry a stable id. */
export const IDENTIFIED = new Set([...NUMBERED, 'heading']);
