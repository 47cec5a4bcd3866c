import type { SearchSource } from './sources/search-source';
import { SEARCH_SQL } from './sources/search-sql';

/** Best first; the rest makes the order total, so that offsets page without gaps or repeats. */
const ORDER = 'rank DESC, created_at DESC, type, id';

/** The text made HTML-safe before highlighting, so that the only markup in a snippet is <mark>. */
const ESCAPED_TEXT = `replace(replace(replace(page.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;

/**
 * One ranked page over the sources (parameters: those of `SEARCH_SQL`, then `$5` limit and `$6` offset).
 * Snippets are cut only for the rows of the page.
 */
export function searchPageSql(sources: SearchSource[]): string {
  const hits = sources
    .map(
      (source) => `
      SELECT '${source.type}' AS type, '${source.headline}' AS headline, h.id, h.thread_id, h.topic_id,
             h.group_id, h.title, h.seq, h.author_id, h.created_at, h.rank, h.text
        FROM (${source.sql}) h`,
    )
    .join('\n      UNION ALL');
  return `
      SELECT page.type, page.id, page.thread_id, page.topic_id, page.group_id, page.title, page.seq,
             page.author_id, page.created_at, page.rank,
             ts_headline('german', ${ESCAPED_TEXT}, ${SEARCH_SQL.query},
                         'StartSel=<mark>, StopSel=</mark>, ' || page.headline) AS snippet
        FROM (SELECT * FROM (${hits}) hits ORDER BY ${ORDER} LIMIT $5 OFFSET $6) page
       ORDER BY ${ORDER}`;
}
