import type { SearchSource } from './sources/search-source';

/** Best first; the rest makes the order total, so that offsets page without gaps or repeats. */
const ORDER = 'rank DESC, created_at DESC, type, id';

/**
 * One ranked page over the sources (parameters: those of `SEARCH_SQL`, then `$5` limit and `$6` offset), each hit
 * with the raw `text` its snippet is cut from (`SNIPPETS_SQL`).
 */
export function searchPageSql(sources: SearchSource[]): string {
  const hits = sources
    .map(
      (source) => `
      SELECT '${source.type}' AS type, h.id, h.thread_id, h.topic_id, h.group_id, h.title, h.seq, h.author_id,
             h.created_at, h.rank, h.text
        FROM (${source.sql}) h`,
    )
    .join('\n      UNION ALL');
  return `SELECT * FROM (${hits}) hits ORDER BY ${ORDER} LIMIT $5 OFFSET $6`;
}

/**
 * Snippets of already HTML-safe texts: `$1` the tsquery, `$2` the texts, `$3` each one's ts_headline options
 * besides the <mark> selectors. One row per text, in their order.
 */
export const SNIPPETS_SQL = `
  SELECT ts_headline('german', doc.text, $1::tsquery, 'StartSel=<mark>, StopSel=</mark>, ' || doc.options) AS snippet
    FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS doc(text, options, n)
   ORDER BY doc.n`;
