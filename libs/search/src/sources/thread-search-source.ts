import type { SearchSource } from './search-source';
import { readableTopic, SEARCH_SQL } from './search-sql';

/** Thread titles. A title match weighs like a heading (weight A), a body match like text (D). */
export const threadSearchSource: SearchSource = {
  type: 'thread',
  headline: 'HighlightAll=true',
  markdown: false,
  sql: `
    SELECT t.id, t.id AS thread_id, t.topic_id, topic.group_id, t.title, NULL::int AS seq, t.author_id,
           t.created_at, ts_rank(setweight(to_tsvector('german', t.title), 'A'), ${SEARCH_SQL.query}) AS rank,
           t.title AS text
      FROM threads t
      JOIN topics topic ON topic.id = t.topic_id
     WHERE to_tsvector('german', t.title) @@ ${SEARCH_SQL.query}
       AND ${readableTopic('topic')}`,
};
