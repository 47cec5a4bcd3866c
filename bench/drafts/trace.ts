/**
 * A deterministic editing trace on the rich-text model: `ops` keystrokes into a ProseMirror document held in the
 * Y.XmlFragment `prosemirror` (@runde/richtext), each its own Yjs update (what one keystroke sends from the
 * browser's editor), by 5 authors taking turns in sessions of 200 keystrokes that start at a random place in a
 * random text block; inside a session the cursor mostly moves with the typing and jumps now and then.
 * The keystrokes are what the editor's binding (y-prosemirror) writes for them (see `blocks.ts`):
 * - a character: inserted into the text block's Y.XmlText (the first one into an empty block creates it);
 * - backspace (30 % of keystrokes, the shape of the automerge-paper trace: ~70 % inserts): one character deleted,
 *   or at a block's start the block joined to the previous one;
 * - Enter (0.4 %): the block split at the cursor, the rest moved into a new paragraph (1 in 10 a level-2 heading)
 *   with a fresh block id and Randnummer, as the browser's numbering plugin sets them in the same transaction.
 * The expected result is the document's Markdown as the product renders it (`toMarkdown(readDoc(doc))`, what the
 * server's `textOf` gives) and its plain text. Generating 250k updates takes ~10–30 s, so the result is cached
 * under bench/drafts/.cache/ (the file names the format and parameters; delete it to regenerate).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { plainText, readDoc, toMarkdown } from '@runde/richtext';
import { Blocks, mulberry32 } from './blocks';
import { now } from './support';

export const TRACE_AUTHORS = 5;
const SESSION = 200;
const DELETE_SHARE = 0.3;
const ENTER_SHARE = 0.004;
const HEADING_SHARE = 0.1;
const JUMP_SHARE = 0.03;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz      äöüß,.;:-';
const FORMAT = 'v2-richtext';

export interface Trace {
  ops: number;
  seed: number;
  updates: Uint8Array[];
  /** author (0…4) of each update */
  authors: Uint8Array;
  inserts: number;
  deletes: number;
  /** Enter: block splits (new paragraphs and headings) */
  splits: number;
  /** backspace at a block's start: joins */
  joins: number;
  /** top-level blocks of the final document */
  blocks: number;
  bytes: number;
  /** the final document's Markdown (what the server's textOf gives) */
  text: string;
  /** the final document's plain text (what search indexes) */
  plain: string;
  generatedMs: number | null;
  cacheFile: string;
  fromCache: boolean;
}

type Generated = Omit<Trace, 'cacheFile' | 'fromCache' | 'bytes'>;

function generate(ops: number, seed: number): Generated {
  const t0 = now();
  const rnd = mulberry32(seed);
  const doc = new Y.Doc();
  const blocks = new Blocks(doc, rnd);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const authors = new Uint8Array(ops);
  let author = 0;
  let inserts = 0;
  let deletes = 0;
  let splits = 0;
  let joins = 0;
  for (let i = 0; i < ops; i++) {
    if (i % SESSION === 0) {
      author = Math.floor(rnd() * TRACE_AUTHORS);
      doc.clientID = 1000 + author; // each author keeps one clientID (their device)
      blocks.jump();
    } else if (rnd() < JUMP_SHARE) blocks.jump();
    authors[i] = author;
    const before = updates.length;
    const r = rnd();
    const backspace = !blocks.empty && r < DELETE_SHARE ? blocks.backspace() : null;
    if (backspace === 'join') joins++;
    else if (backspace === 'delete') deletes++;
    else if (backspace === 'none') {
      // at the start of the first block: the author types instead
      blocks.type(ALPHABET[Math.floor(rnd() * ALPHABET.length)]);
      inserts++;
    } else if (!blocks.empty && r < DELETE_SHARE + ENTER_SHARE) {
      blocks.enter(rnd() < HEADING_SHARE ? 'heading' : 'paragraph');
      splits++;
    } else {
      blocks.type(ALPHABET[Math.floor(rnd() * ALPHABET.length)]);
      inserts++;
    }
    if (updates.length !== before + 1)
      throw new Error(`trace op ${i} made ${updates.length - before} updates`);
  }
  const pm = readDoc(doc);
  return {
    ops,
    seed,
    updates,
    authors,
    inserts,
    deletes,
    splits,
    joins,
    blocks: pm.childCount,
    text: toMarkdown(pm),
    plain: plainText(pm),
    generatedMs: now() - t0,
  };
}

const COUNTS = ['ops', 'inserts', 'deletes', 'splits', 'joins', 'blocks'] as const;

function encode(t: Generated): Buffer {
  const textBytes = Buffer.from(t.text, 'utf8');
  const plainBytes = Buffer.from(t.plain, 'utf8');
  const head = 4 * (COUNTS.length + 2);
  const size =
    head + t.updates.reduce((a, u) => a + 5 + u.byteLength, 0) + textBytes.length + plainBytes.length;
  const out = Buffer.alloc(size);
  let pos = 0;
  for (const k of COUNTS) pos = out.writeUInt32LE(t[k], pos);
  pos = out.writeUInt32LE(textBytes.length, pos);
  pos = out.writeUInt32LE(plainBytes.length, pos);
  for (let i = 0; i < t.ops; i++) {
    pos = out.writeUInt8(t.authors[i], pos);
    pos = out.writeUInt32LE(t.updates[i].byteLength, pos);
    out.set(t.updates[i], pos);
    pos += t.updates[i].byteLength;
  }
  out.set(textBytes, pos);
  out.set(plainBytes, pos + textBytes.length);
  return out;
}

function decode(buf: Buffer, seed: number): Generated {
  let pos = 0;
  const counts = {} as Record<(typeof COUNTS)[number], number>;
  for (const k of COUNTS) {
    counts[k] = buf.readUInt32LE(pos);
    pos += 4;
  }
  const textLength = buf.readUInt32LE(pos);
  const plainLength = buf.readUInt32LE(pos + 4);
  pos += 8;
  const updates: Uint8Array[] = new Array(counts.ops);
  const authors = new Uint8Array(counts.ops);
  for (let i = 0; i < counts.ops; i++) {
    authors[i] = buf.readUInt8(pos);
    const len = buf.readUInt32LE(pos + 1);
    pos += 5;
    updates[i] = new Uint8Array(buf.buffer, buf.byteOffset + pos, len);
    pos += len;
  }
  const text = buf.subarray(pos, pos + textLength).toString('utf8');
  const plain = buf.subarray(pos + textLength, pos + textLength + plainLength).toString('utf8');
  return { ...counts, seed, updates, authors, text, plain, generatedMs: null };
}

export function loadTrace(ops: number, seed: number, cacheDir: string): Trace {
  const cacheFile = path.join(cacheDir, `trace-${FORMAT}-ops${ops}-seed${seed}.bin`);
  let t: Generated;
  let fromCache = false;
  if (existsSync(cacheFile)) {
    t = decode(readFileSync(cacheFile), seed);
    fromCache = true;
  } else {
    t = generate(ops, seed);
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cacheFile, encode(t));
  }
  const bytes = t.updates.reduce((a, u) => a + u.byteLength, 0);
  return { ...t, bytes, cacheFile, fromCache };
}
