import type { SearchSource } from './search-source';
import { readableTopic, SEARCH_SQL } from './search-sql';

/** Strategy drafts: their current text. A hit has no thread: `thread_id` and `seq` are null, `id` is the draft. */
export const draftSearchSource: SearchSource = {
  type: 'draft',
  headline: 'MaxWords=35, MinWords=15',
  markdown: true,
  sql: `
    SELECT d.id, NULL::uuid AS thread_id, d.topic_id, topic.group_id, d.title, NULL::int AS seq,
           d.created_by AS author_id, d.created_at,
           ts_rank(to_tsvector('german', d.content_text), ${SEARCH_SQL.query}) AS rank, d.content_text AS text
      FROM drafts d
      JOIN topics topic ON topic.id = d.topic_id
     WHERE to_tsvector('german', d.content_text) @@ ${SEARCH_SQL.query}
       AND ${readableTopic('topic')}`,
};
