/**
 * A deterministic editing trace: `ops` single-character operations (inserts and backspaces) on one Y.Text
 * `content`, each its own Yjs update (what one keystroke sends), by 5 authors taking turns in sessions of 200
 * keystrokes that start at a random place; inside a session the cursor mostly moves with the typing and jumps
 * now and then. 30 % of keystrokes delete (shape of the well-known automerge-paper trace: 260k ops, ~70 % inserts).
 * Generating 250k updates takes Yjs ~10–20 s on this machine, so the result is cached under
 * bench/drafts/.cache/ (the file names the parameters; delete it to regenerate).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { now } from './support';

export const TRACE_AUTHORS = 5;
const SESSION = 200;
const DELETE_SHARE = 0.3;
const JUMP_SHARE = 0.03;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz      äöüß,.;:-\n';
const FORMAT = 'v1';

export interface Trace {
  ops: number;
  seed: number;
  updates: Uint8Array[];
  /** author (0…4) of each update */
  authors: Uint8Array;
  inserts: number;
  deletes: number;
  bytes: number;
  text: string;
  generatedMs: number | null;
  cacheFile: string;
  fromCache: boolean;
}

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(ops: number, seed: number): Omit<Trace, 'cacheFile' | 'fromCache' | 'bytes'> {
  const t0 = now();
  const rnd = mulberry32(seed);
  const doc = new Y.Doc();
  const text = doc.getText('content');
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const authors = new Uint8Array(ops);
  let cursor = 0;
  let author = 0;
  let inserts = 0;
  let deletes = 0;
  for (let i = 0; i < ops; i++) {
    if (i % SESSION === 0) {
      author = Math.floor(rnd() * TRACE_AUTHORS);
      doc.clientID = 1000 + author; // each author keeps one clientID (their device)
      cursor = Math.floor(rnd() * (text.length + 1));
    } else if (rnd() < JUMP_SHARE) {
      cursor = Math.floor(rnd() * (text.length + 1));
    }
    authors[i] = author;
    const before = updates.length;
    if (text.length > 0 && rnd() < DELETE_SHARE) {
      if (cursor > 0) {
        text.delete(cursor - 1, 1);
        cursor -= 1;
      } else text.delete(0, 1);
      deletes++;
    } else {
      text.insert(cursor, ALPHABET[Math.floor(rnd() * ALPHABET.length)]);
      cursor += 1;
      inserts++;
    }
    if (updates.length !== before + 1)
      throw new Error(`trace op ${i} made ${updates.length - before} updates`);
  }
  return { ops, seed, updates, authors, inserts, deletes, text: text.toString(), generatedMs: now() - t0 };
}

function encode(t: Omit<Trace, 'cacheFile' | 'fromCache' | 'bytes'>): Buffer {
  const textBytes = Buffer.from(t.text, 'utf8');
  const size = 16 + t.updates.reduce((a, u) => a + 5 + u.byteLength, 0) + textBytes.length;
  const out = Buffer.alloc(size);
  let pos = out.writeUInt32LE(t.ops, 0);
  pos = out.writeUInt32LE(t.inserts, pos);
  pos = out.writeUInt32LE(t.deletes, pos);
  pos = out.writeUInt32LE(textBytes.length, pos);
  for (let i = 0; i < t.ops; i++) {
    pos = out.writeUInt8(t.authors[i], pos);
    pos = out.writeUInt32LE(t.updates[i].byteLength, pos);
    out.set(t.updates[i], pos);
    pos += t.updates[i].byteLength;
  }
  out.set(textBytes, pos);
  return out;
}

function decode(buf: Buffer, seed: number): Omit<Trace, 'cacheFile' | 'fromCache' | 'bytes'> {
  const ops = buf.readUInt32LE(0);
  const inserts = buf.readUInt32LE(4);
  const deletes = buf.readUInt32LE(8);
  const textLength = buf.readUInt32LE(12);
  let pos = 16;
  const updates: Uint8Array[] = new Array(ops);
  const authors = new Uint8Array(ops);
  for (let i = 0; i < ops; i++) {
    authors[i] = buf.readUInt8(pos);
    const len = buf.readUInt32LE(pos + 1);
    pos += 5;
    updates[i] = new Uint8Array(buf.buffer, buf.byteOffset + pos, len);
    pos += len;
  }
  const text = buf.subarray(pos, pos + textLength).toString('utf8');
  return { ops, seed, updates, authors, inserts, deletes, text, generatedMs: null };
}

export function loadTrace(ops: number, seed: number, cacheDir: string): Trace {
  const cacheFile = path.join(cacheDir, `trace-${FORMAT}-ops${ops}-seed${seed}.bin`);
  let t: Omit<Trace, 'cacheFile' | 'fromCache' | 'bytes'>;
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
