import { Fragment, type Mark, type Node } from 'prosemirror-model';
import * as Y from 'yjs';
import { updateYFragment, yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import { schema } from './schema';

/** The shared type of a draft's document (y-prosemirror's default name). */
export const FRAGMENT = 'prosemirror';

export const fragmentOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(FRAGMENT);

interface NodeJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: NodeJson[];
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  text?: string;
}

/**
 * A node from JSON that may not fit the schema (a client can put anything into a Y.XmlFragment): what does not
 * fit is left out, never thrown about, so a bad update cannot make a draft unreadable.
 */
function lenient(json: NodeJson): Node | null {
  const type = schema.nodes[json.type];
  if (!type) return null;
  if (json.type === 'text') {
    if (typeof json.text !== 'string' || !json.text) return null;
    const marks = (json.marks ?? []).flatMap((m) => {
      const markType = schema.marks[m.type];
      if (!markType) return [];
      try {
        return [markType.create(m.attrs ?? null)];
      } catch {
        return [];
      }
    });
    return schema.text(json.text, markSet(marks));
  }
  const children = (json.content ?? []).map(lenient).filter((n): n is Node => n !== null);
  const attrs: Record<string, unknown> = {};
  for (const key of Object.keys(type.spec.attrs ?? {}))
    if (json.attrs && key in json.attrs) attrs[key] = json.attrs[key];
  if (json.type === 'heading') attrs.level = Math.min(3, Math.max(1, Number(attrs.level) || 1));
  try {
    const content = Fragment.from(children);
    if (type.validContent(content)) return type.create(attrs, content);
    return type.createAndFill(attrs, content) ?? type.createAndFill(attrs);
  } catch {
    return null;
  }
}

function markSet(marks: Mark[]): readonly Mark[] {
  let set: readonly Mark[] = [];
  for (const mark of marks) set = mark.addToSet(set);
  return set;
}

/** The document held in a Y.Doc, read without changing the Y.Doc (never throws; an empty draft is one paragraph). */
export function readDoc(doc: Y.Doc): Node {
  const json = yXmlFragmentToProsemirrorJSON(fragmentOf(doc)) as NodeJson;
  const children = (json.content ?? []).map(lenient).filter((n): n is Node => n !== null && n.isBlock);
  if (!children.length) return schema.topNodeType.createAndFill()!;
  return schema.topNodeType.create(null, Fragment.from(children));
}

/**
 * Makes `doc`'s fragment hold `next`, changing only what differs (y-prosemirror's own diff: unchanged blocks and
 * unchanged text stay the same Yjs items, so anchors and concurrent edits around them survive). Call inside a
 * transaction of your choice; returns nothing.
 */
export function writeDoc(doc: Y.Doc, next: Node): void {
  doc.transact(() => {
    updateYFragment(doc, fragmentOf(doc), next, { mapping: new Map(), isOMark: new Map() });
  });
}

/** A Y.Doc update that turns `base`'s document into `next`, made by a fresh client on a copy of `base`. */
export function updateTo(base: Y.Doc, next: Node): Uint8Array | null {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(copy);
  writeDoc(copy, next);
  const update = Y.encodeStateAsUpdate(copy, before);
  const sv = Y.encodeStateVector(copy);
  if (sameBytes(sv, before) && !hasDeletions(update)) return null;
  return update;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hasDeletions(update: Uint8Array): boolean {
  return Y.decodeUpdate(update).ds.clients.size > 0;
}

/** A new Y.Doc state holding `content`. */
export function stateOf(content: Node): Uint8Array {
  const doc = new Y.Doc();
  writeDoc(doc, content);
  return Y.encodeStateAsUpdate(doc);
}
