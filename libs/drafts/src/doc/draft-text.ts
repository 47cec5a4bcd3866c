import type { DataSource, EntityManager } from 'typeorm';
import { prepared } from '@runde/platform';

/**
 * Writes `drafts.content_text` as the text at `version`, only forward (a slower writer never puts an older text
 * back). Live edits, loads, compaction and the worker's text check all bring the text up to date this way.
 * Returns whether it was written.
 */
export async function advanceText(
  db: DataSource | EntityManager,
  draftId: string,
  text: string,
  version: number,
): Promise<boolean> {
  const rows = await prepared<{ id: string }>(
    db,
    `UPDATE drafts SET content_text = $2, content_version = $3 WHERE id = $1 AND content_version < $3 RETURNING id`,
    [draftId, text, version],
  );
  return rows.length > 0;
}
