/**
 * What search covers. Each type has exactly one registered `SearchSource` (checked at boot). To search a new
 * kind of content (drafts, issue 6): add its type here, write its source beside the others and register it in
 * `SearchModule` (or from its own module through `SearchSources.register`).
 */
export const SEARCH_TYPES = ['thread', 'post', 'draft'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/**
 * One kind of searchable content, as SQL. `sql` is a SELECT of the hits the caller may read, with exactly these
 * columns (any order): `id, thread_id, topic_id, group_id, title, seq, author_id, created_at, rank, text`, where
 * `text` is the raw text to cut the snippet from. It uses the placeholders of `SEARCH_SQL` only: it must filter
 * with `to_tsvector('german', <column>) @@ ${SEARCH_SQL.query}` (the expression of its GIN index) and with
 * `readableTopic(<topic alias>)`.
 */
export interface SearchSource {
  readonly type: SearchType;
  /** ts_headline options besides the <mark> selectors, e.g. `HighlightAll=true` for short texts. */
  readonly headline: string;
  /** `text` is Markdown: its snippet is cut from the words a reader sees, without the syntax (`## `, `**`, `](…)`). */
  readonly markdown: boolean;
  readonly sql: string;
}
