import type { EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { docFromMarkdown, readDoc, TextMap, writeDoc } from '@runde/richtext';
import { DraftLog } from './draft-log';
import { bytes, LEGACY_TEXT, textOf } from './yjs-codec';

/**
 * Moves drafts written before the rich-text model (Markdown in a Y.Text named `content`) into the document
 * fragment, each in one logged update on top of its log (so history, revisions and the text at old versions stay
 * as they were). Comment and suggestion anchors are moved from the old text's characters to the same characters
 * of the new document. Idempotent: drafts whose fragment has content, or whose old text is empty, are left alone.
 */
export async function upgradeLegacyDrafts(manager: EntityManager): Promise<number> {
  const log = new DraftLog(manager.connection);
  const drafts: Array<{ id: string; version: number }> = await manager.query(
    `SELECT id, version FROM drafts WHERE version > 0 ORDER BY created_at`,
  );
  let upgraded = 0;
  for (const { id, version } of drafts) {
    const doc = await log.docAt(id, version, manager);
    const legacy = doc.getText(LEGACY_TEXT);
    const old = legacy.toString();
    if (!old || readDoc(doc).textContent.length > 0) continue;
    const before = Y.encodeStateVector(doc);
    writeDoc(doc, docFromMarkdown(readDoc(doc), old, null));
    const update = Y.encodeStateAsUpdate(doc, before);
    const next = version + 1;
    const map = new TextMap(doc, readDoc(doc));
    const charOf = legacyOffsetsToChars(old, map);
    const move = (rel: Buffer | null, assoc: 0 | -1): Buffer | null => {
      if (!rel) return null;
      const abs = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(bytes(rel)), doc);
      if (!abs || abs.type !== legacy) return rel;
      const k = charOf(abs.index);
      const moved = map.relative(Math.min(Math.max(k, assoc === -1 ? 1 : 0), map.length), assoc);
      return moved ? Buffer.from(Y.encodeRelativePosition(moved)) : rel;
    };
    for (const table of ['draft_comments', 'draft_suggestions']) {
      const rows: Array<{ id: string; anchor_start: Buffer | null; anchor_end: Buffer | null }> =
        await manager.query(
          `SELECT id, anchor_start, anchor_end FROM ${table} WHERE draft_id = $1 AND anchor_start IS NOT NULL`,
          [id],
        );
      for (const row of rows)
        await manager.query(`UPDATE ${table} SET anchor_start = $2, anchor_end = $3 WHERE id = $1`, [
          row.id,
          move(row.anchor_start, 0),
          move(row.anchor_end, -1),
        ]);
    }
    await manager.query(
      `INSERT INTO draft_updates (draft_id, version, update, author_id) VALUES ($1, $2, $3, NULL)`,
      [id, next, Buffer.from(update)],
    );
    await manager.query(
      `UPDATE drafts SET version = $2, content_text = $3, content_version = $2 WHERE id = $1`,
      [id, next, textOf(doc)],
    );
    upgraded++;
  }
  return upgraded;
}

/**
 * For an offset into the old Markdown, the character of the new document it held: the document's characters
 * appear in the old Markdown in order (between the markup), so they are matched forward, one by one.
 */
function legacyOffsetsToChars(old: string, map: TextMap): (offset: number) => number {
  const text: string[] = [];
  readDoc(map.ydoc).descendants((node) => {
    if (node.isText) text.push(node.text!);
    return true;
  });
  const chars = text.join('');
  const at = new Int32Array(old.length + 1);
  let k = 0;
  for (let o = 0; o < old.length; o++) {
    at[o] = k;
    if (k < chars.length && old[o] === chars[k]) k++;
  }
  at[old.length] = k;
  return (offset: number) => at[Math.max(0, Math.min(offset, old.length))];
}
