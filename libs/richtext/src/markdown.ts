import MarkdownIt from 'markdown-it';
import insPlugin from 'markdown-it-ins';
import type { Mark, Node } from 'prosemirror-model';
import {
  MarkdownParser,
  MarkdownSerializer,
  MarkdownSerializerState,
  defaultMarkdownSerializer,
} from 'prosemirror-markdown';
import { safeHref, schema } from './schema';

/**
 * Markdown in and out through the editor's schema: what REST clients read and write as `content`.
 *
 * CommonMark with GFM tables and ~~strike~~, `++underline++` (markdown-it-ins) and tracked changes as CriticMarkup
 * (`{++inserted++}`, `{--deleted--}`). What the schema has no place for becomes plain text (code, HTML, images) or
 * is dropped (rules); headings below level 3 become level 3. Serialising a parsed document gives the same Markdown
 * again (the round-trip tests hold this for every construct the schema has).
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
// markdown-it's token and state types differ between its ESM and CommonJS typings: typed loosely here.
type Token = any;
type StateInline = any;
type MarkdownItLike = any;

/** `{++…++}` and `{--…--}`: a tracked insertion or deletion (its author and time live in the document only). */
function criticMarkup(md: MarkdownItLike): void {
  md.inline.ruler.before('emphasis', 'critic', (state: StateInline, silent: boolean) => {
    const src = state.src;
    const start = state.pos;
    if (src.charCodeAt(start) !== 0x7b /* { */) return false;
    const kind = src.slice(start + 1, start + 3);
    if (kind !== '++' && kind !== '--') return false;
    const close = src.indexOf(`${kind}}`, start + 3);
    if (close < 0) return false;
    if (!silent) {
      const name = kind === '++' ? 'critic_ins' : 'critic_del';
      state.push(`${name}_open`, kind === '++' ? 'ins' : 'del', 1);
      const max = state.posMax;
      state.pos = start + 3;
      state.posMax = close;
      state.md.inline.tokenize(state);
      state.posMax = max;
      state.push(`${name}_close`, kind === '++' ? 'ins' : 'del', -1);
    }
    state.pos = close + 3;
    return true;
  });
}

const md = new MarkdownIt('default', { html: false, linkify: false, breaks: false })
  .use(criticMarkup)
  .use(insPlugin);

function textToken(proto: Token, content: string): Token {
  const token = new (proto.constructor as new (type: string, tag: string, nesting: number) => Token)(
    'text',
    '',
    0,
  );
  token.content = content;
  return token;
}

/**
 * Brings markdown-it's tokens into the schema's shape: table cells hold a paragraph; code, HTML and images become
 * their text; rules vanish.
 */
function shape(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    if (token.children) token.children = shapeInline(token.children);
    switch (token.type) {
      case 'th_open':
      case 'td_open':
        out.push(
          token,
          Object.assign(textToken(token, ''), { type: 'paragraph_open', nesting: 1, tag: 'p' }),
        );
        break;
      case 'th_close':
      case 'td_close':
        out.push(
          Object.assign(textToken(token, ''), { type: 'paragraph_close', nesting: -1, tag: 'p' }),
          token,
        );
        break;
      case 'hr':
        break;
      case 'html_block':
      case 'code_block':
      case 'fence': {
        const text = token.content.replace(/\n+$/, '');
        if (!text) break;
        out.push(
          Object.assign(textToken(token, ''), { type: 'paragraph_open', nesting: 1, tag: 'p' }),
          Object.assign(textToken(token, ''), {
            type: 'inline',
            children: text
              .split('\n')
              .flatMap((line: string, i: number) =>
                i
                  ? [Object.assign(textToken(token, ''), { type: 'softbreak' }), textToken(token, line)]
                  : [textToken(token, line)],
              ),
          }),
          Object.assign(textToken(token, ''), { type: 'paragraph_close', nesting: -1, tag: 'p' }),
        );
        break;
      }
      default:
        out.push(token);
    }
  }
  return out;
}

function shapeInline(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    if (token.type === 'code_inline' || token.type === 'html_inline')
      out.push(textToken(token, token.content));
    else if (token.type === 'image') out.push(textToken(token, token.content));
    else if (token.type === 'link_open' && !safeHref(token.attrGet('href') ?? '')) {
      out.push(Object.assign(textToken(token, ''), { type: 'unsafe_link_open' }));
    } else out.push(token);
  }
  // Drop the close of an unsafe link (the text stays).
  const result: Token[] = [];
  const stack: boolean[] = [];
  for (const token of out) {
    if (token.type === 'unsafe_link_open') {
      stack.push(true);
      continue;
    }
    if (token.type === 'link_open') stack.push(false);
    if (token.type === 'link_close') {
      if (stack.pop()) continue;
    }
    result.push(token);
  }
  return result;
}

const listAttrs = (tokens: Token[], i: number) => {
  let tight = true;
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.level <= tokens[i].level && (t.type === 'bullet_list_close' || t.type === 'ordered_list_close'))
      break;
    if (t.type === 'paragraph_open' && t.level === tokens[i].level + 2 && !t.hidden) {
      tight = false;
      break;
    }
  }
  return tight;
};

const parser = new MarkdownParser(
  schema,
  { parse: (src: string, env: any) => shape(md.parse(src, env ?? {})) } as any,
  {
    blockquote: { block: 'blockquote' },
    paragraph: { block: 'paragraph' },
    list_item: { block: 'list_item' },
    bullet_list: { block: 'bullet_list', getAttrs: (_t, tokens, i) => ({ tight: listAttrs(tokens, i) }) },
    ordered_list: {
      block: 'ordered_list',
      getAttrs: (tok, tokens, i) => ({
        order: Number(tok.attrGet('start')) || 1,
        tight: listAttrs(tokens, i),
      }),
    },
    heading: { block: 'heading', getAttrs: (tok) => ({ level: Math.min(3, Number(tok.tag.slice(1))) }) },
    table: { block: 'table' },
    thead: { ignore: true },
    tbody: { ignore: true },
    tr: { block: 'table_row' },
    th: { block: 'table_header' },
    td: { block: 'table_cell' },
    hardbreak: { node: 'hard_break' },
    em: { mark: 'em' },
    strong: { mark: 'strong' },
    s: { mark: 'strike' },
    ins: { mark: 'underline' },
    link: {
      mark: 'link',
      getAttrs: (tok) => ({ href: tok.attrGet('href'), title: tok.attrGet('title') || null }),
    },
    critic_ins: { mark: 'insertion' },
    critic_del: { mark: 'deletion' },
  },
);

/** The document of a Markdown text (never throws for any string). */
export function parseMarkdown(markdown: string): Node {
  return parser.parse(markdown) ?? schema.topNodeType.createAndFill()!;
}

interface Recording {
  /** For each text node rendered, in document order: the text as rendered and where it ends in the output. */
  segments: Array<{ text: string; end: number }>;
  inTable: number;
}

type NodeSerializer = (state: MarkdownSerializerState, node: Node, parent: Node, index: number) => void;

const base = defaultMarkdownSerializer.nodes as Record<string, NodeSerializer>;

function nodeSerializers(rec: Recording): Record<string, NodeSerializer> {
  return {
    blockquote: base.blockquote,
    heading: base.heading,
    bullet_list: (state, node) => state.renderList(node, '  ', () => '- '),
    ordered_list: base.ordered_list,
    list_item: base.list_item,
    paragraph: base.paragraph,
    hard_break: (state, node, parent, index) => {
      if (rec.inTable) state.write(' ');
      else base.hard_break(state, node, parent, index);
    },
    text: (state, node) => {
      state.text(node.text!, !internals(state).inAutolink);
      rec.segments.push({ text: node.text!, end: internals(state).out.length });
    },
    table: (state, node) => {
      rec.inTable++;
      node.forEach((row, _o, r) => {
        if (r > 0) state.ensureNewLine();
        state.write('|');
        row.forEach((cell) => {
          state.write(' ');
          cell.forEach((para, _p, i) => {
            if (i) state.write(' ');
            state.renderInline(para, false);
          });
          state.write(' |');
        });
        if (r === 0) {
          state.ensureNewLine();
          state.write('|' + ' --- |'.repeat(row.childCount));
        }
      });
      rec.inTable--;
      state.closeBlock(node);
    },
  };
}

type MarkSpec = ConstructorParameters<typeof MarkdownSerializer>[1][string];

/** The serializer state's fields this module reads (internal in prosemirror-markdown's typings). */
interface StateInternals {
  out: string;
  inAutolink?: boolean;
}
const internals = (state: MarkdownSerializerState) => state as unknown as StateInternals;

const markSerializers: Record<string, MarkSpec> = {
  em: { open: '*', close: '*', mixable: true, expelEnclosingWhitespace: true },
  strong: { open: '**', close: '**', mixable: true, expelEnclosingWhitespace: true },
  underline: { open: '++', close: '++', mixable: true, expelEnclosingWhitespace: true },
  strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
  link: defaultMarkdownSerializer.marks.link,
  insertion: { open: '{++', close: '++}' },
  deletion: { open: '{--', close: '--}' },
  modification: { open: '', close: '', mixable: true },
};

/** `+` before `+`, `{` before `++`/`--`, and `|` in tables would read as syntax: they are escaped. */
const EXTRA = /\+(?=\+)|\{(?=\+\+|--)/g;

/** The Markdown of a document, and where each rendered text node ends in it. */
export function renderMarkdown(doc: Node): { markdown: string; segments: Recording['segments'] } {
  const rec: Recording = { segments: [], inTable: 0 };
  const State = MarkdownSerializerState as unknown as new (
    nodes: Record<string, NodeSerializer>,
    marks: Record<string, MarkSpec>,
    options: Record<string, unknown>,
  ) => MarkdownSerializerState;
  const state = new State(nodeSerializers(rec), markSerializers, {
    tightLists: true,
    escapeExtraCharacters: EXTRA,
    strict: false,
  });
  const esc = state.esc.bind(state);
  state.esc = (str: string, startOfLine?: boolean) => {
    const out = esc(str, startOfLine);
    return rec.inTable ? out.replace(/\|/g, '\\|') : out;
  };
  state.renderContent(doc);
  return { markdown: internals(state).out, segments: rec.segments };
}

/** The Markdown of a document. */
export function toMarkdown(doc: Node): string {
  return renderMarkdown(doc).markdown;
}

export type { Mark };
